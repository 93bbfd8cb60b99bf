import ArgumentParser
import ToolSchemaCLI

/// `toolschema-lint`: `toolschema lint` as a program of its own, for pre-commit hooks and
/// SwiftPM plugins. It links only the spec and schema library, so it builds without the
/// HTTP stack the tool-call loop needs.
struct ToolSchemaLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolschema-lint",
        abstract: "Check tool specs in JSON and YAML files against JSON Schema's and the providers' rules.",
        discussion: LintArguments.discussion,
        version: CommandEntry.version(of: "toolschema-lint")
    )

    @OptionGroup var arguments: LintArguments

    func run() throws { try arguments.run() }
}

@main
enum Entry {
    static func main() async { await CommandEntry.run(ToolSchemaLintCommand.self) }
}
