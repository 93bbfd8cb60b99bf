import Foundation
import Testing

/// Every complete Swift example in README.md, the getting-started article and the services article (a block that
/// starts with `import`) is type-checked as written against the modules this build produced,
/// so an example that stops compiling fails here instead of misleading a reader.
@Suite(.timeLimit(.minutes(3)))
struct DocumentationExampleTests {
    static let documents = [
        "README.md", "Sources/ToolSchema/ToolSchema.docc/GettingStarted.md",
        "Sources/ToolSchema/ToolSchema.docc/ArgumentsInAService.md",
    ]

    struct Example: CustomTestStringConvertible, Sendable {
        var document: String
        var line: Int
        var code: String
        var testDescription: String { "\(document):\(line)" }
    }

    /// The ```swift blocks of a document whose first line is an import.
    static func examples(in document: String) -> [Example] {
        let url = CLI.packageRoot.appendingPathComponent(document)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var examples: [Example] = []
        var current: [String]? = nil
        var start = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line == "```swift" {
                current = []
                start = number + 2
            } else if current != nil, line == "```" {
                if let code = current, code.first?.hasPrefix("import ") == true {
                    examples.append(Example(document: document, line: start, code: code.joined(separator: "\n")))
                }
                current = nil
            } else if current != nil {
                current?.append(String(line))
            }
        }
        return examples
    }

    @Test("README and the getting-started article have complete examples")
    func examplesExist() {
        #expect(Self.examples(in: "README.md").count >= 2)
        #expect(Self.examples(in: "Sources/ToolSchema/ToolSchema.docc/GettingStarted.md").count >= 3)
        #expect(Self.examples(in: "Sources/ToolSchema/ToolSchema.docc/ArgumentsInAService.md").count == 1)
    }

    /// The build's products folder (where the test binary and the modules are).
    static var products: URL { CLI.binary.deletingLastPathComponent() }

    /// `-fmodule-map-file` for every C module the build knows, one per module name: the
    /// libraries' public modules import some of them (AsyncHTTPClient's shims, CYAML).
    static func moduleMapArguments() -> [String] {
        let manager = FileManager.default
        var candidates: [String] = []
        if let entries = try? manager.contentsOfDirectory(atPath: products.path) {
            for entry in entries.sorted() where entry.hasSuffix(".build") && !entry.hasSuffix("-tool.build") {
                candidates.append(products.appendingPathComponent("\(entry)/module.modulemap").path)
                candidates.append(products.appendingPathComponent("\(entry)/include/module.modulemap").path)
            }
        }
        // Checkouts live beside the triple folder: .build/checkouts, or <scratch>/checkouts.
        let checkouts = products.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("checkouts")
        if let packages = try? manager.contentsOfDirectory(atPath: checkouts.path) {
            for package in packages.sorted() {
                let sources = checkouts.appendingPathComponent("\(package)/Sources")
                for target in (try? manager.contentsOfDirectory(atPath: sources.path))?.sorted() ?? [] {
                    candidates.append(sources.appendingPathComponent("\(target)/include/module.modulemap").path)
                }
            }
        }
        candidates.append(CLI.packageRoot.appendingPathComponent("Sources/CYAML/module.modulemap").path)
        var seen: Set<String> = []
        var arguments: [String] = []
        for path in candidates {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let name = text.split(whereSeparator: \.isWhitespace).drop { $0 != "module" }.dropFirst().first
            guard let name, seen.insert(String(name)).inserted else { continue }
            arguments += ["-Xcc", "-fmodule-map-file=\(path)"]
        }
        return arguments
    }

    @Test(
        "each complete example type-checks as written",
        arguments: DocumentationExampleTests.documents.flatMap { DocumentationExampleTests.examples(in: $0) }
    )
    func typeChecks(_ example: Example) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("main.swift")
        try Data(example.code.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["swiftc", "-typecheck", "-I", Self.products.appendingPathComponent("Modules").path]
            + Self.moduleMapArguments() + [file.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(example.testDescription) does not compile:\n\(output)")
    }
}
