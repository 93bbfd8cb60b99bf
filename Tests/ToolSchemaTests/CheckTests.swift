import Testing
import ToolSchema

@Suite struct CheckTests {
    static let weather: JSONValue = [
        "type": "object",
        "properties": [
            "city": ["type": "string", "description": "The city"],
            "days": ["type": "integer", "minimum": 1, "maximum": 7, "default": 1],
            "unit": ["type": "string", "enum": ["celsius", "fahrenheit"], "default": "celsius"],
            "alerts": ["type": "boolean"],
            "tags": ["type": "array", "items": ["type": "string"]],
            "zip": ["type": "string"],
            "options": ["type": "object", "properties": ["x": ["type": "integer"]]],
        ],
        "required": ["city"],
        "additionalProperties": false,
    ]

    func check(_ text: String, _ mode: CheckMode = .repair, fill: Bool = false) throws -> ArgumentCheck {
        var options = Validator.CheckOptions()
        options.fillsDefaults = fill
        return try Validator(Self.weather).check(arguments: text, mode: mode, options: options)
    }

    @Test("valid input goes through unchanged in every mode", arguments: CheckMode.allCases)
    func valid(_ mode: CheckMode) throws {
        let result = try check(#"{"city": "Paris", "days": 3}"#, mode)
        #expect(result.isValid)
        #expect(result.arguments == ["city": "Paris", "days": 3])
        #expect(result.repairs.isEmpty && result.coercions.isEmpty)
    }

    @Test(
        "each coercion rule",
        arguments: [
            (#"{"city": "P", "days": "3"}"#, "string-to-number", #"{"city":"P","days":3}"#),
            (#"{"city": "P", "days": " 2 "}"#, "string-to-number", #"{"city":"P","days":2}"#),
            (#"{"city": "P", "alerts": "TRUE"}"#, "string-to-boolean", #"{"city":"P","alerts":true}"#),
            (#"{"city": "P", "zip": 12345}"#, "scalar-to-string", #"{"city":"P","zip":"12345"}"#),
            (#"{"city": "P", "unit": null}"#, "dropped-null", #"{"city":"P"}"#),
            (#"{"city": "P", "tags": "rain"}"#, "wrapped-in-array", #"{"city":"P","tags":["rain"]}"#),
            (#"{"city": "P", "tags": "[\"a\", \"b\"]"}"#, "parsed-json-string", #"{"city":"P","tags":["a","b"]}"#),
            (#"{"city": "P", "options": "{\"x\": 1}"}"#, "parsed-json-string", #"{"city":"P","options":{"x":1}}"#),
            (#"{"city": "P", "unit": " Celsius "}"#, "enum-case", #"{"city":"P","unit":"celsius"}"#),
            (#"{"City": "P"}"#, "renamed-key", #"{"city":"P"}"#),
            (#"{"city": "P", "Unit": "celsius"}"#, "renamed-key", #"{"city":"P","unit":"celsius"}"#),
        ]
    )
    func rules(_ text: String, _ kind: String, _ expected: String) throws {
        let result = try check(text)
        #expect(result.isValid, "\(result.errors)")
        #expect(result.arguments == (try JSONValue(parsing: expected)))
        #expect(result.coercions.map(\.kind.description) == [kind])
        #expect(result.coercions.first?.message.isEmpty == false)
        let strict = try check(text, .strict)
        #expect(!strict.isValid, "strict mode changes nothing")
        #expect(strict.coercions.isEmpty)
    }

    @Test(
        "refusals: no rule, or not a clean conversion",
        arguments: [
            #"{"city": "P", "days": ""}"#, #"{"city": "P", "days": "42abc"}"#, #"{"city": "P", "days": "0x10"}"#,
            #"{"city": "P", "days": "2.5"}"#, #"{"city": "P", "alerts": "yes"}"#, #"{"city": "P", "days": true}"#,
            #"{"city": ["Paris"]}"#, #"{"city": "P", "tags": 5}"#, #"{"city": "P", "unit": "kelvin"}"#,
            #"{"city": null}"#,
            #"{"city": "P", "days": "9"}"#,
        ]
    )
    func refusals(_ text: String) throws {
        let result = try check(text)
        #expect(!result.isValid, "\(String(describing: result.arguments))")
        let hint = ModelHint(check: result, tool: "get_weather", validator: try Validator(Self.weather))
        #expect(hint.text.hasSuffix("Call `get_weather` again with corrected arguments."))
    }

    @Test("renamed-key: only a name that differs by case or separators, with a valid value, and never a guess")
    func renamedKey() throws {
        let v = try Validator([
            "type": "object",
            "properties": [
                "city_name": ["type": "string"], "to": ["type": "string"], "days": ["type": "integer"],
            ],
            "required": ["city_name"],
            "additionalProperties": false,
        ])
        let camel = v.check(arguments: #"{"cityName": "Beijing", "days": 2}"#, mode: .coerce)
        #expect(camel.isValid && camel.arguments == ["city_name": "Beijing", "days": 2])
        #expect(
            camel.coercions.map(\.description) == [
                #"/city_name: renamed the property "cityName" to "city_name", the declared name it differs from only by case or separators [renamed-key]"#
            ]
        )
        // A value that is not valid there stays a hint, not a rename.
        #expect(!v.check(arguments: #"{"cityName": 7}"#, mode: .coerce).isValid)
        // Two names that could be the one: no guess.
        let two = v.check(arguments: #"{"cityName": "A", "CITY_NAME": "B"}"#, mode: .coerce)
        #expect(!two.isValid && two.coercions.isEmpty)
        // Prefixes and other near names are the hint's business, not coercion's.
        #expect(!v.check(arguments: #"{"to_airport": "SHA", "city_name": "A"}"#, mode: .coerce).isValid)
        // Strict mode changes nothing.
        #expect(v.check(arguments: #"{"cityName": "Beijing"}"#, mode: .strict).coercions.isEmpty)
    }

    @Test(
        "renamed-key pairs names that fold alike beyond ASCII, and only those",
        arguments: [
            // The Kelvin sign lowercases to an ASCII k.
            ("kelvin", "\u{212A}elvin", true), ("city_name", "--CITY  NAME__", true), ("城市_名", "城市名", true),
            ("Straße", "STRASSE", false), ("city", "cities", false), ("a_b", "ab_c", false), ("unit", "unitÉ", false),
        ]
    )
    func renamedKeyBeyondASCII(declared: String, written: String, renamed: Bool) throws {
        var properties = JSONObject()
        properties[declared] = ["type": "string"]
        let v = try Validator([
            "type": "object", "properties": .object(properties), "required": [.string(declared)],
            "additionalProperties": false,
        ])
        let outcome = v.check(arguments: JSONValue.object([written: "x"]).jsonString(), mode: .coerce)
        #expect(outcome.isValid == renamed)
        #expect(outcome.coercions.map(\.kind) == (renamed ? [.renamedKey] : []))
    }

    @Test("ambiguous coercions are left alone")
    func ambiguous() throws {
        let v = try Validator(["anyOf": [["type": "integer"], ["type": "boolean"]]])
        let ok = v.check(arguments: #""1""#, mode: .coerce)
        #expect(ok.isValid)
        #expect(ok.arguments == 1)
        let ambiguousValue = try Validator([
            "anyOf": [["type": "integer"], ["type": "array", "items": ["type": "string"]]]
        ])
        let result = ambiguousValue.check(arguments: #""7""#, mode: .coerce)
        #expect(!result.isValid, "\"7\" could become 7 or [\"7\"]")
        #expect(result.coercions.isEmpty)
    }

    @Test("a number becomes its exact JSON text where a string is expected")
    func numberToString() throws {
        let result = try check(#"{"city": 5.5e400}"#)
        #expect(result.arguments == ["city": "5.5e400"])
    }

    @Test("defaults are filled only when asked, and recorded")
    func defaults() throws {
        let result = try check(#"{"city": "P"}"#, fill: true)
        #expect(result.arguments == ["city": "P", "days": 1, "unit": "celsius"])
        #expect(result.coercions.map(\.kind) == [.filledDefault, .filledDefault])
        #expect(try check(#"{"city": "P"}"#).arguments == ["city": "P"])
        #expect(try check(#"{"city": "P"}"#, .strict, fill: true).arguments == ["city": "P"])
    }

    @Test("repair mode repairs the text, then coerces")
    func repairThenCoerce() throws {
        let result = try check("```json\n{'city': 'Paris', days: '3',}\n```")
        #expect(result.isValid)
        #expect(result.arguments == ["city": "Paris", "days": 3])
        #expect(!result.repairs.isEmpty)
        #expect(result.coercions.map(\.kind) == [.stringToNumber])
        #expect(!(try check("{'city': 'Paris'}", .coerce)).isValid, "coerce mode uses the strict parser")
    }

    @Test("truncated input is invalid unless allowed")
    func truncated() throws {
        let refused = try check(#"{"city": "Par"#)
        #expect(!refused.isValid)
        #expect(refused.isTruncated)
        #expect(ModelHint(check: refused, tool: "w", validator: try Validator(Self.weather)).text.contains("cut off"))
        var options = Validator.CheckOptions()
        options.allowsTruncated = true
        let allowed = try Validator(Self.weather).check(arguments: #"{"city": "Par"#, options: options)
        #expect(allowed.isValid)
        #expect(allowed.arguments == ["city": "Par"])
    }

    @Test("parse failures are reported with their position")
    func parseFailures() throws {
        let merged = try check(#"{"city": "a"}{"city": "b"}"#)
        #expect(!merged.isValid)
        #expect(merged.arguments == nil)
        #expect(merged.parseError?.code == .mergedValues)
        #expect(
            ModelHint(check: merged, tool: "w", validator: try Validator(Self.weather)).text.contains(
                "one JSON object per call"
            )
        )
        let strict = try check("{'city': 'a'}", .strict)
        #expect(strict.parseError?.position.column == 2)
    }

    @Test("empty arguments read as {} in repair mode, then validate")
    func emptyArguments() throws {
        let v = try Validator(["type": "object", "properties": [:]])
        for text in ["", "null", #""""#] { #expect(v.check(arguments: text).isValid) }
        #expect(!v.check(arguments: "", mode: .strict).isValid)
    }
}

/// Undeclared properties where the schema allows them, and invented wrappers (issue 14).
@Suite struct UndeclaredPropertyTests {
    let open = try! Validator([
        "type": "object",
        "properties": [
            "query": ["type": "string"], "tags": ["type": "array", "items": ["type": "string"]],
            "limit": ["type": "integer"],
        ],
    ])

    @Test("a misnamed optional parameter passes, with a warning naming the declared one")
    func lookalike() {
        let check = open.check(arguments: #"{"query": "x", "tag": "faq"}"#)
        #expect(check.isValid)
        #expect(check.warnings.map(\.kind) == [.undeclaredLookalike])
        #expect(check.warnings.first?.instancePath == ["tag"])
        #expect(check.warnings.first?.declaredName == "tags")
        #expect(check.rendered().contains("warning: /tag: \"tag\" is not declared, and looks like \"tags\""))
    }

    @Test("an object holding only undeclared properties warns; a declared one beside an unrelated extra does not")
    func onlyContent() {
        #expect(open.check(arguments: #"{"needle": "x"}"#, mode: .strict).warnings.map(\.kind) == [.undeclaredOnly])
        // Another word for a declared parameter, with a value that fits it, is a lookalike.
        let synonym = open.check(arguments: #"{"q": "x"}"#, mode: .strict)
        #expect(synonym.warnings.map(\.kind) == [.undeclaredLookalike])
        #expect(synonym.warnings.first?.declaredName == "query")
        #expect(open.check(arguments: #"{"query": "x", "trace_id": "abc"}"#).warnings.isEmpty)
    }

    @Test("allow says nothing; reject refuses with the hint's pairing")
    func policies() throws {
        var options = Validator.CheckOptions()
        options.undeclaredProperties = .allow
        #expect(open.check(arguments: #"{"query": "x", "tag": "faq"}"#, options: options).warnings.isEmpty)
        options.undeclaredProperties = .reject
        let refused = open.check(arguments: #"{"query": "x", "trace_id": "abc", "tag": "faq"}"#, options: options)
        #expect(!refused.isValid)
        #expect(Set(refused.errors.map(\.instancePath)) == [["trace_id"], ["tag"]])
        let hint = ModelHint(check: refused, tool: "search", validator: open)
        #expect(
            hint.text.contains(
                "`tag` is not a parameter; did you mean `tags`? Rename it and send the value as an array"
            )
        )
    }

    @Test("an invented wrapper is unwrapped in repair mode, even when the wrapped form is valid, and recorded")
    func wrapper() throws {
        for key in ["arguments", "parameters", "params", "input", "args", "kwargs", "Arguments"] {
            let check = open.check(arguments: "{\"\(key)\": {\"query\": \"x\", \"limit\": 5}}")
            #expect(check.isValid)
            #expect(check.arguments == ["query": "x", "limit": 5], "\(key)")
            #expect(check.coercions.map(\.kind) == [.unwrappedArguments])
        }
        var options = Validator.CheckOptions()
        options.toolName = "search_documents"
        #expect(
            open.check(arguments: #"{"search_documents": {"query": "x"}}"#, options: options).arguments == [
                "query": "x"
            ]
        )
        // Not in strict or coerce mode, and never a declared parameter or an invalid inner object.
        #expect(open.check(arguments: #"{"arguments": {"query": "x"}}"#, mode: .coerce).coercions.isEmpty)
        let declared = try Validator(["type": "object", "properties": ["input": ["type": "object"]]])
        #expect(declared.check(arguments: #"{"input": {"query": "x"}}"#).coercions.isEmpty)
        #expect(
            open.check(arguments: #"{"arguments": {"limit": "many"}}"#).coercions.map(\.kind) != [.unwrappedArguments]
        )
    }

    @Test("closed schemas and patterned names are not warned about")
    func closed() throws {
        let closed = try Validator([
            "type": "object", "properties": ["query": ["type": "string"]], "patternProperties": ["^x-": true],
        ])
        #expect(closed.check(arguments: #"{"query": "x", "x-trace": "1"}"#).warnings.isEmpty)
    }

    @Test(
        "check(value:) gives what check(arguments:) gives for the value's text, in every mode",
        arguments: CheckMode.allCases
    )
    func checkValue(_ mode: CheckMode) throws {
        let validator = try Validator(CheckTests.weather)
        let values: [JSONValue] = [
            ["city": "Paris", "days": 3],
            ["city": "P", "days": "3", "alerts": "TRUE", "zip": 12345],
            ["arguments": ["city": "Paris"]],
            ["city": "P", "days": 30, "extra": 1],
            ["days": 2],
            [:],
            "not an object",
        ]
        var options = Validator.CheckOptions()
        options.fillsDefaults = true
        for value in values {
            let fromValue = validator.check(value: value, mode: mode, options: options)
            let fromText = validator.check(arguments: JSONWriter().string(value), mode: mode, options: options)
            #expect(fromValue == fromText, "\(value) in \(mode)")
        }
        // No text, so nothing to repair: only the wrapper is unwrapped in repair mode.
        let wrapped = validator.check(value: ["arguments": ["city": "Paris"]], mode: .repair)
        #expect(wrapped.arguments == ["city": "Paris"])
        #expect(wrapped.repairs.isEmpty)
        #expect(wrapped.coercions.map(\.kind) == [.unwrappedArguments])
        #expect(!validator.check(value: ["arguments": ["city": "Paris"]], mode: .coerce).isValid)
    }
}
