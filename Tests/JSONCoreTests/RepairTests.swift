import JSONCore
import TestSupport
import Testing

@Suite struct RepairTests {
    func repair(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RepairedJSON {
        try JSONParser().repair(text)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var expected: String
        var kinds: [JSONRepair.Kind]
        var testDescription: String { text.debugDescription }
    }

    static let cases: [Case] = [
        .init(text: "\u{FEFF}{\"a\":1}", expected: #"{"a":1}"#, kinds: [.byteOrderMark]),
        .init(text: "\u{A0}{\"a\":\u{3000}1}\u{200B}", expected: #"{"a":1}"#, kinds: [.whitespace]),
        .init(text: "```json\n{\"a\": 1}\n```", expected: #"{"a":1}"#, kinds: [.codeFence]),
        .init(text: "```\n[1, 2]\n```\n", expected: "[1,2]", kinds: [.codeFence]),
        .init(text: "```JSON {\"a\": 1}```", expected: #"{"a":1}"#, kinds: [.codeFence]),
        .init(
            text: "Here are the arguments:\n```json\n{\"a\": 1}\n```\nLet me know!",
            expected: #"{"a":1}"#,
            kinds: [.surroundingText, .codeFence, .surroundingText]
        ),
        .init(
            text: "Here are the arguments: {\"city\": \"Paris\"}. Let me know…",
            expected: #"{"city":"Paris"}"#,
            kinds: [.surroundingText, .surroundingText]
        ),
        .init(text: "Sure [see below]: {\"a\": [1]}", expected: #"{"a":[1]}"#, kinds: [.surroundingText]),
        .init(text: #"{"a": 1,}"#, expected: #"{"a":1}"#, kinds: [.trailingComma]),
        .init(text: "[1, 2, ]", expected: "[1,2]", kinds: [.trailingComma]),
        .init(text: #"{"a": 1 "b": 2}"#, expected: #"{"a":1,"b":2}"#, kinds: [.missingComma]),
        .init(text: "[1 2\n3]", expected: "[1,2,3]", kinds: [.missingComma, .missingComma]),
        .init(text: "[1,,2]", expected: "[1,2]", kinds: [.extraComma]),
        .init(text: #"{, "a": 1}"#, expected: #"{"a":1}"#, kinds: [.extraComma]),
        .init(text: "{'a': 'it\"s'}", expected: #"{"a":"it\"s"}"#, kinds: [.singleQuotes, .singleQuotes]),
        .init(text: #"{'a': 'it\'s'}"#, expected: #"{"a":"it's"}"#, kinds: [.singleQuotes, .singleQuotes]),
        .init(
            text: "{city: \"Paris\", $x_1-y: 2}",
            expected: #"{"city":"Paris","$x_1-y":2}"#,
            kinds: [.unquotedKey, .unquotedKey]
        ),
        .init(text: "{城市: \"巴黎\"}", expected: #"{"城市":"巴黎"}"#, kinds: [.unquotedKey]),
        .init(
            text: #"{"a": True, "b": False, "c": None, "d": undefined}"#,
            expected: #"{"a":true,"b":false,"c":null,"d":null}"#,
            kinds: [.nonJSONLiteral, .nonJSONLiteral, .nonJSONLiteral, .nonJSONLiteral]
        ),
        .init(
            text: "{\n  // the city\n  \"a\": 1, /* unit */ \"b\": 2 # trailing\n}",
            expected: #"{"a":1,"b":2}"#,
            kinds: [.comment, .comment, .comment]
        ),
        .init(
            text: "{\"text\": \"line one\nline two\ttabbed\"}",
            expected: #"{"text":"line one\nline two\ttabbed"}"#,
            kinds: [.controlCharacter]
        ),
        .init(
            text: #"{"re": "\d+\.\w"}"#,
            expected: #"{"re":"\\d+\\.\\w"}"#,
            kinds: [.invalidEscape, .invalidEscape, .invalidEscape]
        ),
        .init(text: #"{"q": "it\'s"}"#, expected: #"{"q":"it's"}"#, kinds: [.invalidEscape]),
        .init(text: #""{\"a\": 1}""#, expected: #"{"a":1}"#, kinds: [.doubleEncoded]),
        .init(text: #""[1, 2]""#, expected: "[1,2]", kinds: [.doubleEncoded]),
        .init(text: #""{\"a\": 1,}""#, expected: #"{"a":1}"#, kinds: [.doubleEncoded, .trailingComma]),
        .init(text: #"'{"a": 1}'"#, expected: #"{"a":1}"#, kinds: [.singleQuotes, .doubleEncoded]),
        // The string is found at the value, not at the first quote of a comment before it.
        .init(text: "// say \"hi\"\n\"{\\\"a\\\": 1}\"", expected: #"{"a":1}"#, kinds: [.comment, .doubleEncoded]),
        .init(
            text: "# x: \"s\"\n\"[1]\" and more",
            expected: "[1]",
            kinds: [.comment, .doubleEncoded, .surroundingText]
        ),
        .init(text: "", expected: "{}", kinds: [.emptyArguments]),
        .init(text: "  \n\t ", expected: "{}", kinds: [.emptyArguments]),
        .init(text: #""""#, expected: "{}", kinds: [.emptyArguments]),
        .init(text: "null", expected: "{}", kinds: [.emptyArguments]),
        .init(text: " null ", expected: "{}", kinds: [.emptyArguments]),
        .init(text: "```json\n```", expected: "{}", kinds: [.codeFence, .emptyArguments]),
    ]

    @Test("each repair kind", arguments: cases)
    func repairs(_ c: Case) throws {
        let result = try repair(c.text)
        #expect(result.value == (try JSONValue(parsing: c.expected)), "got \(result.value)")
        #expect(result.repairs.map(\.kind) == c.kinds, "\(result.repairs)")
        #expect(!result.isTruncated)
        for r in result.repairs { #expect(!r.message.isEmpty) }
    }

    @Test("valid JSON goes through unchanged, with no repairs")
    func validUntouched() throws {
        let text = #"{"a": [1, 2.50, "x"], "b": {"c": null}}"#
        let result = try repair(text)
        #expect(result.repairs.isEmpty)
        #expect(result.value.jsonString() == #"{"a":[1,2.50,"x"],"b":{"c":null}}"#)
    }

    @Test("a plain JSON string that does not hold an object stays a string")
    func plainStringsStay() throws {
        let result = try repair(#""hello {""#)
        #expect(result.value == "hello {")
        #expect(result.repairs.isEmpty)
    }

    /// Found by the generated repair tests: `"\t{"` was read as a truncated object.
    @Test(
        "a complete string whose content is cut-off JSON stays a string and is not called truncated",
        arguments: [#""\t{""#, #""{\"city\": ""#, #""[1, ""#]
    )
    func cutInsideCompleteString(_ text: String) throws {
        let result = try repair(text)
        #expect(result.value.stringValue != nil, "got \(result.value)")
        #expect(result.repairs.isEmpty)
        #expect(!result.isTruncated)
    }

    @Test("repairs point at their place in the original text")
    func positions() throws {
        let result = try repair("{\n  'a': 1,\n  b: True,\n}")
        let described = result.repairs.map { "\($0.position.line):\($0.position.column) \($0.kind)" }
        #expect(described == ["2:3 single-quotes", "3:3 unquoted-key", "3:6 non-json-literal", "3:10 trailing-comma"])
    }

    @Test("repairs inside a double-encoded string point into the outer text")
    func doubleEncodedPositions() throws {
        let result = try repair(#""{\"a\": 1,}""#)
        #expect(result.repairs.map(\.kind) == [.doubleEncoded, .trailingComma])
        expectPosition(result.repairs[1].position, line: 1, column: 11, offset: 10)
    }

    struct Truncation: CustomTestStringConvertible, Sendable {
        var text: String
        var expected: String
        var testDescription: String { text.debugDescription }
    }

    static let truncations: [Truncation] = [
        .init(text: #"{"city": "Par"#, expected: #"{"city":"Par"}"#),
        .init(text: #"{"city": "Paris", "unit"#, expected: #"{"city":"Paris"}"#),
        .init(text: #"{"city": "Paris", "unit":"#, expected: #"{"city":"Paris"}"#),
        .init(text: #"{"city": "Paris", "unit": "#, expected: #"{"city":"Paris"}"#),
        .init(text: #"{"a": [1, 2"#, expected: #"{"a":[1,2]}"#),
        .init(text: #"{"a": [1, 2, "#, expected: #"{"a":[1,2]}"#),
        .init(text: #"{"a": {"b": {"c": tr"#, expected: #"{"a":{"b":{"c":true}}}"#),
        .init(text: #"{"a": nu"#, expected: #"{"a":null}"#),
        .init(text: #"{"a": 12.5e"#, expected: #"{"a":12.5}"#),
        .init(text: #"{"a": -"#, expected: "{}"),
        .init(text: #"{"a": "x\"#, expected: #"{"a":"x"}"#),
        .init(text: #"{"a": "\u00"#, expected: #"{"a":""}"#),
        .init(text: "{", expected: "{}"),
        .init(text: "[", expected: "[]"),
        .init(text: "```json\n{\"a\": 1, \"b\": [", expected: #"{"a":1,"b":[]}"#),
    ]

    @Test("truncated text is closed, reported, and flagged", arguments: truncations)
    func truncated(_ t: Truncation) throws {
        let result = try repair(t.text)
        #expect(result.isTruncated)
        #expect(result.value == (try JSONValue(parsing: t.expected)), "got \(result.value)")
        let last = try #require(result.repairs.last)
        #expect(last.kind == .truncated)
        // The cut is reported where the content ends, before any trailing whitespace.
        let content = t.text.utf8.reversed().drop { $0 == 0x20 }
        #expect(last.position.offset == content.count)
    }

    @Test func truncationMessageNamesWhatWasLost() throws {
        let result = try repair(#"{"city": "Paris", "days": [1, {"unit":"#)
        let message = try #require(result.repairs.last?.message)
        #expect(message.contains("closed 3 open brackets"), "\(message)")
        #expect(message.contains("\"unit\""), "\(message)")
    }

    @Test(
        "several top-level objects are an error that says calls were merged",
        arguments: [
            #"{"a": 1}{"b": 2}"#, "{\"a\": 1}\n{\"b\": 2}", #"{"a": 1}, {"b": 2}"#, #"[1] [2]"#,
            #"{"a":1}{"b":2}{"c":3}"#,
            "```json\n{\"a\": 1}\n{\"b\": 2}\n```",
        ]
    )
    func merged(_ text: String) throws {
        #expect {
            try JSONParser().repair(text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.code == .mergedValues && error.message.contains("merged")
                && error.message.contains("one JSON object per call")
        }
    }

    @Test func mergedCountsTheValues() throws {
        do {
            _ = try JSONParser().repair(#"{"a":1}{"b":2}{"c":3}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("found 3 JSON values"), "\(error.message)")
            expectPosition(error.position, line: 1, column: 8)
        }
    }

    @Test(
        "unrepairable text is an error with a position",
        arguments: [
            ("city: Paris", 1, 1), (#"{"a" 1}"#, 1, 6), (#"{"a": Paris}"#, 1, 7), ("{\"a\": 1 ?}", 1, 9), ("NaN", 1, 1),
            (#"{"a": [1, 2 x]}"#, 1, 13), ("just words", 1, 1), (#"{"a": +1}"#, 1, 7), ("{\"a\": 01}", 1, 7),
        ]
    )
    func unrepairable(_ text: String, _ line: Int, _ column: Int) throws {
        do {
            let result = try JSONParser().repair(text)
            Issue.record("expected an error, got \(result.value)")
        } catch {
            expectPosition(error.position, line: line, column: column)
            #expect(!error.excerpt.line.isEmpty)
        }
    }

    @Test("a broken object is never replaced by a valid object nested in it")
    func noNestedPick() {
        #expect(throws: JSONParseError.self) { try JSONParser().repair(#"{"a": 1 "b" 2, "c": {"d": 1}}"#) }
    }

    @Test("limits and duplicates stay errors in repair mode")
    func finalErrors() throws {
        #expect(throws: JSONParseError.self) { try JSONParser().repair(String(repeating: "[", count: 200_000)) }
        #expect(throws: JSONParseError.self) { try JSONParser().repair("{a: 1, 'a': 2}") }
        #expect(throws: JSONParseError.self) { try JSONParser().repair(#""{\"a\": 1, \"a\": 2}""#) }
        let invalidUTF8: [UInt8] = Array("{'a': '".utf8) + [0xFF] + Array("'}".utf8)
        #expect(throws: JSONParseError.self) { try JSONParser().repair(invalidUTF8) }
    }

    /// What a hostile input must end in: an error with this message prefix, or a value of this
    /// type whose first repair is this kind.
    enum HostileOutcome: Sendable, CustomStringConvertible {
        case error(String)
        case value(String, firstRepair: String?)
        var description: String {
            switch self {
            case .error(let m): "error \(m)"
            case .value(let t, let r): "\(t) \(r ?? "-")"
            }
        }
    }

    @Test(
        "hostile inputs end in the expected value or error (a hang fails the time limit)",
        .timeLimit(.minutes(1)),
        arguments: [
            (
                String(repeating: "[", count: 100_000),
                HostileOutcome.error("arrays and objects are nested more than 512")
            ),
            (String(repeating: "{", count: 100_000), .error("expected a property name in double quotes, found '{'")),
            (String(repeating: "a", count: 1_000_000), .error("expected a value, found 'aaaa")),
            ("x" + String(repeating: "{", count: 50_000), .error("expected a value, found 'x'")),
            ("x " + String(repeating: "{a", count: 200_000), .error("expected a value, found 'x'")),
            (
                String(repeating: "[1,", count: 100) + String(repeating: ",", count: 500_000),
                .error("more than 10000 repairs")
            ),
            ("{\"a\": \"" + String(repeating: "\\q", count: 300_000), .error("more than 10000 repairs")),
            (String(repeating: "// c\n", count: 100_000) + "{}", .value("object", firstRepair: "surrounding-text")),
            (String(repeating: "``` ", count: 100_000), .value("object", firstRepair: "code-fence")),
            (String(repeating: "{\"a\":1}", count: 100_000), .error("found 100 JSON values in a row")),
            ("\"" + String(repeating: "\\\"{", count: 100_000) + "\"", .value("string", firstRepair: nil)),
            (String(repeating: "\u{A0}", count: 200_000) + "{x:1}", .value("object", firstRepair: "whitespace")),
            ("[" + String(repeating: "1 ", count: 200_000) + "]", .error("more than 10000 repairs")),
        ]
    )
    func hostile(_ text: String, outcome: HostileOutcome) {
        let result = Result { () throws(JSONParseError) in try JSONParser().repair(text) }
        switch (result, outcome) {
        case (.failure(let error), .error(let prefix)):
            #expect(error.message.hasPrefix(prefix), "\(error.message)")
        case (.success(let result), .value(let type, let firstRepair)):
            #expect(result.value.typeName == type)
            #expect(result.repairs.first.map { "\($0.kind)" } == firstRepair)
        case (let got, _):
            Issue.record("expected \(outcome), got \(got)")
        }
    }

    @Test("too many repairs is an ordinary error")
    func repairBudget() {
        let text = "[" + String(repeating: "1 ", count: 20_000) + "]"
        #expect(throws: JSONParseError.self) { try JSONParser().repair(text) }
    }

    @Test func keepLastInRepairMode() throws {
        var options = JSONParser.Options()
        options.duplicateKeys = .keepLast
        let result = try JSONParser(options: options).repair("{a: 1, 'a': 2,}")
        #expect(result.value == ["a": 2])
    }
}
