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

@Suite struct SchemaResourceLoadingTests {
    func directory(_ files: [String: String]) throws -> String { try SpecFilesTests().directory(files) }

    @Test("a directory's files answer to their file URIs and, with a base URI, to it plus their relative paths")
    func directoryWithBase() throws {
        let root = try directory(["a.json": #"{"type": "string"}"#, "sub/b.yaml": "type: integer\n", "notes.txt": "x"])
        let resources = try SchemaResource.load(root, baseURI: "http://localhost:1234")
        let uris = Set(resources.compactMap(\.uri))
        #expect(uris.contains("http://localhost:1234/a.json"))
        #expect(uris.contains("http://localhost:1234/sub/b.yaml"))
        #expect(uris.contains(URL(fileURLWithPath: root + "/a.json").absoluteString))
        #expect(resources.count == 4)
        let validator = try Validator(["$ref": "http://localhost:1234/sub/b.yaml"], resources: resources)
        #expect(validator.isValid(3) && !validator.isValid("3"))
    }

    @Test("a single file answers to the base URI itself, or to a folder URI plus its name")
    func singleFile() throws {
        let root = try directory(["city.json": #"{"type": "string"}"#])
        let exact = try SchemaResource.load(argument: "https://example.com/c=\(root)/city.json")
        #expect(exact.map(\.uri).contains("https://example.com/c"))
        let folder = try SchemaResource.load(root + "/city.json", baseURI: "https://example.com/s/")
        #expect(folder.map(\.uri).contains("https://example.com/s/city.json"))
    }

    @Test("a file with several YAML documents, or one that does not exist, is a load error")
    func errors() throws {
        let root = try directory(["two.yaml": "type: string\n---\ntype: integer\n"])
        #expect {
            try SchemaResource.load(root + "/two.yaml")
        } throws: { error in
            (error as? LoadError)?.code == .documentCount
        }
        #expect(throws: LoadError.self) { try SchemaResource.load(root + "/missing.json") }
    }
}
