import Foundation
import ToolSchema

/// Finding and loading spec files for the commands that read them.
enum SpecFiles {
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
