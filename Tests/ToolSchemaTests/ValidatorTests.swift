import Foundation
import Testing
import ToolSchema

struct KeywordCase: CustomTestStringConvertible, Sendable {
    var schema: JSONValue
    var instance: JSONValue
    var errors: [String]  // "keyword at /path", empty when valid
    var testDescription: String { "\(schema.jsonString()) ← \(instance.jsonString())" }
    init(_ schema: JSONValue, _ instance: JSONValue, _ errors: [String] = []) {
        self.schema = schema
        self.instance = instance
        self.errors = errors
    }
}

@Suite struct ValidatorTests {
    static let cases: [KeywordCase] = [
        // type
        .init(["type": "integer"], 1), .init(["type": "integer"], 1.0),
        .init(["type": "integer"], .number(JSONNumber(literal: "1e2")!)),
        .init(["type": "integer"], 1.5, ["type at "]), .init(["type": "number"], 1),
        .init(["type": "string"], 1, ["type at "]),
        .init(["type": ["string", "null"]], nil), .init(["type": ["string", "null"]], true, ["type at "]),
        .init(["type": "STRING"], "x"), .init(["type": "string", "nullable": true], nil),
        .init(["type": "object"], [], ["type at "]),
        // enum, const
        .init(["enum": ["celsius", "fahrenheit"]], "celsius"),
        .init(["enum": ["celsius", "fahrenheit"]], "Celsius", ["enum at "]),
        .init(["enum": [1, 2]], 1.0), .init(["const": ["a": 1, "b": [1, 2]]], ["b": [1.0, 2], "a": 1]),
        .init(["const": 1], 2, ["const at "]),
        .init(["enum": ["a"], "nullable": true], nil),
        // objects
        .init(["required": ["city"]], ["city": "x"]),
        .init(["required": ["city", "unit"]], [:], ["required at ", "required at "]),
        .init(["properties": ["a": ["type": "string"]]], ["a": 1], ["type at /a"]),
        .init(
            ["properties": ["a": true], "additionalProperties": false],
            ["a": 1, "b": 2],
            ["additionalProperties at /b"]
        ),
        .init(["additionalProperties": ["type": "integer"]], ["x": 1, "y": "s"], ["type at /y"]),
        .init(
            ["patternProperties": ["^x_": ["type": "integer"]], "additionalProperties": false],
            ["x_a": 1, "y": 1],
            ["additionalProperties at /y"]
        ),
        .init(["propertyNames": ["maxLength": 3]], ["abcd": 1], ["maxLength at /abcd"]),
        .init(["minProperties": 1], [:], ["minProperties at "]),
        .init(["maxProperties": 1], ["a": 1, "b": 2], ["maxProperties at "]),
        .init(["dependentRequired": ["card": ["cvv"]]], ["card": "1"], ["dependentRequired at "]),
        .init(["dependencies": ["a": ["b"]]], ["a": 1, "b": 2]),
        .init(["dependencies": ["a": ["b"]]], ["a": 1], ["dependentRequired at "]),
        .init(["dependencies": ["a": ["required": ["b"]]]], ["a": 1], ["required at "]),
        .init(["dependentSchemas": ["a": ["required": ["b"]]]], ["a": 1], ["required at "]),
        .init(["patternProperties": ["^x_": ["type": "integer"]]], ["x_a": "s", "y": "s"], ["type at /x_a"]),
        // arrays
        .init(["items": ["type": "integer"]], [1, "x"], ["type at /1"]),
        .init(["prefixItems": [["type": "string"]], "items": false], ["a", 1], ["false at /1"]),
        .init(["prefixItems": [["type": "string"], ["type": "integer"]]], ["a", "b"], ["type at /1"]),
        .init(["items": [["type": "string"], ["type": "integer"]]], ["a", 1, true]),
        .init(["items": [["type": "string"]], "additionalItems": false], ["a", 1], ["false at /1"]),
        .init(["contains": ["type": "integer"]], ["a", "b"], ["contains at "]),
        .init(["contains": ["type": "integer"], "minContains": 2], [1, "a", 2]),
        .init(["contains": ["type": "integer"], "minContains": 2], [1, "a"], ["minContains at "]),
        .init(["contains": ["type": "integer"], "maxContains": 1], [1, 2], ["maxContains at "]),
        .init(["minItems": 2], [1], ["minItems at "]), .init(["maxItems": 1], [1, 2], ["maxItems at "]),
        .init(["uniqueItems": true], [1, 1.0], ["uniqueItems at "]),
        .init(["uniqueItems": true], [["a": 1, "b": 2], ["b": 2, "a": 1]], ["uniqueItems at "]),
        .init(["uniqueItems": true], [1, "1", true, nil, [1], ["a": 1]]),
        // strings
        .init(["minLength": 5, "maxLength": 5], "👨‍👩‍👧"), .init(["maxLength": 1], "👨‍👩‍👧", ["maxLength at "]),
        .init(["minLength": 2], "é", ["minLength at "]),
        .init(["pattern": "^[a-z]+$"], "abc"), .init(["pattern": "^[a-z]+$"], "aBc", ["pattern at "]),
        .init(["pattern": "b"], "abc"),
        .init(["pattern": "^\\d{3}$"], "12a", ["pattern at "]), .init(["pattern": "^[a-z]+$"], 12),
        .init(["format": "date"], "2024-02-29"), .init(["format": "date"], "2023-02-29", ["format at "]),
        .init(["format": "email"], "a@b.co"),
        .init(["format": "unknown-format"], "anything"),
        // numbers
        .init(["minimum": 1], 1), .init(["minimum": 1], 0.999, ["minimum at "]),
        .init(["exclusiveMinimum": 1], 1, ["exclusiveMinimum at "]),
        .init(["maximum": 10], .number(JSONNumber(literal: "10.0000000000000000001")!), ["maximum at "]),
        .init(["exclusiveMaximum": 10], 9.5), .init(["exclusiveMaximum": 10], 10, ["exclusiveMaximum at "]),
        .init(["minimum": 5, "exclusiveMinimum": true], 5, ["exclusiveMinimum at "]),
        .init(["maximum": 5, "exclusiveMaximum": true], 4),
        .init(["multipleOf": 0.01], 19.99),
        .init(["multipleOf": 0.01], .number(JSONNumber(literal: "19.999")!), ["multipleOf at "]),
        .init(["multipleOf": 3], .number(JSONNumber(literal: "123456789012345678901234567890123")!)),
        .init(
            ["multipleOf": 7],
            .number(JSONNumber(literal: "123456789012345678901234567890123")!),
            ["multipleOf at "]
        ),
        .init(
            ["multipleOf": .number(JSONNumber(literal: "12345678901234567890123")!)],
            .number(JSONNumber(literal: "24691357802469135780246")!)
        ),
        .init(["multipleOf": 0.1], .number(JSONNumber(literal: "1e400")!)),
        .init(["multipleOf": 2], .number(JSONNumber(literal: "1e-1")!), ["multipleOf at "]),
        // composition
        .init(["allOf": [["type": "string"], ["minLength": 2]]], "a", ["minLength at "]),
        .init(["anyOf": [["type": "string"], ["type": "integer"]]], 1),
        .init(["anyOf": [["type": "string"], ["minimum": 5]]], 1, ["minimum at "]),
        .init(["oneOf": [["type": "integer"], ["minimum": 0]]], 1, ["oneOf at "]),
        .init(["oneOf": [["type": "integer"], ["type": "string"]]], "x"),
        .init(["not": ["type": "string"]], "x", ["not at "]), .init(["not": ["type": "string"]], 1),
        .init(["if": ["type": "string"], "then": ["minLength": 2]], "a", ["minLength at "]),
        .init(["if": ["type": "string"]], "a"),
        .init(["if": ["type": "string"], "else": ["minimum": 5]], 1, ["minimum at "]),
        // unevaluated: what no adjacent or in-place subschema evaluated
        .init(
            ["properties": ["a": true], "allOf": [["properties": ["b": true]]], "unevaluatedProperties": false],
            ["a": 1, "b": 2, "c": 3],
            ["unevaluatedProperties at /c"]
        ),
        .init(
            ["prefixItems": [true], "unevaluatedItems": ["type": "string"]],
            [1, "x", 2],
            ["type at /2"]
        ),
        // booleans and annotations
        .init(true, ["anything": 1]), .init(false, 1, ["false at "]),
        .init(
            [
                "description": "d", "title": "t", "default": 5, "examples": [1], "deprecated": true, "$comment": "c",
                "x-foo": 1,
            ],
            "x"
        ),
    ]

    @Test("every keyword, passing and failing", arguments: cases)
    func keywords(_ c: KeywordCase) throws {
        let validator = try Validator(c.schema)
        let errors = validator.validate(c.instance)
        #expect(errors.map { "\($0.keyword) at \($0.instancePath)" } == c.errors, "\(errors)")
        #expect(validator.isValid(c.instance) == c.errors.isEmpty)
        for e in errors { #expect(!e.message.isEmpty) }
    }

    @Test("$ref to #, $defs, definitions and any pointer; recursion works")
    func refs() throws {
        let tree: JSONValue = [
            "$defs": [
                "node": [
                    "type": "object",
                    "properties": [
                        "value": ["type": "integer"], "children": ["type": "array", "items": ["$ref": "#/$defs/node"]],
                    ],
                ]
            ],
            "$ref": "#/$defs/node",
        ]
        let v = try Validator(tree)
        #expect(v.validate(["value": 1, "children": [["value": 2, "children": [["value": 3]]]]]).isEmpty)
        let errors = v.validate(["value": 1, "children": [["value": 2, "children": [["value": "x"]]]]])
        #expect(errors.map(\.instancePath.description) == ["/children/0/children/0/value"])
        #expect(errors.first?.schemaPath.fragment == "#/$defs/node/properties/value/type")
        let list = try Validator([
            "type": "object", "properties": ["next": ["anyOf": [["type": "null"], ["$ref": "#"]]]],
        ])
        #expect(list.validate(["next": ["next": ["next": nil]]]).isEmpty)
        let legacy = try Validator([
            "definitions": ["a": ["type": "string"]], "properties": ["x": ["$ref": "#/definitions/a"]],
        ])
        #expect(legacy.validate(["x": 1]).count == 1)
        let pointer = try Validator(["properties": ["a": ["type": "integer"], "b": ["$ref": "#/properties/a"]]])
        #expect(pointer.validate(["b": "x"]).map(\.schemaPath.fragment) == ["#/properties/a/type"])
    }

    @Test(
        "broken schemas are errors with the place",
        arguments: [
            (["$ref": "#"], "/"),
            (
                ["$ref": "#/$defs/a", "$defs": ["a": ["$ref": "#/$defs/b"], "b": ["allOf": [["$ref": "#/$defs/a"]]]]],
                "/$defs/a"
            ),
            (["$ref": "https://example.com/s.json"], "/$ref"), (["$ref": "#/$defs/missing"], "/$ref"),
            (["type": "dict"], "/type"),
            (["pattern": "(a"], "/pattern"), (["pattern": "(a)\\1"], "/pattern"), (["minLength": -1], "/minLength"),
            (["properties": ["a": 5]], "/properties/a"), (["multipleOf": 0], "/multipleOf"), (["anyOf": []], "/anyOf"),
        ] as [(JSONValue, String)]
    )
    func schemaErrors(_ schema: JSONValue, _ pointer: String) {
        do {
            _ = try Validator(schema)
            Issue.record("expected a schema error")
        } catch {
            #expect(error.schemaPath.description == (pointer == "/" ? "" : pointer), "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("schema errors from a file carry the line and column")
    func schemaErrorPositions() throws {
        let text = "name: f\nparameters:\n  type: object\n  properties:\n    a: {pattern: \"(x\"}\n"
        let spec = try #require(
            try ToolSpec.specs(in: LoadedDocument.load(SourceText(file: "s.yaml", bytes: Array(text.utf8)))).first
        )
        do {
            _ = try Validator(spec: spec)
            Issue.record("expected a schema error")
        } catch {
            #expect(error.description.hasPrefix("s.yaml:5:18: error: the pattern /(x/ cannot be used"))
        }
    }

    @Test("anyOf reports the branch whose discriminator matches")
    func closestBranch() throws {
        let v = try Validator([
            "anyOf": [
                [
                    "properties": ["method": ["const": "card"], "last4": ["type": "string", "pattern": "^[0-9]{4}$"]],
                    "required": ["method", "last4"],
                ],
                [
                    "properties": ["method": ["const": "balance"]], "required": ["method"],
                    "additionalProperties": false,
                ],
            ]
        ])
        let errors = v.validate(["method": "card", "last4": "42"])
        #expect(errors.map(\.keyword) == ["pattern"])
        #expect(errors.first?.schemaPath.fragment == "#/anyOf/0/properties/last4/pattern")
        let fewest = try Validator(["anyOf": [["type": "string", "minLength": 3], ["type": "integer"]]]).validate("ab")
        #expect(fewest.map(\.keyword) == ["minLength"])
    }

    @Test("all errors, not only the first")
    func allErrors() throws {
        let v = try Validator([
            "type": "object",
            "properties": [
                "city": ["type": "string"], "days": ["type": "integer", "minimum": 1], "unit": ["enum": ["c", "f"]],
            ],
            "required": ["city"],
            "additionalProperties": false,
        ])
        let errors = v.validate(["days": 0, "unit": "k", "extra": true])
        #expect(Set(errors.map(\.keyword)) == ["required", "minimum", "enum", "additionalProperties"])
    }

    @Test(
        "required, decided by the member pass: names alike in their first bytes, undeclared required names, more than 64"
    )
    func requiredByMemberPass() throws {
        // Names that share length and first eight bytes are told apart by the rest.
        let alike = try Validator([
            "type": "object",
            "properties": ["location_a": ["type": "string"], "location_b": ["type": "integer"]],
            "required": ["location_b"],
        ])
        #expect(alike.isValid(["location_b": 1]))
        #expect(!alike.isValid(["location_a": "x"]))
        #expect(!alike.isValid(["location_b": "x"]))
        // A required name no property declares is looked up in the object.
        let undeclared = try Validator(["properties": ["a": ["type": "string"]], "required": ["a", "b"]])
        #expect(undeclared.isValid(["a": "x", "b": 1]))
        #expect(!undeclared.isValid(["a": "x"]))
        // 70 required properties: past the 64 bits, the general path.
        let names = (0..<70).map { "p\($0)" }
        let many = try Validator([
            "type": "object",
            "properties": .object(JSONObject(names.map { ($0, ["type": "integer"] as JSONValue) })),
            "required": .array(names.map { .string($0) }),
        ])
        let all = JSONValue.object(JSONObject(names.map { ($0, 1 as JSONValue) }))
        #expect(many.isValid(all))
        for dropped in [0, 63, 64, 69] {
            let some = JSONValue.object(
                JSONObject(names.enumerated().filter { $0.offset != dropped }.map { ($0.element, 1 as JSONValue) })
            )
            #expect(!many.isValid(some), "without p\(dropped)")
            #expect(many.validate(some).map(\.keyword) == ["required"])
        }
        // Required listed twice, and a property with a multi-byte name.
        let twice = try Validator(["properties": ["城市": ["type": "string"]], "required": ["城市", "城市"]])
        #expect(twice.isValid(["城市": "北京"]))
        #expect(!twice.isValid(["城": "北京"]))
    }

    @Test("formats can be annotations only")
    func formatAnnotation() throws {
        var options = Validator.Options()
        options.assertsFormats = false
        #expect(try Validator(["format": "date"], options: options).validate("not a date").isEmpty)
    }

    @Test("messages name what was expected and what arrived")
    func messages() throws {
        let e = try Validator(["properties": ["unit": ["enum": ["celsius", "fahrenheit"]]]]).validate([
            "unit": "Celsius"
        ])
        #expect(e.first?.message == #"expected one of "celsius", "fahrenheit", found the string "Celsius""#)
        #expect(e.first?.details.allowedValues == ["celsius", "fahrenheit"])
        let t = try Validator(["type": "integer"]).validate("42")
        #expect(t.first?.message == #"expected an integer, found the string "42""#)
        #expect(t.first?.details.expectedTypes == ["integer"])
        #expect(t.first?.details.actualType == "string")
    }

    @Test("errors are Codable for logs")
    func codable() throws {
        let e = try Validator(["minimum": 1]).validate(0)
        let text = try JSONValue(parsing: String(decoding: try JSONEncoderBridge.encode(e), as: UTF8.self))
        #expect(text[0]?["keyword"] == "minimum")
    }
}

@Suite struct PatternSafetyTests {
    @Test(
        "catastrophic patterns run in linear time",
        .timeLimit(.minutes(1)),
        arguments: [
            ("^(a+)+$", String(repeating: "a", count: 30_000) + "!"),
            ("^(\\w+\\s?)*$", String(repeating: "word ", count: 10_000) + "!"),
            ("(x+x+)+y", String(repeating: "x", count: 30_000)),
            ("^(a|a)*$", String(repeating: "a", count: 30_000) + "b"),
            ("^(a|aa)+$", String(repeating: "a", count: 30_000) + "b"),
            // Lookarounds keep the guarantee: each runs once over the text.
            ("^(?=(a+)+$)", String(repeating: "a", count: 30_000) + "!"),
            ("^(?:(?!(a|aa)+b).)*$", String(repeating: "a", count: 10_000) + "b"),
            ("(?<=(a+)+)b", String(repeating: "a", count: 30_000) + "c"),
        ]
    )
    func redos(_ pattern: String, _ input: String) throws {
        let v = try Validator(["pattern": .string(pattern)])
        #expect(!v.isValid(.string(input)))
    }

    @Test(
        "matching semantics",
        arguments: [
            ("^a.c$", "abc", true), ("^a.c$", "a\nc", false), ("colou?r", "my color", true),
            ("^\\bcat\\b", "cat!", true),
            ("\\Bcat", "bobcat", true), ("^[^0-9]+$", "abc", true), ("^[^0-9]+$", "ab1", false), ("^.$", "😀", true),
            ("^[中-龥]+$", "中文", true), ("a{2,3}", "caab", true), ("^a{2,3}$", "aaaa", false),
            ("^(ab)*?c", "ababc", true),
            ("x*", "", true), ("^$", "", true), ("^\\s+$", "\u{3000}\t", true), ("^\\u00e9$", "é", true),
            ("[\\d-]+", "-", true),
            // lookarounds, as real schemas write them
            ("^(?!\\.)(?!\\./).+", ".hidden", false), ("^(?!\\.)(?!\\./).+", "src/a", true),
            ("^(?!tag$|category$)", "tag", false), ("^(?!tag$|category$)", "tags", true),
            ("^(?=.*[A-Z])(?=.*\\d).{8,}$", "passWord1", true), ("^(?=.*[A-Z])(?=.*\\d).{8,}$", "password1", false),
            ("(?<=\\$)\\d+", "cost $12", true), ("(?<=\\$)\\d+", "cost 12", false),
            ("x(?<!ax)$", "ax", false), ("x(?<!ax)$", "bx", true), ("(?=(?<=a)b)b", "ab", true),
            ("(?=(?<=a)b)b", "cb", false), ("\\b(?<![-.])\\w+$", "a-b", false), ("^(?<=^)a", "a", true),
            // Unicode property escapes
            ("^\\p{Lu}\\p{Ll}+$", "Beijing", true), ("^\\p{Lu}\\p{Ll}+$", "beijing", false),
            ("^[\\p{L}\\d]+$", "北京1", true), ("^\\P{L}+$", "12", true), ("^\\p{Letter}$", "é", true),
        ]
    )
    func semantics(_ pattern: String, _ input: String, _ matches: Bool) throws {
        #expect(try Validator(["pattern": .string(pattern)]).isValid(.string(input)) == matches)
    }

    @Test("huge repeat counts are a schema error, not a blow-up")
    func expansionLimit() {
        #expect(throws: SchemaError.self) { try Validator(["pattern": "(a{1000}){1000}"]) }
    }
}

@Suite struct FormatTests {
    @Test(
        "formats",
        arguments: [
            ("date-time", "2026-12-24T08:30:00Z", true), ("date-time", "2026-12-24t08:30:00.123+08:00", true),
            ("date-time", "2026-12-24 08:30:00Z", false), ("date-time", "2026-13-01T00:00:00Z", false),
            ("date-time", "2026-12-24T08:30:00", false),
            ("date", "2026-12-24", true), ("date", "2026-2-1", false), ("date", "2100-02-29", false),
            ("date", "2000-02-29", true),
            ("time", "08:30:00Z", true), ("time", "24:00:00Z", false), ("time", "08:30:00+08:00", true),
            ("time", "08:30", false),
            ("duration", "P3D", true), ("duration", "PT1H30M", true), ("duration", "P1Y2M3DT4H5M6S", true),
            ("duration", "P2W", true),
            ("duration", "P", false), ("duration", "PT", false), ("duration", "P1D2Y", false),
            ("duration", "1D", false),
            ("email", "zhang.wei@example.com", true), ("email", "a..b@example.com", false),
            ("email", "no-at-sign", false),
            ("email", "x@[192.0.2.1]", true), ("hostname", "example.com", true), ("hostname", "-bad.com", false),
            ("hostname", String(repeating: "a", count: 64) + ".com", false), ("ipv4", "192.0.2.1", true),
            ("ipv4", "256.0.0.1", false),
            ("ipv4", "01.2.3.4", false), ("ipv6", "2001:db8::1", true), ("ipv6", "::", true),
            ("ipv6", "::ffff:192.0.2.1", true),
            ("ipv6", "1:2:3:4:5:6:7:8:9", false), ("ipv6", "1::2::3", false), ("ipv6", "12345::", false),
            ("uuid", "123e4567-e89b-12d3-a456-426614174000", true), ("uuid", "123e4567e89b12d3a456426614174000", false),
            ("uri", "https://example.com/a?b=c#d", true), ("uri", "urn:isbn:0451450523", true),
            ("uri", "/relative", false),
            ("uri", "http://exa mple.com", false), ("uri-reference", "/relative/path?q=1", true),
            ("uri-reference", "%zz", false),
        ]
    )
    func formats(_ format: String, _ value: String, _ valid: Bool) throws {
        #expect(try Validator(["format": .string(format)]).isValid(.string(value)) == valid)
    }
}

enum JSONEncoderBridge {
    static func encode(_ errors: [SchemaViolation]) throws -> Data { try JSONEncoder().encode(errors) }
}

/// Dialects, base URIs and resources, in the library.
@Suite struct ReferenceTests {
    @Test("a resource answers to its $id, to the URI it is given, and to relative references against either")
    func resources() throws {
        let city = SchemaResource(["$id": "https://example.com/schemas/city.json", "type": "string", "minLength": 2])
        let count = SchemaResource(["type": "integer"], uri: "https://example.com/schemas/count.json")
        let schema: JSONValue = [
            "$id": "https://example.com/schemas/tool.json",
            "properties": ["city": ["$ref": "city.json"], "count": ["$ref": "https://example.com/schemas/count.json"]],
        ]
        let validator = try Validator(schema, resources: [city, count])
        #expect(validator.isValid(["city": "Xi'an", "count": 3]))
        #expect(validator.validate(["city": "X", "count": 1.5]).map(\.keyword) == ["minLength", "type"])
    }

    @Test("anchors, embedded $ids and URNs resolve inside one document")
    func insideOneDocument() throws {
        let schema: JSONValue = [
            "$id": "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed",
            "$defs": [
                "name": ["$anchor": "name", "type": "string"],
                "inner": ["$id": "https://example.com/inner.json", "$defs": ["n": ["type": "integer"]]],
            ],
            "properties": [
                "a": ["$ref": "#name"], "b": ["$ref": "https://example.com/inner.json#/$defs/n"],
                "c": ["$ref": "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#/$defs/name"],
            ],
        ]
        let validator = try Validator(schema)
        #expect(validator.isValid(["a": "x", "b": 1, "c": "y"]))
        #expect(validator.validate(["a": 1, "b": "x", "c": 2]).count == 3)
    }

    @Test("an unknown absolute reference is refused, naming the URI; nothing is fetched")
    func unknownReference() throws {
        #expect {
            try Validator(["$ref": "https://example.com/missing.json#/$defs/x"])
        } throws: { error in
            guard let error = error as? SchemaError else { return false }
            return error.code == .reference && error.schemaPath == ["$ref"]
                && error.message.contains(
                    "points to https://example.com/missing.json, which no schema given to this validator answers to"
                )
        }
        #expect(throws: SchemaError.self) { try Validator(["$ref": "#nowhere"]) }
    }

    @Test("the meta-schemas of every dialect are bundled, so a schema can be checked against its own")
    func metaSchemas() throws {
        for dialect in SchemaDialect.allCases {
            let meta = try Validator(["$ref": .string(dialect.metaSchemaURI)])
            #expect(meta.isValid(["type": "string", "minLength": 1]), "\(dialect)")
            #expect(!meta.isValid(["minLength": -1]), "\(dialect)")
            #expect(SchemaDialect(metaSchemaURI: dialect.metaSchemaURI) == dialect)
        }
    }

    @Test("$schema and the default dialect choose what keywords mean")
    func dialects() throws {
        let tuple: JSONValue = ["items": [["type": "string"]], "additionalItems": false]
        #expect(try !Validator(tuple).isValid(["a", "b"]))  // earlier spellings keep working
        let laterKeyword: JSONValue = [
            "$schema": "http://json-schema.org/draft-07/schema#", "prefixItems": [["type": "string"]],
        ]
        #expect(try Validator(laterKeyword).isValid([1]))  // prefixItems is not a draft-07 keyword
        var options = Validator.Options()
        options.defaultDialect = .draft04
        let bounds: JSONValue = ["maximum": 5, "exclusiveMaximum": true]
        #expect(try !Validator(bounds, options: options).isValid(5))
        #expect(try !Validator(["type": "integer"], options: options).isValid(.number(JSONNumber(literal: "1.0")!)))
    }

    @Test("$dynamicRef lands on the outermost $dynamicAnchor in scope")
    func dynamicReference() throws {
        let list: JSONValue = [
            "$id": "https://example.com/list", "$defs": ["item": ["$dynamicAnchor": "item", "not": true]],
            "type": "array", "items": ["$dynamicRef": "#item"],
        ]
        let strings: JSONValue = [
            "$id": "https://example.com/strings", "$ref": "list",
            "$defs": ["item": ["$dynamicAnchor": "item", "type": "string"]],
        ]
        let validator = try Validator(strings, resources: [SchemaResource(list)])
        #expect(validator.isValid(["a", "b"]))
        #expect(!validator.isValid(["a", 1]))
    }
}
