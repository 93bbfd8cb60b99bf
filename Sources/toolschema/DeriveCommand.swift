import ArgumentParser
import ToolSchema
import ToolSchemaCLI

/// `toolschema derive`: write specs in a provider's shape.
struct DeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Print tool specs as the JSON a provider's request needs.",
        discussion: """
            Reads specs in any shape (OpenAI, bare functions, Anthropic, MCP, Gemini, a list or \
            a tools/functions/functionDeclarations wrapper, or a bare JSON Schema) from JSON or \
            YAML files and prints them in the shape --to names. Changes a conversion makes (to \
            Gemini's schema subset, or to OpenAI strict mode with --strict) are listed on stderr.
            Exit status: 0 written, 1 a file is not a valid spec, 2 usage or I/O error.
            """
    )

    @Option(
        name: .customLong("to"),
        help: "The shape to write: openai, functions, anthropic, gemini, mcp or jsonschema."
    )
    var shape: SpecShape

    @Flag(help: "Make each schema an OpenAI strict-mode schema first.")
    var strict = false

    @Flag(name: .customLong("compact"), help: "Print compact JSON instead of indented JSON.")
    var compact = false

    @Argument(help: "Spec files (.json, .yaml, .yml), or - for stdin.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one spec file (or - for stdin)") }
    }

    func run() throws {
        let loaded: SpecFiles.Loaded
        do {
            loaded = try SpecFiles.load(files)
        } catch {
            throw CLIFailure(message: error.message)
        }
        for error in loaded.errors { Console.error(error.rendered()) }
        if !loaded.errors.isEmpty { throw ExitCode(1) }
        do {
            let emitted = try ToolSpec.emit(loaded.specs, as: shape, strict: strict)
            for note in emitted.notes { Console.error("toolschema: note: \(note)") }
            var out = JSONWriter(pretty: !compact).bytes(emitted.value)
            out.append(0x0A)
            Console.out(bytes: out)
        } catch {
            Console.error("toolschema: error: \(error.message)")
            throw ExitCode(1)
        }
    }
}
