import Foundation
import Testing
import ToolSchema

@Suite struct SpecFilesTests {
    func directory(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("specfiles-\(UUID().uuidString)")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }

    @Test("directories are searched for JSON and YAML, sorted, hidden entries skipped")
    func expand() throws {
        let root = try directory([
            "b.yaml": "name: b\n", "a.json": "{\"name\": \"a\"}", "sub/c.yml": "name: c\n", "notes.txt": "x",
            ".hidden/d.json": "{}", ".e.json": "{}",
        ])
        let files = try SpecFiles.expand([root, "-"])
        #expect(files == [root + "/a.json", root + "/b.yaml", root + "/sub/c.yml", "-"])
    }

    @Test("load keeps going past a file that is not specs, and stops at one that cannot be read")
    func load() throws {
        let root = try directory(["a.json": "{\"name\": \"a\"}", "b.yaml": "name: [b\n", "c.yaml": "name: c\n"])
        let loaded = try SpecFiles.load([root])
        #expect(loaded.specs.map(\.name) == ["a", "c"])
        #expect(loaded.sources.count == 3)
        #expect(loaded.errors.map(\.code) == [.syntax])
        #expect(loaded.errors.first?.file == root + "/b.yaml")
        #expect(throws: LoadError.self) { try SpecFiles.load([root + "/missing.json"]) }
        do {
            _ = try SpecFiles.read(root)
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.message == "cannot read '\(root)': it is a directory")
        }
    }
}
