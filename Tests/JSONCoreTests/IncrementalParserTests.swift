import JSONCore
import TestSupport
import Testing

/// The incremental parser against the whole-text parser: the same verdict for every text, split
/// at every byte, and never "invalid" for a prefix of a text the whole-text parser accepts.
@Suite struct IncrementalParserTests {
    static let valid: [String] = [
        #"{"city": "Paris", "days": 3}"#, "[]", "{}", "[[], {}]", #"  {"a": [1, 2.5, -0.0e+3, true, false, null]}  "#,
        "0", "-12", "1e400", "12345678901234567890123", #""北京 😀 \u00e9 \ud83d\ude00 \n\t\"\\\/""#, "true", "null",
        #"{"a": {"b": {"c": [{"d": "e"}]}}, "f": ""}"#, #"{"\u0061": 1, "b": 2}"#, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]",
        "\n\r\t [ 1 , 2 ] \n", #"{"k":"\u0000"}"#, #"{"数量": 2, "乗客": ["张伟", "李娜"]}"#,
        #"{"a": {"a": 1, "b": {"a": 2}}, "b": {"\u0062": 3, "a": []}, "c": 4}"#,
    ]

    static let invalid: [String] = [
        #"{"a": 1,}"#, "[1,]", "[,1]", "01", "1.", ".5", "+1", "-", "1e", "1e+", "0x10", "tru", "nul", "True", "NaN",
        #"{"a" 1}"#, #"{"a": 1 "b": 2}"#, #"{a: 1}"#, "{'a': 1}", #"["a\x"]"#, #""\ud800""#, #""\ud800\n""#,
        #""\udc00""#, "\"a\u{01}b\"", #"{"a": 1, "a": 2}"#, #"{"a": 1, "\u0061": 2}"#, "[1] [2]", "{} x", "",
        "   ", "[", "{\"a\":", #""abc"#, "[1 2]", "{\"a\": 1]", "[1}", "/* c */ 1", "1 // c",
        #"{"a": {"b": 1}, "b": 2, "a": 3}"#, #"{"x": {"\u0062": 1, "b": 2}}"#,
    ]

    func feedInTwo(
        _ bytes: [UInt8],
        at split: Int
    ) -> (first: IncrementalJSONParser.Status, final: IncrementalJSONParser, parser: IncrementalJSONParser) {
        var parser = IncrementalJSONParser()
        let first = parser.feed(bytes[..<split])
        parser.feed(bytes[split...])
        return (first, parser, parser)
    }

    @Test(
        "a valid text is never invalid at any split, and is complete with the same value at its end",
        arguments: valid
    )
    func validTexts(_ text: String) throws {
        let bytes = Array(text.utf8)
        let expected = try JSONParser().parse(bytes)
        for split in 0...bytes.count {
            let (first, _, parser) = feedInTwo(bytes, at: split)
            if case .invalid(let error) = first {
                Issue.record("\(text) prefix of \(split) bytes called invalid: \(error)")
            }
            #expect(parser.status == .complete, "\(text) split at \(split)")
            #expect(try parser.finish() == expected)
        }
        // Byte by byte: every status on the way is incomplete or complete.
        var parser = IncrementalJSONParser()
        for byte in bytes {
            if case .invalid(let error) = parser.feed([byte]) { Issue.record("\(text): \(error)") }
        }
    }

    @Test("an invalid text ends invalid at every split, with the whole-text parser's error code", arguments: invalid)
    func invalidTexts(_ text: String) {
        let bytes = Array(text.utf8)
        var expected: JSONParseError.Code? = nil
        do {
            _ = try JSONParser().parse(bytes)
            Issue.record("\(text) is valid")
        } catch {
            expected = error.code
        }
        for split in 0...bytes.count {
            let (_, _, parser) = feedInTwo(bytes, at: split)
            switch parser.status {
            case .invalid(let error):
                #expect(error.code == expected, "\(text) split at \(split): \(error)")
            case .incomplete:
                // Only a text that ended early: the whole-text parser says it needs more.
                #expect(expected == .unexpectedEnd || expected == .emptyInput, "\(text) split at \(split)")
            case .complete:
                Issue.record("\(text) split at \(split) called complete")
            }
            #expect(throws: JSONParseError.self) { try parser.finish() }
        }
    }

    @Test("invalid as early as the byte that makes it so")
    func early() {
        var parser = IncrementalJSONParser()
        #expect(parser.feed(Array(#"{"city": "Paris", "#.utf8)) == .incomplete)
        guard case .invalid(let error) = parser.feed(Array("}".utf8)) else {
            Issue.record("a trailing comma was not caught at the brace")
            return
        }
        #expect(error.code == .trailingComma || error.code == .unexpectedCharacter)
        #expect(error.position.column == 17, "the comma, where the whole-text parser places it")
        var duplicate = IncrementalJSONParser()
        guard case .invalid(let d) = duplicate.feed(Array(#"{"a": 1, "a""#.utf8)) else {
            Issue.record("a duplicate key was not caught when it closed")
            return
        }
        #expect(d.code == .duplicateKey)
    }

    @Test("random values, written and fed in random chunkings, parse to themselves")
    func randomValues() throws {
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<300 {
            let value = Self.randomValue(&generator, depth: 0)
            let bytes = JSONWriter().bytes(value)
            var parser = IncrementalJSONParser()
            var offset = 0
            while offset < bytes.count {
                let size = Int(generator.next() % 9) + 1
                let end = min(bytes.count, offset + size)
                if case .invalid(let error) = parser.feed(bytes[offset..<end]) {
                    Issue.record("\(value.jsonString()): \(error)")
                    break
                }
                offset = end
            }
            #expect(parser.status == .complete)
            #expect(try parser.finish() == value)
        }
    }

    @Test("options are followed: depth, duplicate keys kept last, a byte-order mark allowed")
    func options() throws {
        var shallow = JSONParser.Options()
        shallow.maxDepth = 2
        var deep = IncrementalJSONParser(options: shallow)
        deep.feed(Array("[[1]]".utf8))
        #expect(deep.status == .complete)
        var tooDeep = IncrementalJSONParser(options: shallow)
        if case .invalid(let error) = tooDeep.feed(Array("[[[1]]]".utf8)) {
            #expect(error.code == .depthLimit)
        } else {
            Issue.record("too deep was accepted")
        }
        var keepLast = JSONParser.Options()
        keepLast.duplicateKeys = .keepLast
        var lenient = IncrementalJSONParser(options: keepLast)
        lenient.feed(Array(#"{"a": 1, "a": 2}"#.utf8))
        #expect(try lenient.finish() == ["a": 2])
        var bom = JSONParser.Options()
        bom.allowsByteOrderMark = true
        var marked = IncrementalJSONParser(options: bom)
        marked.feed([0xEF, 0xBB] as [UInt8])
        #expect(marked.feed([0xBF] + Array("[1]".utf8)) == .complete)
        var unmarked = IncrementalJSONParser()
        if case .incomplete = unmarked.feed([0xEF, 0xBB, 0xBF] as [UInt8]) { Issue.record("a BOM was accepted") }
    }

    @Test("limits decide exactly as the whole-text parser's: one under, at and one over each")
    func limitsAreExact() throws {
        var options = JSONParser.Options()
        options.maxStringLength = 8
        options.maxNumberLength = 5
        options.maxDepth = 3
        var texts: [String] = []
        for n in 7...9 {
            texts.append("[\"" + String(repeating: "a", count: n) + "\"]")
            texts.append("[\"" + String(repeating: "é", count: n / 2) + "\"]")
            texts.append("{\"" + String(repeating: "k", count: n) + "\": 1}")
        }
        for n in 4...6 { texts.append("[" + String(repeating: "1", count: n) + "]") }
        texts += ["[-1234]", "[1.234]", "[12345]", "[[[]]]", "[[[[]]]]", "[{\"a\": [1]}]", "[{\"a\": [[1]]}]"]
        for text in texts {
            let bytes = Array(text.utf8)
            let accepted = (try? JSONParser(options: options).parse(bytes)) != nil
            for split in 0...bytes.count {
                var parser = IncrementalJSONParser(options: options)
                let first = parser.feed(bytes[..<split])
                let last = parser.feed(bytes[split...])
                if accepted {
                    if case .invalid = first { Issue.record("\(text) refused early at \(split)") }
                    #expect(last == .complete, "\(text) at \(split)")
                } else {
                    if case .invalid = last {} else { Issue.record("\(text) not refused (split \(split)): \(last)") }
                }
            }
        }
    }

    @Test(
        "an object with 20,000 keys and one repeated at the end: found, without quadratic work",
        .timeLimit(.minutes(1))
    )
    func manyKeys() {
        var text = "{"
        for k in 0..<20_000 { text += "\"key\(k)\": \(k)," }
        text += "\"key17\": 0}"
        let bytes = Array(text.utf8)
        var parser = IncrementalJSONParser()
        var offset = 0
        while offset < bytes.count {
            parser.feed(bytes[offset..<min(offset + 16, bytes.count)])
            offset += 16
        }
        guard case .invalid(let error) = parser.status else {
            Issue.record("the repeated key was not found")
            return
        }
        #expect(error.code == .duplicateKey)
    }

    @Test("objects of more than 32 keys inside each other: each knows its own keys, and only those")
    func nestedLargeObjects() {
        func members(_ prefix: String, _ range: Range<Int>) -> String {
            range.map { "\"\(prefix)\($0)\": \($0)" }.joined(separator: ", ")
        }
        let deepest = "{" + members("k", 0..<40) + "}"
        let inner = "{" + members("k", 0..<40) + #", "deeper": "# + deepest
        let outer = "{" + members("k", 0..<40) + #", "inner": "# + inner
        let cases: [(text: String, duplicate: Bool)] = [
            (outer + #"}, "deeper": 1, "# + members("k", 40..<45) + "}", false),
            (outer + #"}, "k5": 0}"#, true),
            (outer + #", "k39": 0}}"#, true),
            (outer + #", "deeper2": 0}, "inner2": 1}"#, false),
        ]
        for (text, duplicate) in cases {
            let bytes = Array(text.utf8)
            for size in [7, 16, bytes.count] {
                var parser = IncrementalJSONParser()
                var offset = 0
                while offset < bytes.count {
                    parser.feed(bytes[offset..<min(offset + size, bytes.count)])
                    offset += size
                }
                if duplicate {
                    guard case .invalid(let error) = parser.status else {
                        Issue.record("the repeated key was not found in pieces of \(size)")
                        continue
                    }
                    #expect(error.code == .duplicateKey)
                } else {
                    #expect(parser.status == .complete, "pieces of \(size)")
                }
            }
        }
    }

    static func randomValue(_ g: inout SplitMix64, depth: Int) -> JSONValue {
        let pick = depth > 3 ? g.next() % 5 : g.next() % 7
        switch pick {
        case 0: return nil
        case 1: return .bool(g.next() % 2 == 0)
        case 2: return .number(JSONNumber(Int(g.next() % 2_000_000) - 1_000_000))
        case 3: return 0.25
        case 4:
            let pieces = ["a", "北京", "😀", "\"", "\\", "\n", "é", " ", "\u{1F}"]
            return .string((0..<Int(g.next() % 5)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined())
        case 5: return .array((0..<Int(g.next() % 4)).map { _ in randomValue(&g, depth: depth + 1) })
        default:
            var object = JSONObject()
            for k in 0..<Int(g.next() % 4) {
                object["k\(k)\(g.next() % 3 == 0 ? "键" : "")"] = randomValue(&g, depth: depth + 1)
            }
            return .object(object)
        }
    }
}
