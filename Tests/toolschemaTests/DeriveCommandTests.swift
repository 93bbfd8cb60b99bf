import Foundation
import Testing

@Suite struct DeriveCommandTests {
    @Test(
        "derive writes every shape from a shipped spec",
        arguments: ["openai", "functions", "anthropic", "gemini", "mcp", "jsonschema"]
    )
    func shapes(_ shape: String) throws {
        let result = try CLI.run(["derive", "--to", shape, "--compact", "schemas/get_weather.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("\n"))
        if shape != "jsonschema" { #expect(result.stdout.contains("\"get_weather\"")) }
    }

    @Test func openAIStrictReportsChanges() throws {
        let yaml =
            "name: w\nparameters:\n  type: object\n  properties:\n    city: {type: string}\n    unit: {type: string}\n  required: [city]\n"
        let result = try CLI.run(["derive", "--to", "openai", "--strict", "--compact", "-"], stdin: yaml)
        #expect(result.status == 0)
        #expect(
            result.stdout
                == #"[{"type":"function","function":{"name":"w","parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":["string","null"]}},"required":["city","unit"],"additionalProperties":false},"strict":true}}]"#
                + "\n"
        )
        #expect(result.stderr.contains("toolschema: note: w: (root): added additionalProperties: false"))
        #expect(result.stderr.contains("made the optional property \"unit\" required and nullable"))
    }

    @Test("an invalid spec: exit 1 with its position")
    func invalidSpec() throws {
        let result = try CLI.run(["derive", "--to", "openai", "-"], stdin: "name: 42\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:1:7: error: a tool's \"name\" must be a string"))
    }

    @Test(
        "usage and I/O errors: exit 2",
        arguments: [
            ["derive", "--to", "openai"], ["derive", "--to", "nope", "x.json"],
            ["derive", "--to", "openai", "/nonexistent.yaml"],
        ]
    )
    func usage(_ arguments: [String]) throws {
        #expect(try CLI.run(arguments).status == 2)
    }
}
