// The strict RFC 8259 parser behind `JSONParser.parse`: one pass over the bytes, no Foundation.

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
@inline(__always) func isJSONWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

package struct StrictParser {
    package let options: JSONParser.Options
    package var depth = 0
    var scratch: [UInt8] = []
    /// The capacities containers start with. Most tool arguments are small objects and short
    /// arrays; one first allocation big enough for them saves the regrowth steps (measured:
    /// 17-27% fewer instructions per parse than growing from empty).
    static let initialObjectCapacity = 8
    static let initialArrayCapacity = 4

    package init(options: JSONParser.Options) {
        self.options = options
    }

    mutating func parseDocument(_ s: Span<UInt8>) throws(RawParseError) -> JSONValue {
        if s.count > options.maxInputLength {
            throw RawParseError(
                code: .inputTooLarge,
                offset: 0,
                message: "the input is \(s.count) bytes, more than the limit of \(options.maxInputLength)"
            )
        }
        var i = 0
        if s.count >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF {
            guard options.allowsByteOrderMark else {
                throw RawParseError(
                    code: .byteOrderMark,
                    offset: 0,
                    message: "the text starts with a byte-order mark (U+FEFF); remove it"
                )
            }
            i = 3
        }
        skipWhitespace(s, &i)
        if i == s.count {
            throw RawParseError(code: .emptyInput, offset: i, message: "expected a JSON value, found no text")
        }
        let value = try parseValue(s, &i)
        skipWhitespace(s, &i)
        if i < s.count {
            throw RawParseError(
                code: .trailingContent,
                offset: i,
                message: "expected the end of the text after the JSON value, found \(describeByte(s, at: i))"
            )
        }
        return value
    }

    @inline(__always)
    func skipWhitespace(_ s: Span<UInt8>, _ i: inout Int) {
        while i < s.count && isJSONWhitespace(s[i]) { i += 1 }
    }

    package mutating func parseValue(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> JSONValue {
        guard i < s.count else {
            throw RawParseError(code: .unexpectedEnd, offset: i, message: "expected a value, found the end of the text")
        }
        switch s[i] {
        case 0x22:  // "
            return .string(try parseString(s, &i))
        case 0x7B:  // {
            return try parseObject(s, &i)
        case 0x5B:  // [
            return try parseArray(s, &i)
        case 0x2D, 0x30...0x39:
            return .number(try parseNumber(s, &i))
        case 0x74:
            try expectLiteral(s, &i, "true")
            return .bool(true)
        case 0x66:
            try expectLiteral(s, &i, "false")
            return .bool(false)
        case 0x6E:
            try expectLiteral(s, &i, "null")
            return .null
        default:
            throw unexpectedValueStart(s, i)
        }
    }

    func unexpectedValueStart(_ s: Span<UInt8>, _ i: Int) -> RawParseError {
        let b = s[i]
        let found = describeByte(s, at: i)
        func word() -> String {
            var j = i
            while j < s.count && j - i < 16 && (s[j] >= 0x41 && s[j] <= 0x5A || s[j] >= 0x61 && s[j] <= 0x7A) { j += 1 }
            return String(decoding: (i..<j).map { s[$0] }, as: UTF8.self)
        }
        switch b {
        case 0x27:
            return RawParseError(
                code: .unexpectedCharacter,
                offset: i,
                message: "expected a value, found a single quote; JSON strings use double quotes"
            )
        case 0x2B:
            return RawParseError(
                code: .invalidNumber,
                offset: i,
                message: "expected a value, found '+'; JSON numbers have no leading plus sign"
            )
        case 0x2E:
            return RawParseError(
                code: .invalidNumber,
                offset: i,
                message: "expected a value, found '.'; a JSON number needs a digit before the point (0.5)"
            )
        case 0x2F, 0x23:
            return RawParseError(
                code: .unexpectedCharacter,
                offset: i,
                message: "expected a value, found \(found); JSON has no comments"
            )
        case 0x5D, 0x7D:
            return RawParseError(code: .unexpectedCharacter, offset: i, message: "expected a value, found \(found)")
        case 0x41...0x5A, 0x61...0x7A:
            let w = word()
            switch w {
            case "True", "False", "None", "TRUE", "FALSE", "NULL", "Null":
                return RawParseError(
                    code: .invalidLiteral,
                    offset: i,
                    message: "expected a value, found '\(w)'; JSON literals are lowercase true, false and null"
                )
            case "NaN", "Infinity", "undefined":
                return RawParseError(
                    code: .invalidLiteral,
                    offset: i,
                    message: "expected a value, found '\(w)', which JSON does not have"
                )
            default:
                return RawParseError(
                    code: .unexpectedCharacter,
                    offset: i,
                    message: "expected a value, found '\(w)'; strings must be in double quotes"
                )
            }
        default:
            return RawParseError(code: .unexpectedCharacter, offset: i, message: "expected a value, found \(found)")
        }
    }

    package func expectLiteral(_ s: Span<UInt8>, _ i: inout Int, _ literal: StaticString) throws(RawParseError) {
        let start = i
        let count = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        var k = 0
        while k < count {
            guard start + k < s.count, s[start + k] == text[k] else {
                let found =
                    start + k < s.count ? "found \(describeByte(s, at: start + k))" : "found the end of the text"
                throw RawParseError(
                    code: start + k < s.count ? .invalidLiteral : .unexpectedEnd,
                    offset: start,
                    message: "expected '\(literal)', \(found)"
                )
            }
            k += 1
        }
        i = start + count
        if i < s.count, isIdentifierByte(s[i]) {
            throw RawParseError(
                code: .invalidLiteral,
                offset: start,
                message: "expected '\(literal)', found a longer word"
            )
        }
    }

    @inline(__always)
    func isIdentifierByte(_ b: UInt8) -> Bool {
        isDigit(b) || b >= 0x41 && b <= 0x5A || b >= 0x61 && b <= 0x7A || b == 0x5F
    }

    // MARK: Numbers

    package func parseNumber(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> JSONNumber {
        let start = i
        let n = s.count
        if s[i] == 0x2D {
            i += 1
            guard i < n, isDigit(s[i]) else {
                if i < n, s[i] == 0x49 {
                    throw RawParseError(
                        code: .invalidLiteral,
                        offset: start,
                        message: "expected a number, found '-Infinity', which JSON does not have"
                    )
                }
                throw RawParseError(
                    code: i < n ? .invalidNumber : .unexpectedEnd,
                    offset: i,
                    message: "expected a digit after '-', found \(describeByte(s, at: i))"
                )
            }
        }
        if s[i] == 0x30 {
            i += 1
            if i < n && isDigit(s[i]) {
                throw RawParseError(
                    code: .invalidNumber,
                    offset: start,
                    message: "invalid number: leading zeros are not allowed in JSON"
                )
            }
            if i < n && (s[i] == 0x78 || s[i] == 0x58) {
                throw RawParseError(
                    code: .invalidNumber,
                    offset: start,
                    message: "invalid number: JSON has no hexadecimal numbers"
                )
            }
        } else {
            while i < n && isDigit(s[i]) { i += 1 }
        }
        if i < n && s[i] == 0x2E {
            i += 1
            guard i < n, isDigit(s[i]) else {
                throw RawParseError(
                    code: i < n ? .invalidNumber : .unexpectedEnd,
                    offset: i,
                    message: "expected a digit after the decimal point, found \(describeByte(s, at: i))"
                )
            }
            while i < n && isDigit(s[i]) { i += 1 }
        }
        if i < n && (s[i] == 0x65 || s[i] == 0x45) {
            i += 1
            if i < n && (s[i] == 0x2B || s[i] == 0x2D) { i += 1 }
            guard i < n, isDigit(s[i]) else {
                throw RawParseError(
                    code: i < n ? .invalidNumber : .unexpectedEnd,
                    offset: i,
                    message: "expected a digit in the exponent, found \(describeByte(s, at: i))"
                )
            }
            while i < n && isDigit(s[i]) { i += 1 }
        }
        if i < n && (isIdentifierByte(s[i]) || s[i] == 0x2E) {
            throw RawParseError(
                code: .invalidNumber,
                offset: i,
                message:
                    "invalid number: unexpected \(describeByte(s, at: i)) after \(String(decoding: (start..<i).map { s[$0] }, as: UTF8.self))"
            )
        }
        if i - start > options.maxNumberLength {
            throw RawParseError(
                code: .numberTooLong,
                offset: start,
                message: "the number has \(i - start) characters, more than the limit of \(options.maxNumberLength)"
            )
        }
        return JSONNumber(uncheckedLiteral: makeString(s, start, i))
    }

    // MARK: Strings

    @inline(__always)
    package func makeString(_ s: Span<UInt8>, _ start: Int, _ end: Int) -> String {
        s.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// Parses a string; `i` is at the opening quote and ends after the closing one.
    package mutating func parseString(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> String {
        let start = i + 1
        let (j, sawNonASCII) = Self.scanPlain(s, from: start)
        let n = s.count
        guard j < n else {
            throw RawParseError(
                code: .unexpectedEnd,
                offset: i,
                message: "the string that starts here is never closed; expected '\"'"
            )
        }
        let b = s[j]
        if b == 0x5C { return try parseEscapedString(s, &i, plainUpTo: j, sawNonASCII: sawNonASCII) }
        if b < 0x20 { throw controlCharacterError(s, j) }
        // b is the closing quote.
        if j - start > options.maxStringLength { throw stringTooLong(i, j - start) }
        // Non-ASCII text is validated here, where the offset of a bad byte is known.
        // (`String(validating:)` would validate once instead of twice, but measured 5x slower
        // than this check plus `String(decoding:)` on short strings.)
        if sawNonASCII, let bad = UTF8Validation.firstInvalid(s, from: start, to: j) {
            throw RawParseError(code: .invalidUTF8, offset: bad, message: UTF8Validation.problem(s, at: bad, end: j))
        }
        i = j + 1
        return makeString(s, start, j)
    }

    /// Finds the first quote, backslash or control character at or after `start`, eight bytes
    /// at a time; also says whether any byte on the way was non-ASCII.
    ///
    /// - Returns: the offset of that byte (or the end), and whether a byte >= 0x80 was passed.
    @inline(__always)
    package static func scanPlain(_ s: Span<UInt8>, from start: Int) -> (Int, Bool) {
        s.withUnsafeBufferPointer { buffer -> (Int, Bool) in
            let n = buffer.count
            var j = start
            var high: UInt64 = 0
            #if _endian(little)
                if let base = buffer.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    let highs: UInt64 = 0x8080_8080_8080_8080
                    while j + 8 <= n {
                        let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                        let quote = w ^ (ones &* 0x22)
                        let backslash = w ^ (ones &* 0x5C)
                        // A byte is flagged when it is zero (quote, backslash) or below 0x20. Bytes
                        // >= 0x80 are masked out. Borrows can flag a more significant byte than a
                        // real hit, never a less significant one; on a little-endian machine the
                        // least significant flag is the first such byte in memory, exactly.
                        let found =
                            (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (w &- ones &* 0x20))
                            & ~w & highs
                        if found != 0 {
                            let k = found.trailingZeroBitCount >> 3
                            // Only the bytes before the hit count towards "non-ASCII seen".
                            high |= k == 0 ? 0 : w & (UInt64.max >> (64 - 8 * k))
                            return (j + k, high & highs != 0)
                        }
                        high |= w
                        j += 8
                    }
                }
            #endif
            while j < n {
                let b = buffer[j]
                if b == 0x22 || b == 0x5C || b < 0x20 { break }
                high |= UInt64(b)
                j += 1
            }
            return (j, high & 0x8080_8080_8080_8080 != 0)
        }
    }

    func controlCharacterError(_ s: Span<UInt8>, _ j: Int) -> RawParseError {
        let b = s[j]
        let escape: String
        switch b {
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        default:
            let hex = String(b, radix: 16, uppercase: true)
            escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return RawParseError(
            code: .controlCharacter,
            offset: j,
            message: "unescaped control character \(describeByte(s, at: j)) in a string; write it as \(escape)"
        )
    }

    func stringTooLong(_ offset: Int, _ length: Int) -> RawParseError {
        RawParseError(
            code: .stringTooLong,
            offset: offset,
            message: "the string is \(length) bytes long, more than the limit of \(options.maxStringLength)"
        )
    }

    mutating func parseEscapedString(
        _ s: Span<UInt8>,
        _ i: inout Int,
        plainUpTo firstEscape: Int,
        sawNonASCII: Bool
    ) throws(RawParseError) -> String {
        let start = i + 1
        let n = s.count
        scratch.removeAll(keepingCapacity: true)
        for k in start..<firstEscape { scratch.append(s[k]) }
        var checkUTF8From = sawNonASCII ? start : -1
        var j = firstEscape
        while true {
            guard j < n else {
                throw RawParseError(
                    code: .unexpectedEnd,
                    offset: i,
                    message: "the string that starts here is never closed; expected '\"'"
                )
            }
            let b = s[j]
            if b == 0x22 { break }
            if b < 0x20 { throw controlCharacterError(s, j) }
            if b == 0x5C {
                guard j + 1 < n else {
                    throw RawParseError(
                        code: .unexpectedEnd,
                        offset: j,
                        message: "the text ends inside an escape sequence"
                    )
                }
                let e = s[j + 1]
                switch e {
                case 0x22, 0x5C, 0x2F: scratch.append(e)
                case 0x62: scratch.append(0x08)
                case 0x66: scratch.append(0x0C)
                case 0x6E: scratch.append(0x0A)
                case 0x72: scratch.append(0x0D)
                case 0x74: scratch.append(0x09)
                case 0x75:
                    let scalar = try parseUnicodeEscape(s, &j)
                    appendUTF8(scalar)
                    continue
                default:
                    let hint = e == 0x27 ? "; a single quote needs no escape in JSON" : ""
                    throw RawParseError(
                        code: .invalidEscape,
                        offset: j,
                        message:
                            "invalid escape '\\\(describeByte(s, at: j + 1).trimmingQuotes)' in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX\(hint)"
                    )
                }
                j += 2
                continue
            }
            if b >= 0x80 && checkUTF8From < 0 { checkUTF8From = j }
            scratch.append(b)
            j += 1
        }
        if j - start > options.maxStringLength { throw stringTooLong(i, j - start) }
        if checkUTF8From >= 0 {
            // Escapes only ever add valid UTF-8, so the source bytes decide.
            if let bad = UTF8Validation.firstInvalid(s, from: checkUTF8From, to: j) {
                throw RawParseError(
                    code: .invalidUTF8,
                    offset: bad,
                    message: UTF8Validation.problem(s, at: bad, end: j)
                )
            }
        }
        i = j + 1
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Reads `\uXXXX` (and its low-surrogate partner) at `j`; advances `j` past it.
    func parseUnicodeEscape(_ s: Span<UInt8>, _ j: inout Int) throws(RawParseError) -> Unicode.Scalar {
        let escapeStart = j
        let high = try hex4(s, j + 2, escapeStart)
        j += 6
        if high >= 0xD800 && high <= 0xDBFF {
            guard j + 1 < s.count, s[j] == 0x5C, s[j + 1] == 0x75 else {
                throw RawParseError(
                    code: .loneSurrogate,
                    offset: escapeStart,
                    message:
                        "lone UTF-16 surrogate \\u\(hexString(high)): a high surrogate must be followed by a \\u escape of a low surrogate (DC00 to DFFF)"
                )
            }
            let low = try hex4(s, j + 2, j)
            guard low >= 0xDC00 && low <= 0xDFFF else {
                throw RawParseError(
                    code: .loneSurrogate,
                    offset: escapeStart,
                    message:
                        "lone UTF-16 surrogate \\u\(hexString(high)): it is followed by \\u\(hexString(low)), which is not a low surrogate"
                )
            }
            j += 6
            // In range by construction: a high and a low surrogate always make a scalar.
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
        }
        if high >= 0xDC00 && high <= 0xDFFF {
            throw RawParseError(
                code: .loneSurrogate,
                offset: escapeStart,
                message: "lone UTF-16 surrogate \\u\(hexString(high)): a low surrogate must follow a high one"
            )
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    func hexString(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    func hex4(_ s: Span<UInt8>, _ at: Int, _ escapeStart: Int) throws(RawParseError) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 {
            guard at + k < s.count else {
                throw RawParseError(
                    code: .unexpectedEnd,
                    offset: escapeStart,
                    message: "the text ends inside a \\u escape"
                )
            }
            let b = s[at + k]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default:
                throw RawParseError(
                    code: .invalidEscape,
                    offset: escapeStart,
                    message:
                        "invalid \\u escape: expected four hexadecimal digits, found \(describeByte(s, at: at + k))"
                )
            }
            value = value << 4 | digit
        }
        return value
    }

    mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        if let encoded = UTF8.encode(scalar) { for unit in encoded { scratch.append(unit) } }
    }

    // MARK: Containers

    package mutating func enter(_ i: Int) throws(RawParseError) {
        depth += 1
        if depth > options.maxDepth {
            throw RawParseError(
                code: .depthLimit,
                offset: i,
                message: "arrays and objects are nested more than \(options.maxDepth) levels deep"
            )
        }
    }

    mutating func parseArray(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> JSONValue {
        try enter(i)
        defer { depth -= 1 }
        i += 1
        skipWhitespace(s, &i)
        if i < s.count && s[i] == 0x5D {
            i += 1
            return .array([])
        }
        var elements: [JSONValue] = []
        elements.reserveCapacity(Self.initialArrayCapacity)
        while true {
            elements.append(try parseValue(s, &i))
            skipWhitespace(s, &i)
            guard i < s.count else {
                throw RawParseError(
                    code: .unexpectedEnd,
                    offset: i,
                    message: "expected ',' or ']' after an array element, found the end of the text"
                )
            }
            let b = s[i]
            if b == 0x2C {
                let comma = i
                i += 1
                skipWhitespace(s, &i)
                if i < s.count && s[i] == 0x5D {
                    throw RawParseError(
                        code: .trailingComma,
                        offset: comma,
                        message: "trailing comma before ']'; remove it"
                    )
                }
            } else if b == 0x5D {
                i += 1
                return .array(elements)
            } else {
                throw RawParseError(
                    code: .unexpectedCharacter,
                    offset: i,
                    message: "expected ',' or ']' after an array element, found \(describeByte(s, at: i))"
                )
            }
        }
    }

    mutating func parseObject(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> JSONValue {
        try enter(i)
        defer { depth -= 1 }
        let objectStart = i
        i += 1
        skipWhitespace(s, &i)
        var index: [ExactKey: Int]? = nil
        if i < s.count && s[i] == 0x7D {
            i += 1
            return .object(JSONObject())
        }
        var members: [JSONObject.Member] = []
        members.reserveCapacity(Self.initialObjectCapacity)
        while true {
            guard i < s.count else {
                throw RawParseError(
                    code: .unexpectedEnd,
                    offset: i,
                    message: "expected a property name in double quotes, found the end of the text"
                )
            }
            guard s[i] == 0x22 else { throw badKey(s, i) }
            let keyOffset = i
            let key = try parseString(s, &i)
            skipWhitespace(s, &i)
            guard i < s.count, s[i] == 0x3A else {
                throw RawParseError(
                    code: i < s.count ? .unexpectedCharacter : .unexpectedEnd,
                    offset: i,
                    message: "expected ':' after the property name, found \(describeByte(s, at: i))"
                )
            }
            i += 1
            skipWhitespace(s, &i)
            let value = try parseValue(s, &i)

            // Duplicate detection: linear while small, hashed once large.
            var existing: Int? = nil
            if let idx = index {
                existing = idx[ExactKey(key)]
            } else {
                for k in members.indices where StringKey.equal(members[k].key, key) {
                    existing = k
                    break
                }
            }
            if let existing {
                switch options.duplicateKeys {
                case .reject:
                    throw RawParseError(
                        code: .duplicateKey,
                        offset: keyOffset,
                        message: "duplicate key \"\(key)\" in an object; each key may appear once",
                        relatedOffset: offsetOfMember(s, objectStart: objectStart, memberIndex: existing)
                    )
                case .keepLast:
                    members[existing].value = value
                }
            } else {
                members.append(JSONObject.Member(key: key, value: value))
                if index != nil {
                    index?[ExactKey(key)] = members.count - 1
                } else if members.count >= JSONObject.indexThreshold {
                    var idx = [ExactKey: Int](minimumCapacity: members.count * 2)
                    for (k, m) in members.enumerated() { idx[ExactKey(m.key)] = k }
                    index = idx
                }
            }

            skipWhitespace(s, &i)
            guard i < s.count else {
                throw RawParseError(
                    code: .unexpectedEnd,
                    offset: i,
                    message: "expected ',' or '}' after an object member, found the end of the text"
                )
            }
            let b = s[i]
            if b == 0x2C {
                let comma = i
                i += 1
                skipWhitespace(s, &i)
                if i < s.count && s[i] == 0x7D {
                    throw RawParseError(
                        code: .trailingComma,
                        offset: comma,
                        message: "trailing comma before '}'; remove it"
                    )
                }
            } else if b == 0x7D {
                i += 1
                return .object(JSONObject(uniqueMembers: members, index: index))
            } else {
                throw RawParseError(
                    code: .unexpectedCharacter,
                    offset: i,
                    message: "expected ',' or '}' after an object member, found \(describeByte(s, at: i))"
                )
            }
        }
    }

    func badKey(_ s: Span<UInt8>, _ i: Int) -> RawParseError {
        let b = s[i]
        if b == 0x27 {
            return RawParseError(
                code: .unexpectedCharacter,
                offset: i,
                message: "expected a property name in double quotes, found a single quote"
            )
        }
        if isIdentifierByte(b) || b >= 0x80 {
            return RawParseError(
                code: .unexpectedCharacter,
                offset: i,
                message: "expected a property name in double quotes, found an unquoted name"
            )
        }
        return RawParseError(
            code: .unexpectedCharacter,
            offset: i,
            message: "expected a property name in double quotes, found \(describeByte(s, at: i))"
        )
    }

    /// Finds the key offset of the `memberIndex`-th member of the (valid so far) object at
    /// `objectStart`. Used only to report where a duplicate key first appeared.
    func offsetOfMember(_ s: Span<UInt8>, objectStart: Int, memberIndex: Int) -> Int? {
        var relaxed = options
        relaxed.duplicateKeys = .keepLast
        var p = StrictParser(options: relaxed)
        var i = objectStart + 1
        var member = 0
        while i < s.count {
            p.skipWhitespace(s, &i)
            let keyOffset = i
            guard (try? p.parseString(s, &i)) != nil else { return nil }
            if member == memberIndex { return keyOffset }
            p.skipWhitespace(s, &i)
            i += 1  // ':'
            p.skipWhitespace(s, &i)
            guard (try? p.parseValue(s, &i)) != nil else { return nil }
            p.skipWhitespace(s, &i)
            i += 1  // ','
            member += 1
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        if count >= 2, first == "'", last == "'" { return String(dropFirst().dropLast()) }
        return self
    }
}
