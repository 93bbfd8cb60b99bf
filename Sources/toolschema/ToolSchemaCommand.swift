import ArgumentParser
import ToolSchemaCLI

/// The `toolschema` command: thin subcommands over the libraries.
struct ToolSchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolschema",
        abstract: "Check, repair and validate LLM tool-call JSON.",
        discussion: """
            Exit status: 0 success, 1 the input is invalid, 2 usage or I/O error \
            (chat: 1 a bound was reached, 3 the provider failed).
            """,
        version: CommandEntry.version(of: "toolschema"),
        subcommands: [
            ParseCommand.self, ValidateCommand.self, LintCommand.self, DeriveCommand.self, BenchCommand.self,
            ChatCommand.self,
        ]
    )
}

/// Runs the command; see `CommandEntry` for the exit statuses.
@main
enum Entry {
    static func main() async { await CommandEntry.run(ToolSchemaCommand.self) }
}
