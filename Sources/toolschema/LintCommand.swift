import ArgumentParser
import Foundation
import ToolSchema

enum LintFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, github, sarif
}

/// `toolschema lint`: check tool specs before they ship.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check tool specs in JSON and YAML files against JSON Schema's and the providers' rules.",
        discussion: """
            PATH may be a file or a directory (searched recursively for *.json, *.yaml and *.yml), \
            or - for stdin. The portable profile always runs; --profile adds provider rules and \
            may be given several times.
            Exit status: 0 no errors (warnings allowed unless --warnings-as-errors), 1 errors, \
            2 usage or I/O error.
            """
    )

    @Option(
        name: .customLong("profile"),
        help: "Rules to add: portable, openai, openai-strict, anthropic, gemini, mcp."
    )
    var profiles: [LintProfile] = []

    @Option(help: "Output: text, json, github (workflow annotations) or sarif (SARIF 2.1.0).")
    var format: LintFormat = .text

    @OptionGroup var schemaOptions: SchemaOptions

    @Flag(help: "Exit 1 on warnings too.")
    var warningsAsErrors = false

    @Argument(help: "Spec files or directories, or - for stdin.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file or directory (or - for stdin)") }
    }

    func run() throws {
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
    }
}
