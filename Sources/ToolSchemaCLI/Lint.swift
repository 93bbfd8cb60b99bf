package import ArgumentParser
import Foundation
package import ToolSchema

/// The output formats of `toolschema lint` and `toolschema-lint`.
package enum LintFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, github, sarif
}

/// What `toolschema lint` and `toolschema-lint` share: the options, the paths, and the run.
package struct LintArguments: ParsableArguments {
    /// The help text both commands show after the options.
    package static let discussion = """
        PATH may be a file or a directory (searched recursively for *.json, *.yaml and *.yml), \
        or - for stdin. The portable profile always runs; --profile adds provider rules and \
        may be given several times.
        Exit status: 0 no errors (warnings allowed unless --warnings-as-errors), 1 errors, \
        2 usage or I/O error.
        """

    @Option(
        name: .customLong("profile"),
        help: "Rules to add: portable, openai, openai-strict, anthropic, gemini, mcp."
    )
    package var profiles: [LintProfile] = []

    @Option(help: "Output: text, json, github (workflow annotations) or sarif (SARIF 2.1.0).")
    package var format: LintFormat = .text

    @OptionGroup package var schemaOptions: SchemaOptions

    @Flag(help: "Exit 1 on warnings too.")
    package var warningsAsErrors = false

    @Option(
        help: ArgumentHelp(
            "After a lint that passes, write FILE: a Swift source holding one comment.",
            discussion: "For build systems that need an output to track; SwiftPM's build-tool plugin uses it.",
            valueName: "FILE"
        )
    )
    package var stamp: String?

    @Argument(help: "Spec files or directories, or - for stdin.")
    package var paths: [String] = []

    package init() {}

    package func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file or directory (or - for stdin)") }
    }

    /// Lints the paths and prints the report; exit status 1 when it does not pass.
    package func run() throws {
        var sources: [SourceText] = []
        for path in try Input.expand(paths) {
            let input = try Input.read(path)
            sources.append(SourceText(file: input.name, bytes: input.bytes))
        }
        let linter = Linter(
            profiles: Set(profiles),
            resources: try schemaOptions.loadResources(),
            defaultDialect: schemaOptions.dialect
        )
        let report = linter.lint(sources)
        switch format {
        case .text:
            Console.out(report.rendered())
        case .json:
            Console.out(report.json().jsonString(pretty: true) + "\n")
        case .github:
            Console.out(report.githubAnnotations())
        case .sarif:
            Console.out(report.sarif().jsonString(pretty: true) + "\n")
        }
        if report.errorCount > 0 || (warningsAsErrors && report.warningCount > 0) { throw ExitCode(1) }
        if let stamp { try writeStamp(stamp, files: sources.count) }
    }

    private func writeStamp(_ path: String, files: Int) throws {
        let text = "// toolschema-lint: \(files) spec file\(files == 1 ? "" : "s") passed.\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw CLIFailure(message: "cannot write the stamp file \(path)")
        }
    }
}

/// `toolschema lint`: check tool specs before they ship.
package struct LintCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check tool specs in JSON and YAML files against JSON Schema's and the providers' rules.",
        discussion: LintArguments.discussion
    )

    @OptionGroup package var arguments: LintArguments

    package init() {}

    package func run() throws { try arguments.run() }
}
