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
