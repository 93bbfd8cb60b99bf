import JSONCore
import TestSupport
import Testing

@Suite struct StrictParserTests {
    @Test(
        "accepts RFC 8259 texts, with the values they hold",
        arguments: [
            ("1", 1), ("-0", JSONValue.number(JSONNumber(literal: "-0")!)), ("\"x\"", "x"), ("true", true),
            ("false", false), ("null", nil), (" \t\r\n[ ] ", []), ("{}", [:]), ("[1,[2,[3]]]", [1, [2, [3]]]),
            (#"{"a":{"b":[true,false,null,1.5e-3,"s"]}}"#, ["a": ["b": [true, false, nil, 0.0015, "s"]]]),
            (#""\"\\\/\b\f\n\r\t\u0041\u00e9\u4e2d""#, "\"\\/\u{8}\u{C}\n\r\tAé中"), ("\"\u{7F}\"", "\u{7F}"),
            (#"{"":0}"#, ["": 0]), ("[\"😀\", \"中文\", \"é\"]", ["😀", "中文", "é"]), (#""\uD83D\uDE00""#, "😀"),
        ] as [(String, JSONValue)]
    )
    func accepts(_ text: String, value: JSONValue) throws {
        #expect(try JSONValue(parsing: text) == value)
    }

    @Test func decodesEscapes() throws {
        let value = try JSONValue(parsing: #""\"\\\/\b\f\n\r\t\u0041\u00e9\u4e2d\uD83D\uDE00""#)
        #expect(value.stringValue == "\"\\/\u{8}\u{C}\n\r\tAé中😀")
    }

    @Test func scalarsAtTopLevel() throws {
        #expect(try JSONValue(parsing: "42") == 42)
        #expect(try JSONValue(parsing: " \"s\" ") == "s")
        #expect(try JSONValue(parsing: "null") == nil)
    }

    struct Rejection: CustomTestStringConvertible, Sendable {
        var text: String
        var code: JSONParseError.Code
        var line: Int
        var column: Int
        var offset: Int
        var testDescription: String { text.debugDescription }
    }

    static let rejections: [Rejection] = [
        .init(text: "[1,]", code: .trailingComma, line: 1, column: 3, offset: 2),
        .init(text: #"{"a":1,}"#, code: .trailingComma, line: 1, column: 7, offset: 6),
        .init(text: "01", code: .invalidNumber, line: 1, column: 1, offset: 0),
        .init(text: "[01]", code: .invalidNumber, line: 1, column: 2, offset: 1),
        .init(text: "-01", code: .invalidNumber, line: 1, column: 1, offset: 0),
        .init(text: "+1", code: .invalidNumber, line: 1, column: 1, offset: 0),
        .init(text: ".5", code: .invalidNumber, line: 1, column: 1, offset: 0),
        .init(text: "[1.]", code: .invalidNumber, line: 1, column: 4, offset: 3),
        .init(text: "1.", code: .unexpectedEnd, line: 1, column: 3, offset: 2),
        .init(text: "[1.e5]", code: .invalidNumber, line: 1, column: 4, offset: 3),
        .init(text: "[1e]", code: .invalidNumber, line: 1, column: 4, offset: 3),
        .init(text: "-", code: .unexpectedEnd, line: 1, column: 2, offset: 1),
        .init(text: "[-]", code: .invalidNumber, line: 1, column: 3, offset: 2),
        .init(text: "0x10", code: .invalidNumber, line: 1, column: 1, offset: 0),
        .init(text: "[1a]", code: .invalidNumber, line: 1, column: 3, offset: 2),
        .init(text: "NaN", code: .invalidLiteral, line: 1, column: 1, offset: 0),
        .init(text: "Infinity", code: .invalidLiteral, line: 1, column: 1, offset: 0),
        .init(text: "-Infinity", code: .invalidLiteral, line: 1, column: 1, offset: 0),
        .init(text: "True", code: .invalidLiteral, line: 1, column: 1, offset: 0),
        .init(text: "[trUe]", code: .invalidLiteral, line: 1, column: 2, offset: 1),
        .init(text: "truex", code: .invalidLiteral, line: 1, column: 1, offset: 0),
        .init(text: "tru", code: .unexpectedEnd, line: 1, column: 1, offset: 0),
        .init(text: "\"a\u{1}\"", code: .controlCharacter, line: 1, column: 3, offset: 2),
        .init(text: "\"a\nb\"", code: .controlCharacter, line: 1, column: 3, offset: 2),
        .init(text: "\"\t\"", code: .controlCharacter, line: 1, column: 2, offset: 1),
        .init(text: "\"\u{0}\"", code: .controlCharacter, line: 1, column: 2, offset: 1),
        .init(text: #""\x41""#, code: .invalidEscape, line: 1, column: 2, offset: 1),
        .init(text: #""it\'s""#, code: .invalidEscape, line: 1, column: 4, offset: 3),
        .init(text: #""\u12G4""#, code: .invalidEscape, line: 1, column: 2, offset: 1),
        .init(text: #""\uD800""#, code: .loneSurrogate, line: 1, column: 2, offset: 1),
        .init(text: #""\uDC00""#, code: .loneSurrogate, line: 1, column: 2, offset: 1),
        .init(text: #""x\uD800\u0041""#, code: .loneSurrogate, line: 1, column: 3, offset: 2),
        .init(text: #""\uD800\uD800""#, code: .loneSurrogate, line: 1, column: 2, offset: 1),
        .init(text: "// comment\n1", code: .unexpectedCharacter, line: 1, column: 1, offset: 0),
        .init(text: "[1, /* c */ 2]", code: .unexpectedCharacter, line: 1, column: 5, offset: 4),
        .init(text: "# c\n1", code: .unexpectedCharacter, line: 1, column: 1, offset: 0),
        .init(text: "1 2", code: .trailingContent, line: 1, column: 3, offset: 2),
        .init(text: "{}x", code: .trailingContent, line: 1, column: 3, offset: 2),
        .init(text: "", code: .emptyInput, line: 1, column: 1, offset: 0),
        .init(text: "  \n ", code: .emptyInput, line: 2, column: 2, offset: 4),
        .init(text: #"{"a" 1}"#, code: .unexpectedCharacter, line: 1, column: 6, offset: 5),
        .init(text: "{a:1}", code: .unexpectedCharacter, line: 1, column: 2, offset: 1),
        .init(text: "{'a':1}", code: .unexpectedCharacter, line: 1, column: 2, offset: 1),
        .init(text: "['a']", code: .unexpectedCharacter, line: 1, column: 2, offset: 1),
        .init(text: "[1 2]", code: .unexpectedCharacter, line: 1, column: 4, offset: 3),
        .init(text: #"{"a":1 "b":2}"#, code: .unexpectedCharacter, line: 1, column: 8, offset: 7),
        .init(text: "[1,,2]", code: .unexpectedCharacter, line: 1, column: 4, offset: 3),
        .init(text: "[", code: .unexpectedEnd, line: 1, column: 2, offset: 1),
        .init(text: #"{"a":"#, code: .unexpectedEnd, line: 1, column: 6, offset: 5),
        .init(text: #"{"a": "b"#, code: .unexpectedEnd, line: 1, column: 7, offset: 6),
        .init(text: "\"\\", code: .unexpectedEnd, line: 1, column: 2, offset: 1),
        .init(text: "]", code: .unexpectedCharacter, line: 1, column: 1, offset: 0),
        .init(text: "{\n  \"a\": 1,\n  \"b\": x\n}", code: .unexpectedCharacter, line: 3, column: 8, offset: 19),
        .init(text: "{\"城市\": x}", code: .unexpectedCharacter, line: 1, column: 8, offset: 11),
        .init(text: "[\r\n1,\r\nx]", code: .unexpectedCharacter, line: 3, column: 1, offset: 7),
        .init(text: "[\r1,\rx]", code: .unexpectedCharacter, line: 3, column: 1, offset: 5),
        .init(text: "\u{FEFF}{}", code: .byteOrderMark, line: 1, column: 1, offset: 0),
    ]

    @Test("rejects what RFC 8259 does not allow, at the exact place", arguments: rejections)
    func rejects(_ r: Rejection) throws {
        let error = try #require(strictError(r.text))
        #expect(error.code == r.code, "\(error)")
        expectPosition(error.position, line: r.line, column: r.column, offset: r.offset)
        #expect(!error.message.isEmpty)
    }

    static let badUTF8: [[UInt8]] = [
        [0xC0, 0xAF],  // overlong '/'
        [0xC1, 0xBF],  // overlong
        [0xE0, 0x80, 0xAF],  // overlong three-byte
        [0xF0, 0x80, 0x80, 0xAF],  // overlong four-byte
        [0xED, 0xA0, 0x80],  // U+D800 encoded in UTF-8
        [0xED, 0xBF, 0xBF],  // U+DFFF encoded in UTF-8
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xFF],  // bytes that never appear
        [0x80], [0xBF],  // lone continuation bytes
        [0xE4, 0xB8],  // truncated 中
        [0xF0, 0x9F, 0x98],  // truncated 😀
        [0xC3, 0x41],  // lead byte followed by ASCII
    ]

    @Test("rejects ill-formed UTF-8 (RFC 3629) inside strings", arguments: badUTF8)
    func rejectsBadUTF8(_ bytes: [UInt8]) throws {
        let text: [UInt8] = [0x5B, 0x22, 0x61] + bytes + [0x22, 0x5D]  // ["a…"]
        let error = try #require(strictError(bytes: text))
        #expect(error.code == .invalidUTF8, "\(error)")
        #expect(error.position.offset == 3)
        #expect(error.message.hasPrefix("invalid UTF-8"))
    }

    @Test func rejectsBadUTF8InEscapedStrings() throws {
        let text: [UInt8] = [0x22, 0x5C, 0x6E, 0xED, 0xA0, 0x80, 0x22]  // "\n<surrogate>"
        let error = try #require(strictError(bytes: text))
        #expect(error.code == .invalidUTF8)
        #expect(error.position.offset == 3)
    }

    @Test func rejectsBadUTF8OutsideStrings() throws {
        let error = try #require(strictError(bytes: [0x5B, 0xFF, 0x5D]))
        #expect(error.code == .unexpectedCharacter)
        #expect(error.message.contains("0xFF"))
    }

    @Test("accepts every well-formed UTF-8 length")
    func acceptsGoodUTF8() throws {
        let text: [UInt8] = [
            0x22, 0x41, 0xC3, 0xA9, 0xE4, 0xB8, 0xAD, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, 0x22,
        ]
        #expect(try JSONValue(parsing: text) == .string("Aé中😀\u{10FFFF}"))
    }

    @Test func byteOrderMarkOption() throws {
        var options = JSONParser.Options()
        options.allowsByteOrderMark = true
        #expect(try JSONParser(options: options).parse("\u{FEFF}{\"a\":1}") == ["a": 1])
    }

    @Test("duplicate keys name the key and both positions")
    func duplicateKeys() throws {
        let error = try #require(strictError(#"{"a":1,"b":2,"a":3}"#))
        #expect(error.code == .duplicateKey)
        expectPosition(error.position, line: 1, column: 14, offset: 13)
        expectPosition(error.relatedPosition, line: 1, column: 2, offset: 1)
        #expect(error.message.contains("\"a\""))
        #expect(error.message.contains("1:2"))
    }

    @Test("duplicate keys are found in large objects too")
    func duplicateKeysLarge() throws {
        var text = "{\n"
        for k in 0..<40 { text += "\"k\(k)\": \(k),\n" }
        text += "\"k3\": 0}"
        let error = try #require(strictError(text))
        #expect(error.code == .duplicateKey)
        expectPosition(error.position, line: 42, column: 1)
        expectPosition(error.relatedPosition, line: 5, column: 1)
    }

    @Test func duplicateKeysKeepLast() throws {
        var options = JSONParser.Options()
        options.duplicateKeys = .keepLast
        let value = try JSONParser(options: options).parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == 3)
    }

    @Test func depthLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try JSONValue(parsing: ok)
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(strictError(deep))
        #expect(error.code == .depthLimit)
        #expect(error.position.offset == 512)
    }

    @Test("200,000 opening brackets are an error, not a stack overflow")
    func hostileDepth() throws {
        let error = try #require(strictError(String(repeating: "[", count: 200_000)))
        #expect(error.code == .depthLimit)
        let objects = String(repeating: #"{"a":"#, count: 200_000)
        #expect(strictError(objects)?.code == .depthLimit)
    }

    @Test func inputLengthLimit() throws {
        var options = JSONParser.Options()
        options.maxInputLength = 10
        #expect(strictError("[1,2,3,4,5,6]", options: options)?.code == .inputTooLarge)
    }

    @Test func stringLengthLimit() throws {
        var options = JSONParser.Options()
        options.maxStringLength = 5
        #expect(strictError(#"["abcdef"]"#, options: options)?.code == .stringTooLong)
        #expect(strictError(#"["ab\ncdef"]"#, options: options)?.code == .stringTooLong)
        _ = try JSONParser(options: options).parse(#"["abcde"]"#)
    }

    @Test("a 100,000-digit number is an error by default and kept exactly when allowed")
    func hugeNumbers() throws {
        let digits = "1" + String(repeating: "7", count: 99_999)
        let error = try #require(strictError("[\(digits)]"))
        #expect(error.code == .numberTooLong)
        var options = JSONParser.Options()
        options.maxNumberLength = 200_000
        let value = try JSONParser(options: options).parse(digits)
        #expect(value.numberValue?.literal == digits)
        #expect(value.numberValue?.isInteger == true)
        #expect(value.numberValue?.int64Value == nil)
        #expect(value == .number(JSONNumber(literal: digits + ".0")!))
    }

    @Test func rendersExcerptWithCaret() throws {
        let error = try #require(strictError(#"{"a": 1,}"#))
        #expect(
            error.rendered(file: "f.json")
                == "f.json:1:8: error: trailing comma before '}'; remove it\n{\"a\": 1,}\n       ^"
        )
    }

    @Test("the caret accounts for wide characters and control pictures")
    func caretAlignment() throws {
        let wide = try #require(strictError("{\"城市\": x}"))
        #expect(wide.excerpt.line == "{\"城市\": x}")
        #expect(wide.excerpt.caret == String(repeating: " ", count: 9) + "^")
        let control = try #require(strictError("\"a\u{1}\""))
        #expect(control.excerpt.line == "\"a\u{2401}\"")
        #expect(control.excerpt.caret == "  ^")
    }

    @Test("a long line is clipped around the error")
    func longLineExcerpt() throws {
        let text = "[" + String(repeating: "1,", count: 300) + "x]"
        let error = try #require(strictError(text))
        #expect(error.position.column == 602)
        #expect(error.excerpt.line.hasPrefix("…"))
        #expect(error.excerpt.line.count <= 102)
        let caretColumn = error.excerpt.caret.count - 1
        let characters = Array(error.excerpt.line)
        #expect(characters[caretColumn] == "x")
    }

    @Test("parses from strings, arrays, slices and spans alike")
    func inputKinds() throws {
        let text = #"{"k": [1, "v"]}"#
        let bytes = Array(text.utf8)
        let expected = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: bytes) == expected)
        #expect(try JSONValue(parsing: bytes[0...]) == expected)
        #expect(try JSONParser().parse(bytes.span) == expected)
        #expect(try JSONValue(parsing: Substring(text).utf8) == expected)
    }
}

/// The string scanner reads eight bytes at a time; these put every special byte at every
/// position of a word, with and without non-ASCII text before and after it.
@Suite struct StringScanTests {
    static let specials: [(inserted: String, decoded: String)] = [
        ("\\\"", "\""), ("\\\\", "\\"), ("\\n", "\n"), ("\\u00e9", "é"),
    ]

    @Test("special bytes at every position", arguments: 0..<20)
    func everyPosition(_ position: Int) throws {
        for prefix in ["", "é", "中文"] {
            for special in Self.specials {
                for length in position..<(position + 18) {
                    let before = prefix + String(repeating: "a", count: position)
                    let after = String(repeating: "b", count: length - position) + "ü"
                    let text = "\"" + before + special.inserted + after + "\""
                    let value = try JSONValue(parsing: text)
                    #expect(value.stringValue == before + special.decoded + after, "\(text)")
                }
            }
        }
    }

    @Test("a control character or bad UTF-8 is found wherever it sits", arguments: 0..<20)
    func errorsAtEveryPosition(_ position: Int) throws {
        for prefix in ["", "é"] {
            let head = Array(("\"" + prefix + String(repeating: "a", count: position)).utf8)
            let tail = Array((String(repeating: "z", count: 9) + "\"").utf8)
            let control = try #require(strictError(bytes: head + [0x0A] + tail))
            #expect(control.code == .controlCharacter)
            #expect(control.position.offset == head.count)
            let bad = try #require(strictError(bytes: head + [0xFF] + tail))
            #expect(bad.code == .invalidUTF8)
            #expect(bad.position.offset == head.count)
        }
    }
}
