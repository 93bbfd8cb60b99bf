import ArgumentParser
import ToolSchema
import ToolSchemaCLI

/// `toolschema parse`: parse JSON strictly, or repair model output.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse JSON strictly (RFC 8259), or repair model output with --repair.",
        discussion: """
            Prints the value as compact JSON (indented with --pretty). With --repair, the text is \
            read as tool-call arguments: what models commonly break is repaired, each repair is \
            listed on stderr with its line and column, and "", whitespace or null read as {}.
            Exit status: 0 parsed, 1 invalid JSON, 2 usage or I/O error.
            """
    )

    @Flag(help: "Repair what models commonly break, and list each repair on stderr.")
    var repair = false

    @Flag(help: "Indent the output.")
    var pretty = false

    @Argument(help: "The JSON file, or - for stdin (the default).")
    var file: String?

    func run() throws {
        let input = try Input.read(file)
        let parser = JSONParser()
        let value: JSONValue
        do {
            if repair {
                let result = try parser.repair(input.bytes)
                for r in result.repairs {
                    Console.error(r.rendered(file: input.name))
                }
                if result.isTruncated {
                    Console.error("\(input.name): warning: the input was truncated; the value holds only what arrived")
                }
                value = result.value
            } else {
                value = try parser.parse(input.bytes)
            }
        } catch {
            Console.error(error.rendered(file: input.name))
            throw ExitCode(1)
        }
        var out = JSONWriter(pretty: pretty).bytes(value)
        out.append(0x0A)
        Console.out(bytes: out)
    }
}
