import Foundation
import ToolSchema

/// Finding and loading spec files for the commands that read them.
enum SpecFiles {
    /// Files named directly, and the `*.json`, `*.yaml` and `*.yml` files under directories
    /// (recursively, sorted, hidden folders skipped). A path that does not exist ends the
    /// command with status 2.
    static func expand(_ paths: [String]) throws(CLIFailure) -> [String] {
        var files: [String] = []
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIFailure(message: "cannot read '\(path)': no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw CLIFailure(message: "cannot read the directory '\(path)'")
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                guard DocumentFormat(path: relative) != nil else { continue }
                let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                    found.append(full)
                }
            }
            files += found.sorted()
        }
        return files
    }

    /// Loads every document in `paths` (files, `-` for stdin). Load errors are printed and
    /// counted; I/O errors end the command with status 2.
    static func loadSpecs(_ paths: [String]) throws(CLIFailure) -> (specs: [ToolSpec], failures: Int) {
        var specs: [ToolSpec] = []
        var failures = 0
        for path in paths {
            let input = try Input.read(path)
            let source = SourceText(file: input.name, bytes: input.bytes)
            do {
                let documents = try LoadedDocument.load(source)
                specs += try ToolSpec.specs(in: documents)
            } catch {
                Console.error(error.rendered())
                failures += 1
            }
        }
        return (specs, failures)
    }
}
