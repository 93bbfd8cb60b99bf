import Testing
import ToolSchema

/// The keyword table is what the compiler, the linter and both converters read; these tests
/// hold each of them to it, so a keyword added to the table (or to one stage) without the
/// others fails here.
@Suite struct KeywordTableTests {
    /// A subschema the linter must report (`type-name`), placed where the keyword's shape puts
    /// subschemas, with the pointer tokens below the keyword.
    static func holding(_ bad: JSONValue, for shape: SchemaKeyword.Shape) -> (JSONValue, [String]) {
        switch shape {
        case .schema: (bad, [])
        case .schemaMap, .schemaOrNamesMap: (["p": bad], ["p"])
        case .schemaList, .schemaOrSchemaList: ([bad], ["0"])
        case .value: (bad, [])
        }
    }

    @Test("each keyword the validator checks changes a verdict in some validator test case")
    func implementedKeywordsMatter() throws {
        var shown: Set<String> = []
        for c in ValidatorTests.cases {
            guard case .object(let schema) = c.schema else { continue }
            let verdict = try Validator(c.schema).isValid(c.instance)
            for key in schema.keys {
                var without = schema
                without.removeValue(forKey: key)
                guard let other = try? Validator(.object(without)) else { continue }
                if other.isValid(c.instance) != verdict { shown.insert(key) }
            }
        }
        let checked = SchemaKeyword.table.filter {
            $0.support == .implemented && ($0.role == .assertion || $0.role == .applicator)
        }
        for keyword in checked {
            #expect(shown.contains(keyword.name), "no validator case shows that \(keyword.name) is checked")
        }
    }

    @Test("keywords without effect change no verdict")
    func noEffect() throws {
        for keyword in SchemaKeyword.table where keyword.support == .noEffect {
            let value: JSONValue = keyword.shape.holdsSchemas ? ["type": "string"] : "x"
            let validator = try Validator(.object([keyword.name: value]))
            for instance: JSONValue in [1, "s", nil, [1], ["a": 1]] {
                #expect(validator.isValid(instance), "\(keyword.name) rejected \(instance)")
            }
        }
    }

    @Test("the linter walks into every keyword that holds subschemas")
    func linterWalksEverySubschema() {
        for keyword in SchemaKeyword.table where keyword.shape.holdsSchemas {
            let (value, tokens) = Self.holding(["type": "strng"], for: keyword.shape)
            let schema: JSONValue = ["type": "object", keyword.name: value]
            let report = Linter().lint([ToolSpec(name: "f", description: "d", parameters: schema)])
            let expected = [keyword.name] + tokens + ["type"]
            #expect(
                report.findings.contains {
                    $0.rule.id == "type-name" && $0.pointer.tokens.suffix(expected.count) == expected[...]
                },
                "\(keyword.name): \(report.rendered())"
            )
        }
    }

    @Test("the strict converter reaches every keyword that holds subschemas")
    func strictConverterWalksEverySubschema() throws {
        // (An object's own additionalProperties is set to false by design, so it is left out.)
        for keyword in SchemaKeyword.table where keyword.shape.holdsSchemas && keyword.name != "additionalProperties" {
            let (value, tokens) = Self.holding(
                ["type": "object", "properties": ["a": ["type": "string"]]],
                for: keyword.shape
            )
            let spec = ToolSpec(name: "f", description: "d", parameters: ["type": "object", keyword.name: value])
            let emitted = try ToolSpec.emit([spec], as: .jsonSchema, strict: true)
            let inner = JSONPointer(tokens: [keyword.name] + tokens + ["additionalProperties"])
            #expect(inner.resolve(in: emitted.value) == false, "\(keyword.name): \(emitted.value)")
        }
    }

    @Test("Gemini's subset: kept as written, or converted, never silently kept otherwise")
    func geminiSubset() throws {
        let supported = SchemaKeyword.supported(by: .gemini)
        #expect(supported.count == 22)
        for keyword in SchemaKeyword.table {
            let spec = ToolSpec(
                name: "f",
                description: "d",
                parameters: ["type": "object", keyword.name: keyword.shape.holdsSchemas ? ["type": "string"] : 1]
            )
            let emitted = try ToolSpec.emit([spec], as: .gemini)
            let parameters = JSONPointer(tokens: ["0", "functionDeclarations", "0", "parameters"]).resolve(
                in: emitted.value
            )
            let kept = parameters?.objectValue?[keyword.name] != nil
            if !supported.contains(keyword.name) {
                #expect(!kept, "\(keyword.name) is outside Gemini's subset but was kept")
                #expect(!emitted.notes.isEmpty, "\(keyword.name) was dropped without a note")
            }
        }
    }
}
