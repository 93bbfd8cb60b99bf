import Foundation
import Testing
import ToolSchema

/// Every thrown error carries a code callers can switch on, a location where one exists, and
/// renders in the one layout: `file:line:column: error: message`, the line, a caret.
@Suite struct ErrorStyleTests {
    @Test(
        "each way a schema cannot compile has its code and its place in the schema",
        arguments: [
            (["properties": ["a": 5]], SchemaError.Code.notASchema, "/properties/a"),
            (["minLength": "3"], .keywordValue, "/minLength"),
            (["$ref": 5], .keywordValue, "/$ref"),
            (["type": "dict"], .unknownType, "/type"),
            (["pattern": "(a)\\1"], .pattern, "/pattern"),
            (["patternProperties": ["(": true]], .pattern, "/patternProperties/("),
            (["$ref": "#/nowhere"], .reference, "/$ref"),
            (["$ref": "https://example.com/s.json"], .reference, "/$ref"),
            (["$ref": "#"], .referenceCycle, ""),
        ] as [(JSONValue, SchemaError.Code, String)]
    )
    func schemaErrors(_ schema: JSONValue, _ code: SchemaError.Code, _ place: String) {
        do {
            _ = try Validator(schema)
            Issue.record("\(schema) compiled")
        } catch {
            #expect(error.code == code, "\(error)")
            #expect(error.schemaPath.description == place, "\(error)")
        }
    }

    func loadError(_ text: String, file: String) -> LoadError? {
        do {
            let documents = try LoadedDocument.load(SourceText(file: file, bytes: Array(text.utf8)))
            _ = try ToolSpec.specs(in: documents)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "each way a file cannot load has its code and its line and column",
        arguments: [
            ("{\"name\": \"f\",}", "t.json", LoadError.Code.syntax, 1, 13),
            ("{\"a\": 1, \"a\": 2}", "t.json", .duplicateKey, 1, 10),
            ("name: [f\n", "t.yaml", .syntax, 2, 1),
            ("a: 1\na: 2\n", "t.yaml", .duplicateKey, 2, 1),
            ("a: *nothing\n", "t.yaml", .alias, 1, 4),
            ("a: .inf\n", "t.yaml", .notJSON, 1, 4),
            ("? [a]\n: 1\n", "t.yaml", .notJSON, 1, 3),
            ("name: f\nstrict: 3\n", "t.yaml", .notToolSpecs, 2, 9),
            ("- 1\n- 2\n", "t.yaml", .notToolSpecs, 1, 3),
        ] as [(String, String, LoadError.Code, Int, Int)]
    )
    func loadErrors(_ text: String, _ file: String, _ code: LoadError.Code, _ line: Int, _ column: Int) throws {
        let error = try #require(loadError(text, file: file))
        #expect(error.code == code, "\(error)")
        #expect(error.position?.line == line && error.position?.column == column, "\(error)")
    }

    @Test("bytes that are not UTF-8 are invalid-utf8, in JSON and in YAML")
    func invalidUTF8() throws {
        for file in ["t.json", "t.yaml"] {
            let source = SourceText(file: file, bytes: Array("{\"a\": \"".utf8) + [0xFF] + Array("\"}".utf8))
            #expect(throws: LoadError.self) { try LoadedDocument.load(source) }
            do {
                _ = try LoadedDocument.load(source)
            } catch {
                #expect(error.code == .invalidUTF8, "\(file): \(error)")
            }
        }
    }

    @Test("every diagnostic renders in one layout: header, source line, caret")
    func oneLayout() throws {
        let text =
            "name: f\ndescription: d\nparameters:\n  type: object\n  properties:\n    n: {type: integer, minimum: x}\n"
        let source = SourceText(file: "t.yaml", bytes: Array(text.utf8))
        let spec = try #require(try ToolSpec.specs(in: LoadedDocument.load(source)).first)
        do {
            _ = try Validator(spec: spec)
            Issue.record("compiled")
        } catch {
            #expect(error.code == .keywordValue)
            #expect(
                error.rendered() == """
                    t.yaml:6:33: error: minimum must be a number, found "x"
                        n: {type: integer, minimum: x}
                                                    ^
                    """
            )
        }
        let load = try #require(loadError("a: 1\na: 2\n", file: "d.yaml"))
        #expect(load.rendered().hasPrefix("d.yaml:2:1: error: duplicate key \"a\""))
        #expect(load.rendered().hasSuffix("\na: 2\n^"))
        let finding = try #require(
            Linter().lint([source]).findings.first { $0.rule == .valueType || $0.rule == .keywordValue }
        )
        #expect(finding.rendered().hasPrefix("t.yaml:6:"))
        #expect(finding.rendered().split(separator: "\n").count == 3)
    }

    @Test("emit names the spec it cannot write")
    func emitError() {
        let specs = [
            ToolSpec(name: "f", description: "d", parameters: ["type": "object"]),
            ToolSpec(name: nil, parameters: ["type": "object"], shape: .jsonSchema),
        ]
        do {
            _ = try ToolSpec.emit(specs, as: .openAI)
            Issue.record("emitted")
        } catch {
            #expect(error.code == .missingName)
            #expect(error.specIndex == 1)
        }
    }

    struct Celsius: Decodable {
        var degrees: Double
        init(from decoder: any Decoder) throws { degrees = try decoder.singleValueContainer().decode(Double.self) }
    }

    @Test("derivation errors say what kind of type cannot be arguments")
    func derivationErrors() {
        do {
            _ = try ToolSpec(deriving: Celsius.self)
            Issue.record("derived")
        } catch {
            #expect(error.code == .notAnObject, "\(error)")
        }
    }

    @Test("kinds are extensible structs with stable names, and sort as hints list them")
    func kinds() throws {
        #expect(Coercion.Kind.stringToNumber.description == "string-to-number")
        #expect(HintItem.Kind.unknownTool < .unreadable && HintItem.Kind.badFormat < .other)
        #expect(HintItem.Kind.missingRequired.description == "missing-required")
        let coercion = Coercion(instancePath: ["n"], kind: .enumCase, from: "A", to: "a", message: "m")
        let json = try JSONValue(parsing: Array(JSONEncoder().encode(coercion)))
        #expect(json["kind"] == "enum-case")
    }
}
