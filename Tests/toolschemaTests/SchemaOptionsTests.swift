import Foundation
import Testing

/// `--dialect` and `--resources` on validate, lint and bench, and bare JSON Schema files.
@Suite struct SchemaOptionsTests {
    /// A folder with a schema that refers to a resource by URI, by `$id` and by relative path.
    func folder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("schema-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("res/sub"),
            withIntermediateDirectories: true
        )
        let files = [
            "res/city.json": #"{"$id": "https://example.com/city.json", "type": "string", "minLength": 2}"#,
            "res/sub/count.yaml": "type: integer\nminimum: 1\n",
            "tool.json": #"""
            {"name": "f", "description": "d", "parameters": {"type": "object", "properties": {
              "city": {"$ref": "https://example.com/city.json"},
              "count": {"$ref": "http://schemas.test/sub/count.yaml"},
              "again": {"$ref": "res/sub/count.yaml"}}}}
            """#,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(name)) }
        return root
    }

    @Test("--resources BASE_URI=DIR serves each file at the base URI plus its path, by $id and beside the spec")
    func resources() throws {
        let root = try folder()
        let ok = try CLI.run(
            [
                "validate", "--schema", "tool.json", "--resources", "http://schemas.test/=res",
                #"{"city": "Xi'an", "count": 2, "again": 3}"#,
            ],
            workingDirectory: root
        )
        #expect(ok.status == 0, "\(ok.stderr)")
        let bad = try CLI.run(
            [
                "validate", "--schema", "tool.json", "--resources", "http://schemas.test/=res",
                #"{"city": "X", "count": 0}"#,
            ],
            workingDirectory: root
        )
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("error: /city: expected at least 2 characters, found 1 [minLength]"))
        #expect(bad.stderr.contains("error: /count: expected at least 1, found 0 [minimum]"))
    }

    @Test("a $ref nothing answers is a schema error naming the URI and how to provide it; lint reports it at the $ref")
    func unresolved() throws {
        let root = try folder()
        let validate = try CLI.run(["validate", "--schema", "tool.json", "{}"], workingDirectory: root)
        #expect(validate.status == 2)
        #expect(
            validate.stderr.contains(
                #"tool.json:2:20: error: $ref "https://example.com/city.json" points to https://example.com/city.json, which no schema given to this validator answers to; nothing is fetched"#
            ),
            "\(validate.stderr)"
        )
        let lint = try CLI.run(["lint", "tool.json"], workingDirectory: root)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("tool.json:2:20: error: $ref \"https://example.com/city.json\""), "\(lint.stdout)")
        let clean = try CLI.run(
            ["lint", "--resources", "http://schemas.test/=res", "tool.json"],
            workingDirectory: root
        )
        #expect(clean.status == 0, "\(clean.stdout)")
    }

    @Test("--dialect reads a schema without $schema as that draft")
    func dialect() throws {
        // In draft-07 a $ref replaces its siblings; in 2020-12 both apply.
        let schema = try CLI.temporaryFile(
            Array(##"{"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "maxLength": 2}"##.utf8)
        )
        let modern = try CLI.run(["validate", "--schema", schema, #""abc""#])
        #expect(modern.status == 1)
        let draft07 = try CLI.run(["validate", "--schema", schema, "--dialect", "draft-07", #""abc""#])
        #expect(draft07.status == 0, "\(draft07.stderr)")
        let draft04 = try CLI.temporaryFile(Array(#"{"type": "integer"}"#.utf8))
        #expect(
            try CLI.run(["validate", "--mode", "strict", "--schema", draft04, "--dialect", "draft-04", "1.0"]).status
                == 1
        )
        #expect(try CLI.run(["validate", "--mode", "strict", "--schema", draft04, "1.0"]).status == 0)
        let wrong = try CLI.run(["validate", "--schema", draft04, "--dialect", "draft-05", "1"])
        #expect(wrong.status == 2)  // a usage error
        #expect(wrong.stderr.contains("'draft-05' is invalid for '--dialect"))
        let missing = try CLI.run(["validate", "--schema", draft04, "--resources", "/no/such/dir", "1"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read '/no/such/dir'"))
    }

    @Test("a file holding only validation keywords, or true or false, is a bare JSON Schema")
    func bareSchemas() throws {
        let limits = try CLI.temporaryFile(Array(#"{"maxItems": 2}"#.utf8))
        let tooMany = try CLI.run(["validate", "--schema", limits, "[1, 2, 3]"])
        #expect(tooMany.status == 1)
        #expect(tooMany.stderr.contains("expected at most 2 items, found 3 [maxItems]"))
        let never = try CLI.temporaryFile(Array("false".utf8))
        let refused = try CLI.run(["validate", "--schema", never, "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no value is allowed here"))
        let always = try CLI.temporaryFile(Array("true\n".utf8), name: "always.yaml")
        #expect(try CLI.run(["validate", "--schema", always, "[1]"]).status == 0)
    }
}
