import Foundation
import Testing
import ToolSchema

/// `toolschema-lint`, the lint command as a program of its own (for pre-commit and the
/// SwiftPM plugins), and the pre-commit hook that runs it.
@Suite struct LintProgramTests {
    static let lint = CLI.program("toolschema-lint")

    func spec(_ text: String, name: String = "spec.yaml") throws -> String {
        try CLI.temporaryFile(Array(text.utf8), name: name)
    }

    @Test("prints exactly what toolschema lint prints, with the same status, in every format")
    func sameAsToolschemaLint() throws {
        let bad = try spec("name: f\ndescription: d\nparameters:\n  type: dict\n")
        let warning = try spec("name: f\nparameters: {type: object, properties: {}}\n")
        let cases: [[String]] = [
            ["schemas"],
            [bad],
            ["--format", "json", bad],
            ["--format", "github", bad, "schemas"],
            ["--format", "sarif", "schemas"],
            ["--profile", "openai", "--profile", "gemini", "schemas"],
            ["--warnings-as-errors", warning],
            ["--dialect", "draft-07", warning],
            ["no-such-file.json"],
            ["--profile", "nonsense", "schemas"],
            [],
        ]
        for arguments in cases {
            let ours = try CLI.run(arguments, program: Self.lint)
            let theirs = try CLI.run(["lint"] + arguments)
            #expect(ours.status == theirs.status, "\(arguments)")
            #expect(ours.stdout == theirs.stdout, "\(arguments)")
            // Errors name the program; a usage error's first line is the same, then each
            // shows its own usage.
            let ourLines = ours.stderr.replacingOccurrences(of: "toolschema-lint: error", with: "toolschema: error")
            let firstLine = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false)[0] }
            if theirs.stderr.hasPrefix("Error: ") {
                #expect(firstLine(ours.stderr) == firstLine(theirs.stderr), "\(arguments)")
                #expect(ours.stderr.lowercased().contains("usage: toolschema-lint "), "\(arguments)")
            } else {
                #expect(ourLines == theirs.stderr, "\(arguments)")
            }
        }
        #expect(try CLI.run([bad], program: Self.lint).status == 1)
        #expect(try CLI.run(["schemas"], program: Self.lint).status == 0)
        #expect(try CLI.run([], program: Self.lint).status == 2)
    }

    @Test("--version: the package's version, as toolschema --version prints it")
    func version() throws {
        let result = try CLI.run(["--version"], program: Self.lint)
        #expect(result.status == 0)
        #expect(result.stdout == "toolschema-lint \(ToolSchemaInfo.version) (libyaml \(LibYAML.version))\n")
    }

    @Test("--stamp writes its file only when the lint passes")
    func stamp() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stamp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stamp = directory.appendingPathComponent("ToolSpecs.swift").path

        let bad = try spec("name: f\ndescription: d\nparameters:\n  type: dict\n")
        #expect(try CLI.run(["--stamp", stamp, bad], program: Self.lint).status == 1)
        #expect(!FileManager.default.fileExists(atPath: stamp))

        let passed = try CLI.run(["--stamp", stamp, "schemas"], program: Self.lint)
        #expect(passed.status == 0)
        let text = try String(contentsOfFile: stamp, encoding: .utf8)
        #expect(text == "// toolschema-lint: 8 spec files passed.\n")

        let unwritable = try CLI.run(
            ["--stamp", directory.path + "/missing/folder/x.swift", "schemas"],
            program: Self.lint
        )
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write the stamp file"))
    }

    /// One hook of `.pre-commit-hooks.yaml`.
    struct Hook {
        var id: String
        var entry: String
        var language: String
        var args: [String]
        var files: String
        var types: [String]

        init(_ value: JSONValue) throws {
            id = try #require(value["id"]?.stringValue)
            entry = try #require(value["entry"]?.stringValue)
            language = try #require(value["language"]?.stringValue)
            args = (value["args"]?.arrayValue ?? []).compactMap(\.stringValue)
            files = value["files"]?.stringValue ?? ""
            types = (value["types_or"]?.arrayValue ?? []).compactMap(\.stringValue)
        }

        /// Whether pre-commit passes `path` (relative to the repository) to the hook:
        /// `files` is searched for (Python's `re.search`), and the extension is one of the types.
        func selects(_ path: String) throws -> Bool {
            let expression = try NSRegularExpression(pattern: files)
            let range = NSRange(path.startIndex..., in: path)
            guard expression.firstMatch(in: path, range: range) != nil else { return false }
            let extensions = ["json": ["json"], "yaml": ["yaml", "yml"]]
            let suffix = (path as NSString).pathExtension
            return types.isEmpty || types.contains { extensions[$0, default: []].contains(suffix) }
        }
    }

    func hooks() throws -> [Hook] {
        let path = CLI.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml").path
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let documents = try LoadedDocument.loadYAML(SourceText(file: path, bytes: [UInt8](bytes)))
        let list = try #require(documents.first?.value.arrayValue)
        return try list.map(Hook.init)
    }

    @Test("the pre-commit hook names a program this package builds, and selects spec folders only")
    func hookDefinition() throws {
        let hooks = try hooks()
        #expect(hooks.map(\.id) == ["toolschema-lint"])
        let hook = try #require(hooks.first)
        #expect(hook.language == "swift")
        #expect(FileManager.default.isExecutableFile(atPath: CLI.program(hook.entry).path))
        for path in ["schemas/get_weather.json", "schemas/book_ticket.yaml", "service/tools/search.yml"] {
            #expect(try hook.selects(path), "\(path)")
        }
        for path in ["package.json", "schemas/weather.py", "Tests/Fixtures/a.json", ".github/workflows/ci.yml"] {
            #expect(try !hook.selects(path), "\(path)")
        }
    }

    @Test("the hook's command line, as pre-commit runs it on the files it selects: 0 clean, 1 with an error")
    func hookCommandLine() throws {
        let hook = try #require(try hooks().first)
        let root = CLI.packageRoot.path
        let files = try FileManager.default.subpathsOfDirectory(atPath: root + "/schemas")
            .map { "schemas/" + $0 }
            .filter { try hook.selects($0) }
            .sorted()
        #expect(files.count == 8)
        let clean = try CLI.run(hook.args + files, program: CLI.program(hook.entry))
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.hasSuffix("8 files, 8 tools: 0 errors, 0 warnings\n"))

        // A repository with one bad spec staged under tools/.
        let repository = FileManager.default.temporaryDirectory.appendingPathComponent("hook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: repository.appendingPathComponent("tools"),
            withIntermediateDirectories: true
        )
        defer { try? FileManager.default.removeItem(at: repository) }
        try Data("name: f\ndescription: d\nparameters:\n  type: dict\n".utf8)
            .write(to: repository.appendingPathComponent("tools/f.yaml"))
        try Data("{\"name\": \"ok\"}".utf8).write(to: repository.appendingPathComponent("package.json"))
        let staged = try ["tools/f.yaml", "package.json"].filter { try hook.selects($0) }
        #expect(staged == ["tools/f.yaml"])
        let failed = try CLI.run(hook.args + staged, workingDirectory: repository, program: CLI.program(hook.entry))
        #expect(failed.status == 1)
        #expect(failed.stdout.hasPrefix("tools/f.yaml:4:9: error: "))
    }

    /// The fenced blocks of the CI article with this info string, in order.
    static func articleBlocks(_ info: String) throws -> [String] {
        let path = CLI.packageRoot.appendingPathComponent("Sources/ToolSchema/ToolSchema.docc/LintingInCI.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```" + info {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test("the CI article's package is Examples/LintPlugins, which scripts/check-plugins builds")
    func articlePackage() throws {
        let example = try String(
            contentsOf: CLI.packageRoot.appendingPathComponent("Examples/LintPlugins/Package.swift"),
            encoding: .utf8
        )
        #expect(try Self.articleBlocks("swift") == [example])
    }

    @Test("the CI article's workflow is YAML whose lint steps run as written")
    func articleWorkflow() throws {
        let blocks = try Self.articleBlocks("yaml")
        #expect(blocks.count == 2)
        let hooks = try hooks().map(\.id)
        let preCommit = try #require(
            LoadedDocument.loadYAML(SourceText(file: "pre-commit", bytes: Array(blocks[0].utf8))).first?.value
        )
        let configured = preCommit["repos"]?[0]?["hooks"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(configured == hooks)

        let workflow = try #require(
            LoadedDocument.loadYAML(SourceText(file: "workflow", bytes: Array(blocks[1].utf8))).first?.value
        )
        let steps = try #require(workflow["jobs"]?["lint"]?["steps"]?.arrayValue)
        let program = ".toolschema/.build/release/toolschema-lint "
        let lintSteps = steps.compactMap { $0["run"]?.stringValue }.filter { $0.hasPrefix(program) }
        #expect(lintSteps.count == 2)
        for step in lintSteps {
            // The command line up to a redirection, run on this package's schemas/.
            let command = step.dropFirst(program.count).split(separator: ">")[0]
            let arguments = command.split(separator: " ").map(String.init)
            let result = try CLI.run(arguments, program: Self.lint)
            #expect(result.status == 0, "\(step): \(result.stderr)")
            #expect(!result.stdout.isEmpty || arguments.contains("github"), "\(step)")
        }
        let uploads = steps.compactMap { $0["uses"]?.stringValue }
        #expect(uploads.contains("github/codeql-action/upload-sarif@v3"))
    }
}
