import Foundation
import Testing
import ToolSchema

/// The streaming check against the whole-text check: never hopeless when some continuation is
/// valid, hopeless as early as the text shows it.
@Suite struct StreamingCheckTests {
    static func weather() throws -> Validator { try HintCase.validator("get_weather.json") }

    /// The byte count after which the verdict first became hopeless, or nil.
    func hopelessAfter(_ text: String, _ validator: Validator, mode: CheckMode) -> (Int, SchemaViolation)? {
        var watch = validator.streamingCheck(mode: mode)
        for (k, byte) in Array(text.utf8).enumerated() {
            if case .hopeless(let violation) = watch.feed([byte]) { return (k + 1, violation) }
        }
        return nil
    }

    @Test("an invented parameter is hopeless the moment its name closes, in every mode")
    func inventedName() throws {
        let text = #"{"cityName": "Beijing"}"#
        for mode in CheckMode.allCases {
            let found = try #require(hopelessAfter(text, try Self.weather(), mode: mode), "\(mode)")
            #expect(found.0 == #"{"cityName""#.utf8.count, "\(mode)")
            #expect(found.1.keyword == "additionalProperties" && found.1.instancePath == ["cityName"])
        }
    }

    @Test(
        "strict mode: a wrong type when the value begins, a wrong enum value when it ends, a closed object missing a required one"
    )
    func strictValues() throws {
        let validator = try Self.weather()
        let number = try #require(hopelessAfter(#"{"city": 42}"#, validator, mode: .strict))
        #expect(number.0 == #"{"city": 4"#.utf8.count && number.1.keyword == "type")
        let kelvin = try #require(hopelessAfter(#"{"city": "A", "unit": "kelvin"}"#, validator, mode: .strict))
        #expect(kelvin.0 == #"{"city": "A", "unit": "kelvin""#.utf8.count && kelvin.1.keyword == "enum")
        let missing = try #require(hopelessAfter(#"{"unit": "celsius"}"#, validator, mode: .strict))
        #expect(missing.0 == #"{"unit": "celsius"}"#.utf8.count && missing.1.keyword == "required")
        // In repair mode the same values may still be coerced ("Celsius") or repaired: no verdict.
        #expect(hopelessAfter(#"{"city": 42}"#, validator, mode: .repair) == nil)
        #expect(hopelessAfter(#"{"city": "A", "unit": "Celsius"}"#, validator, mode: .repair) == nil)
    }

    @Test("strict mode: more items or properties than the bounds allow, as soon as the one too many is certain")
    func bounds() throws {
        let validator = try Validator([
            "type": "object",
            "properties": ["tags": ["type": "array", "maxItems": 2, "items": ["type": "string"]]],
            "maxProperties": 1,
        ])
        let items = try #require(hopelessAfter(#"{"tags": ["a", "b", "c"]}"#, validator, mode: .strict))
        // At the comma: a comma promises one more element.
        #expect(items.0 == #"{"tags": ["a", "b","#.utf8.count && items.1.keyword == "maxItems")
        let properties = try #require(hopelessAfter(#"{"tags": [], "x": 1}"#, validator, mode: .strict))
        #expect(properties.1.keyword == "maxProperties")
    }

    @Test("through $ref into $defs: an attendee's invented field is hopeless at its name")
    func throughReferences() throws {
        let validator = try HintCase.validator("create_event.json")
        let text = #"{"title": "x", "attendees": [{"email": "a@b.co", "phone": "1"}]}"#
        let found = try #require(hopelessAfter(text, validator, mode: .repair))
        #expect(found.1.instancePath == ["attendees", "0", "phone"])
    }

    @Test("never hopeless while some continuation is valid: every corpus call, every mode, every split")
    func soundOnTheCorpus() throws {
        var checked = 0
        for c in HintCase.corpus where c.category != "unknown-tool" {
            let validator = try HintCase.validator(c.spec)
            for mode in CheckMode.allCases {
                let whole = validator.check(arguments: c.arguments, mode: mode)
                let bytes = Array(c.arguments.utf8)
                var watch = validator.streamingCheck(mode: mode)
                var verdicts: [StreamingCheck.Verdict] = []
                for byte in bytes { verdicts.append(watch.feed([byte])) }
                if whole.isValid {
                    #expect(!verdicts.contains { $0 != .possible }, "\(c.testDescription) in \(mode) mode")
                }
                // The final check is the whole-text check.
                #expect(watch.finish().isValid == whole.isValid)
                // Strict mode on complete JSON: the end always decides.
                if mode == .strict, !whole.isValid, (try? JSONParser().parse(bytes)) != nil {
                    #expect(
                        verdicts.last != .possible,
                        "\(c.testDescription): invalid but not found hopeless at its end"
                    )
                }
                checked += 1
            }
        }
        #expect(checked >= 450)
    }

    @Test("never hopeless on valid calls of every shipped spec, split at every byte")
    func soundOnValidCalls() throws {
        let calls: [(String, String)] = [
            ("get_weather.json", #"{"city": "北京", "unit": "celsius"}"#),
            (
                "book_ticket.yaml",
                #"{"from": "上海虹桥", "to": "北京南", "date": "2026-12-24", "seat_class": "second", "passengers": 2, "passenger_names": ["张伟", "李娜"], "return_trip": false}"#
            ),
            (
                "create_event.json",
                #"{"title": "季度复盘", "start": "2026-12-15T09:30:00+08:00", "duration_minutes": 60, "priority": "high", "attendees": [{"email": "li.na@example.com", "name": null}]}"#
            ),
            ("search_documents.yaml", #"{"query": "退款政策", "tags": ["faq"], "limit": 10}"#),
        ]
        for (spec, text) in calls {
            let validator = try HintCase.validator(spec)
            #expect(validator.check(arguments: text, mode: .strict).isValid, "\(spec)")
            let bytes = Array(text.utf8)
            for mode in CheckMode.allCases {
                for split in 0...bytes.count {
                    var watch = validator.streamingCheck(mode: mode)
                    let first = watch.feed(bytes[..<split])
                    let second = watch.feed(bytes[split...])
                    #expect(first == .possible && second == .possible, "\(spec) \(mode) split at \(split)")
                }
            }
        }
    }
}

/// Random schemas, and random values valid against them, written and split at every byte: the
/// streaming check must never call a prefix of a valid text hopeless.
@Suite struct StreamingCheckPropertyTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(max(1, n)))
        }
        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    }

    /// A schema and a generator of values valid against it.
    indirect enum Shape {
        case string(enumValues: [String]?, maxLength: Int?)
        case integer(minimum: Int, maximum: Int)
        case boolean
        case nullable(Shape)
        case array(Shape, maxItems: Int)
        case object(properties: [(String, Shape)], required: Set<String>, closed: Bool, patterned: Bool)

        var schema: JSONValue {
            switch self {
            case .string(let values, let maxLength):
                var o: JSONObject = ["type": "string"]
                if let values { o["enum"] = .array(values.map { .string($0) }) }
                if let maxLength { o["maxLength"] = .number(JSONNumber(maxLength)) }
                return .object(o)
            case .integer(let lo, let hi):
                return ["type": "integer", "minimum": .number(JSONNumber(lo)), "maximum": .number(JSONNumber(hi))]
            case .boolean:
                return ["type": "boolean"]
            case .nullable(let inner):
                return ["anyOf": [inner.schema, ["type": "null"]]]
            case .array(let items, let maxItems):
                return ["type": "array", "items": items.schema, "maxItems": .number(JSONNumber(maxItems))]
            case .object(let properties, let required, let closed, let patterned):
                var members = JSONObject()
                for (name, shape) in properties { members[name] = shape.schema }
                var o: JSONObject = ["type": "object", "properties": .object(members)]
                o["required"] = .array(properties.map(\.0).filter(required.contains).map { .string($0) })
                if closed { o["additionalProperties"] = false }
                if patterned { o["patternProperties"] = ["^x_": ["type": "integer"]] }
                return .object(o)
            }
        }

        func value(_ g: inout Generator) -> JSONValue {
            switch self {
            case .string(let values, let maxLength):
                if let values { return .string(values[g.next(values.count)]) }
                let pieces = ["a", "北", "😀", "\"", "\\", " ", "é"]
                let count = g.next((maxLength ?? 6) + 1)
                return .string((0..<count).map { _ in pieces[g.next(pieces.count)] }.joined())
            case .integer(let lo, let hi):
                return .number(JSONNumber(lo + g.next(hi - lo + 1)))
            case .boolean:
                return .bool(g.chance(50))
            case .nullable(let inner):
                return g.chance(30) ? .null : inner.value(&g)
            case .array(let items, let maxItems):
                return .array((0..<g.next(maxItems + 1)).map { _ in items.value(&g) })
            case .object(let properties, let required, _, let patterned):
                var o = JSONObject()
                for (name, shape) in properties where required.contains(name) || g.chance(60) {
                    o[name] = shape.value(&g)
                }
                if patterned && g.chance(50) { o["x_extra"] = .number(JSONNumber(g.next(10))) }
                return .object(o)
            }
        }

        static func random(_ g: inout Generator, depth: Int) -> Shape {
            switch depth > 2 ? g.next(4) : g.next(7) {
            case 0:
                let values: [String]? = g.chance(40) ? ["celsius", "fahrenheit", "K"] : nil
                return .string(enumValues: values, maxLength: values == nil && g.chance(50) ? 4 : nil)
            case 1: return .integer(minimum: -3, maximum: 5)
            case 2: return .boolean
            case 3: return .nullable(.string(enumValues: nil, maxLength: nil))
            case 4: return .array(random(&g, depth: depth + 1), maxItems: 1 + g.next(3))
            default:
                let names = ["city", "unit", "days", "城市", "tags", "a"]
                let count = 1 + g.next(4)
                let properties = (0..<count).map { k in (names[k], random(&g, depth: depth + 1)) }
                let required = Set(properties.map(\.0).filter { _ in g.chance(50) })
                return .object(
                    properties: properties,
                    required: required,
                    closed: g.chance(70),
                    patterned: g.chance(30)
                )
            }
        }
    }

    @Test("200 random schemas, 5 valid values each, every split, every mode: never hopeless")
    func neverHopelessOnValidTexts() throws {
        var g = Generator(state: 20_261_201)
        var texts = 0
        for _ in 0..<200 {
            var root = Shape.random(&g, depth: 1)
            if case .object = root {
            } else {
                root = .object(properties: [("v", root)], required: ["v"], closed: true, patterned: false)
            }
            let validator = try Validator(root.schema)
            for _ in 0..<5 {
                let value = root.value(&g)
                let bytes = JSONWriter().bytes(value)
                try #require(validator.isValid(value), "generated an invalid value \(value) for \(root.schema)")
                for mode in CheckMode.allCases {
                    for split in 0...bytes.count {
                        var watch = validator.streamingCheck(mode: mode)
                        let verdicts = [watch.feed(bytes[..<split]), watch.feed(bytes[split...])]
                        if verdicts.contains(where: { $0 != .possible }) {
                            Issue.record(
                                "\(value.jsonString()) against \(root.schema.jsonString()), \(mode), split \(split): \(verdicts)"
                            )
                            return
                        }
                    }
                }
                texts += 1
            }
        }
        #expect(texts == 1_000)
    }
}
