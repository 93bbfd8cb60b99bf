import Foundation
import JSONCore
import TestSupport
import Testing
import ToolSchema

/// `check(arguments:)` reads and validates strict JSON in one pass; the general path reads,
/// then walks. Both must give the same outcome, field by field, for every schema, text, mode
/// and option: the one pass is a shortcut, never a second opinion.
@Suite struct OnePassCheckTests {
    /// A deterministic source of choices.
    struct Choices {
        var rng: SplitMix64
        init(state: UInt64) { rng = SplitMix64(seed: state) }
        mutating func next(_ n: Int) -> Int { Int(rng.next() % UInt64(max(1, n))) }
        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let names = ["city", "unit", "days", "城市", "tags", "a", "b\"q", "x_1", "limit", "nested"]
    static let strings = ["celsius", "Celsius", "fahrenheit", "", "北京", "2026-12-08", "12", "true", "abc", "a\\b"]

    /// A random subschema: scalars with their bounds, objects open and closed, arrays with
    /// prefixes and bounds, enums and consts, composition, and references to `$defs`.
    static func schema(_ c: inout Choices, depth: Int) -> JSONValue {
        switch depth > 2 ? c.next(6) : c.next(12) {
        case 0:
            var o: JSONObject = ["type": c.chance(20) ? ["string", "null"] : "string"]
            if c.chance(30) { o["enum"] = ["celsius", "fahrenheit", "K"] }
            if c.chance(25) { o["maxLength"] = .number(JSONNumber(c.next(5))) }
            if c.chance(15) { o["minLength"] = 1 }
            if c.chance(15) { o["pattern"] = "^[a-z]+$" }
            if c.chance(10) { o["format"] = "date" }
            if c.chance(10) { o["nullable"] = true }  // OpenAPI's: null whatever type and enum say
            if c.chance(3) { o["enum"] = [] }
            return .object(o)
        case 1:
            var o: JSONObject = ["type": c.chance(50) ? "integer" : "number"]
            if c.chance(50) { o["minimum"] = .number(JSONNumber(c.next(4) - 2)) }
            if c.chance(50) { o["maximum"] = c.chance(50) ? 9 : 2.5 }
            if c.chance(15) { o["exclusiveMaximum"] = 5 }
            if c.chance(15) { o["multipleOf"] = c.chance(50) ? 2 : 0.5 }
            if c.chance(10) { o["nullable"] = true }
            return .object(o)
        case 2: return c.pick([["type": "boolean"], ["type": "null"], [:], true, false] as [JSONValue])
        case 3: return ["enum": [1, "a", nil, ["a": 1], [1, 2]]]
        case 4: return c.chance(50) ? ["const": "x"] : ["const": ["k": [1]]]
        case 5: return ["$ref": .string("#/$defs/" + c.pick(["word", "count", "point"]))]
        case 6, 7, 8:
            var properties = JSONObject()
            let count = c.next(5)
            for k in 0..<count {
                let name = names[(k + c.next(3)) % names.count]
                properties[name] = schema(&c, depth: depth + 1)
            }
            var o: JSONObject = ["properties": .object(properties)]
            if c.chance(80) { o["type"] = "object" }
            let required = properties.keys.filter { _ in c.chance(50) } + (c.chance(10) ? ["undeclared"] : [])
            if !required.isEmpty { o["required"] = .array(required.map(JSONValue.string)) }
            switch c.next(4) {
            case 0: o["additionalProperties"] = false
            case 1: o["additionalProperties"] = schema(&c, depth: depth + 1)
            default: break
            }
            if c.chance(10) { o["minProperties"] = 1 }
            if c.chance(10) { o["maxProperties"] = 2 }
            if c.chance(10) { o["patternProperties"] = ["^x_": ["type": "integer"]] }
            if c.chance(10) { o["propertyNames"] = ["maxLength": 4] }
            if c.chance(10) { o["dependentRequired"] = ["city": ["unit"]] }
            return .object(o)
        case 9, 10:
            var o: JSONObject = ["type": "array", "items": schema(&c, depth: depth + 1)]
            if c.chance(25) { o["prefixItems"] = [schema(&c, depth: depth + 1), ["type": "string"]] }
            if c.chance(25) { o["minItems"] = 1 }
            if c.chance(25) { o["maxItems"] = 2 }
            if c.chance(10) { o["uniqueItems"] = true }
            if c.chance(10) { o["contains"] = ["type": "integer"] }
            return .object(o)
        default:
            let key = c.pick(["anyOf", "oneOf", "allOf"])
            var o: JSONObject = [key: [schema(&c, depth: depth + 1), schema(&c, depth: depth + 1)]]
            if c.chance(30) { o["$ref"] = "#/$defs/word" }  // a reference with siblings
            return .object(o)
        }
    }

    static let definitions: JSONValue = [
        "word": ["type": "string", "maxLength": 8],
        "count": ["$ref": "#/$defs/natural"],
        "natural": ["type": "integer", "minimum": 0],
        "point": [
            "type": "object", "properties": ["x": ["type": "number"], "y": ["type": "number"]],
            "required": ["x", "y"], "additionalProperties": false,
        ],
    ]

    /// A value shaped by `schema` most of the time, and anything at all now and then: numbers
    /// as strings, wrong cases, extra and missing members, wrong types.
    static func value(for schema: JSONValue, _ c: inout Choices, depth: Int) -> JSONValue {
        if depth > 5 || c.chance(12) { return anyValue(&c, depth: depth) }
        guard case .object(let s) = schema else { return anyValue(&c, depth: depth) }
        if let values = s["enum"]?.arrayValue, !values.isEmpty, c.chance(80) { return c.pick(values) }
        if let constant = s["const"], c.chance(70) { return constant }
        if s["nullable"] == true, c.chance(30) { return .null }
        if let ref = s["$ref"]?.stringValue, c.chance(70), let target = ref.split(separator: "/").last,
            let def = definitions[String(target)]
        {
            return value(for: def, &c, depth: depth + 1)
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let branches = s[key]?.arrayValue, !branches.isEmpty {
                return value(for: c.pick(branches), &c, depth: depth + 1)
            }
        }
        if let properties = s["properties"]?.objectValue {
            var o = JSONObject()
            for (name, sub) in properties where c.chance(75) { o[name] = value(for: sub, &c, depth: depth + 1) }
            if c.chance(20) { o[c.pick(["extra", "City", "x_2", "units"])] = anyValue(&c, depth: depth + 1) }
            return .object(o)
        }
        if let items = s["items"] {
            return .array((0..<c.next(4)).map { _ in value(for: items, &c, depth: depth + 1) })
        }
        switch s["type"]?.stringValue ?? s["type"]?.arrayValue?.first?.stringValue {
        case "string": return .string(c.pick(strings))
        case "integer": return c.chance(80) ? .number(JSONNumber(c.next(14) - 3)) : .string("7")
        case "number": return c.pick([0, 1.5, -2, 2.5, 4, 9.75, "3"] as [JSONValue])
        case "boolean": return c.chance(85) ? .bool(c.chance(50)) : "TRUE"
        default: return anyValue(&c, depth: depth)
        }
    }

    static func anyValue(_ c: inout Choices, depth: Int) -> JSONValue {
        switch depth > 3 ? c.next(5) : c.next(7) {
        case 0: return .null
        case 1: return .bool(c.chance(50))
        case 2:
            let big = JSONValue.number(JSONNumber(literal: "12345678901234567890") ?? JSONNumber(0))
            return c.pick([0, -1, 3, 1.5, 1e3, big] as [JSONValue])
        case 3, 4: return .string(c.pick(strings))
        case 5: return .array((0..<c.next(3)).map { _ in anyValue(&c, depth: depth + 1) })
        default:
            var o = JSONObject()
            for _ in 0..<c.next(3) { o[c.pick(names)] = anyValue(&c, depth: depth + 1) }
            return .object(o)
        }
    }

    /// The value as text, sometimes spaced out, sometimes with a member name written with an
    /// escape (`"\u0063ity"`), which must still be found as `city`.
    static func text(_ value: JSONValue, _ c: inout Choices) -> String {
        var text = value.jsonString()
        if c.chance(20) { text = text.replacingOccurrences(of: "\":", with: "\" :\n ") }
        if c.chance(20) { text = text.replacingOccurrences(of: "\"city\"", with: #""\u0063ity""#) }
        if c.chance(5) { text = "\n  " + text + " " }
        return text
    }

    static func options(_ c: inout Choices) -> Validator.CheckOptions {
        var options = Validator.CheckOptions()
        options.undeclaredProperties = c.pick(Validator.UndeclaredProperties.allCases)
        if c.chance(10) { options.fillsDefaults = true }
        if c.chance(10) { options.toolName = "get_weather" }
        if c.chance(5) { options.parser.duplicateKeys = .keepLast }
        return options
    }

    static func expectSame(
        _ validator: Validator,
        _ text: String,
        _ options: Validator.CheckOptions,
        _ schema: JSONValue,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        // The one pass's own verdict, which the general path would mostly mend if it were wrong.
        if let verdict = validator.onePassVerdict(arguments: text, options: options),
            let value = try? JSONParser().parse(text), verdict != validator.isValid(value)
        {
            Issue.record(
                "the one pass calls \(text) \(verdict ? "valid" : "invalid") against \(schema.jsonString())",
                sourceLocation: sourceLocation
            )
            return false
        }
        for mode in CheckMode.allCases {
            let onePass = validator.check(arguments: text, mode: mode, options: options)
            var copy = text
            let twoPasses = copy.withUTF8 {
                validator.checkInTwoPasses(arguments: $0.span, mode: mode, options: options)
            }
            guard onePass == twoPasses else {
                Issue.record(
                    """
                    \(mode) check of \(text) against \(schema.jsonString()) differs:
                    one pass:    \(onePass.isValid) \(onePass.arguments?.jsonString() ?? "nil") \(onePass.errors) \(onePass.coercions) \(onePass.warnings)
                    two passes: \(twoPasses.isValid) \(twoPasses.arguments?.jsonString() ?? "nil") \(twoPasses.errors) \(twoPasses.coercions) \(twoPasses.warnings)
                    """,
                    sourceLocation: sourceLocation
                )
                return false
            }
        }
        return true
    }

    @Test("400 random schemas, 10 values each, every mode and policy: one pass and two give the same outcome")
    func sameOutcomeAsTwoPasses() throws {
        var c = Choices(state: 20_261_208)
        var valid = 0
        var invalid = 0
        for _ in 0..<400 {
            var root = Self.schema(&c, depth: 0)
            if case .object(var o) = root {
                o["$defs"] = Self.definitions
                root = .object(o)
            }
            let validator = try Validator(root)
            for _ in 0..<10 {
                let value = Self.value(for: root, &c, depth: 0)
                if validator.isValid(value) { valid += 1 } else { invalid += 1 }
                let text = Self.text(value, &c)
                guard Self.expectSame(validator, text, Self.options(&c), root) else { return }
            }
        }
        // Both sides of the shortcut were exercised.
        #expect(valid > 800 && invalid > 800, "valid \(valid), invalid \(invalid)")
    }

    static let weather: JSONValue = [
        "type": "object",
        "properties": [
            "city": ["type": "string"], "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]],
            "days": ["type": "integer", "minimum": 1, "default": 1],
        ],
        "required": ["city"],
    ]

    @Test(
        "texts the one pass leaves to the general path give the general path's outcome",
        arguments: [
            #"{"city": "Paris", "city": "Rome"}"#,  // a repeated name: the parser's error
            #"{"city": "Paris", "\u0063ity": "Rome"}"#,  // the same name, escaped
            #"{"a": 1, "b": 2, "a": 3}"#,  // a repeated undeclared name
            #"{'city': 'Paris'}"#,  // repaired in repair mode
            #"{"city": "Paris",}"#,
            "\u{FEFF}{\"city\": \"Paris\"}",
            #"{"city": "Paris"} x"#,
            #""{\"city\": \"Paris\"}""#,  // double-encoded
            "null", "", "  ", #"[{"city": "Paris"}]"#,
            #"{"arguments": {"city": "Paris"}}"#,  // an invented wrapper, unwrapped in repair mode
            #"{"get_weather": {"city": "Paris"}}"#,
            #"{"city": "Paris", "days": "3"}"#,  // coerced
            #"{"city": "Paris", "units": "celsius"}"#,  // a look-alike: a warning
            #"{"city": "Paris""#,  // truncated
        ]
    )
    func declinedTexts(_ text: String) {
        var options = Validator.CheckOptions()
        options.toolName = "get_weather"
        let validator = try? Validator(Self.weather)
        guard let validator else {
            Issue.record("the schema does not compile")
            return
        }
        for policy in Validator.UndeclaredProperties.allCases {
            options.undeclaredProperties = policy
            _ = Self.expectSame(validator, text, options, Self.weather)
        }
    }

    @Test("an open object read whole (its schema needs the walk) still meets the undeclared-property policy")
    func walkedOpenObjects() throws {
        let place: JSONValue = [
            "type": "object", "properties": ["city": ["type": "string"], "unit": ["type": "string"]],
            "propertyNames": ["maxLength": 10],
        ]
        let schema: JSONValue = [
            "type": "object", "properties": ["place": place, "other": ["anyOf": [place, ["type": "null"]]]],
            "additionalProperties": false,
        ]
        let validator = try Validator(schema)
        var options = Validator.CheckOptions()
        options.undeclaredProperties = .reject
        let rejected = validator.check(arguments: #"{"place": {"city": "Oslo", "units": "c"}}"#, options: options)
        #expect(!rejected.isValid && rejected.errors.map(\.instancePath.description) == ["/place/units"])
        options.undeclaredProperties = .warn
        let warned = validator.check(arguments: #"{"place": {"city": "Oslo", "units": "c"}}"#, options: options)
        #expect(warned.isValid && warned.warnings.map(\.declaredName) == ["unit"])
        // Inside a branch of anyOf the walk does not look, with or without the one pass.
        let branch = validator.check(arguments: #"{"other": {"city": "Oslo", "units": "c"}}"#, options: options)
        #expect(branch.isValid && branch.warnings.isEmpty)
        for text in [#"{"place": {"city": "Oslo", "units": "c"}}"#, #"{"other": {"units": "c"}}"#] {
            for policy in Validator.UndeclaredProperties.allCases {
                options.undeclaredProperties = policy
                _ = Self.expectSame(validator, text, options, schema)
            }
        }
    }

    @Test("an object of many undeclared names, and one of more than 64 declared ones")
    func largeObjects() throws {
        let many = "{" + (0..<200).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        let repeated = "{" + (0..<200).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + #", "k150": 0}"#
        var properties = JSONObject()
        for k in 0..<100 { properties["p\(k)"] = ["type": "integer"] }
        let wide: JSONValue = [
            "type": "object", "properties": .object(properties), "required": ["p0", "p70", "p99"],
            "additionalProperties": false,
        ]
        let full = "{" + (0..<100).map { "\"p\($0)\": \($0)" }.joined(separator: ", ") + "}"
        let missing = "{" + (0..<99).map { "\"p\($0)\": \($0)" }.joined(separator: ", ") + "}"
        let twice = "{" + (0..<100).map { "\"p\($0)\": \($0)" }.joined(separator: ", ") + #", "p80": 1}"#
        for (schema, texts) in [
            (Self.weather, [many, repeated]), (wide, [full, missing, twice, many]), (["type": "object"], [many]),
        ] {
            let validator = try Validator(schema)
            for text in texts { _ = Self.expectSame(validator, text, Validator.CheckOptions(), schema) }
        }
        let validator = try Validator(wide)
        #expect(validator.check(arguments: full).isValid)
        #expect(!validator.check(arguments: missing).isValid)
        #expect(validator.check(arguments: twice).parseError?.code == .duplicateKey)
    }

    @Test("a declared name and an enum string read in one pass are the schema's own text, equal to the input's")
    func sharedStrings() throws {
        let validator = try Validator(Self.weather)
        let outcome = validator.check(arguments: #"{"city": "北京", "unit": "celsius", "\u0064ays": 2}"#)
        #expect(outcome.isValid)
        #expect(outcome.arguments == ["city": "北京", "unit": "celsius", "days": 2])
        #expect(outcome.arguments?.objectValue?.keys == ["city", "unit", "days"])
    }
}
