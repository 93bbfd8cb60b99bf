// The lenient parser behind `JSONParser.repair`: a second parser that records every change it
// makes to read a model's not-quite-JSON.

struct RawRepair {
    var kind: JSONRepair.Kind
    var offset: Int
    var message: String
}

struct RawRepairResult {
    var value: JSONValue
    var repairs: [RawRepair]
    var truncated: Bool
}

struct RepairingParser {
    let options: JSONParser.Options
    var depth = 0
    var repairs: [RawRepair] = []
    var truncated = false
    var truncatedInside = ""
    var closedContainers = 0
    var droppedKeys: [String] = []
    var scratch: [UInt8] = []
    /// When set, the source offset of every byte appended to `scratch`.
    var offsetMap: [Int]? = nil
    // Coalesced repairs: counted, reported once at the first place.
    var whitespaceCount = 0
    var whitespaceFirst = 0
    var controlCount = 0
    var controlFirst = 0

    static let maxRepairs = 10_000
    static let maxCandidates = 8
    static let maxEncodingLevels = 2

    init(options: JSONParser.Options) {
        self.options = options
    }

    mutating func record(_ kind: JSONRepair.Kind, _ offset: Int, _ message: String) throws(RawParseError) {
        if repairs.count >= Self.maxRepairs {
            throw RawParseError(
                code: .unexpectedCharacter,
                offset: offset,
                message: "more than \(Self.maxRepairs) repairs were needed; the text is too far from JSON to repair"
            )
        }
        repairs.append(RawRepair(kind: kind, offset: offset, message: message))
    }

    static func isFinal(_ code: JSONParseError.Code) -> Bool {
        code == .depthLimit || code == .inputTooLarge || code == .stringTooLong || code == .numberTooLong
            || code == .duplicateKey || code == .invalidUTF8 || code == .mergedValues
    }

    // MARK: Document

    mutating func repairDocument(_ whole: Span<UInt8>, level: Int) throws(RawParseError) -> RawRepairResult {
        // The fast path: valid JSON is read strictly and left alone.
        var strict = StrictParser(options: options)
        do {
            let value = try strict.parseDocument(whole)
            return try postProcess(value, whole, level: level)
        } catch {
            if Self.isFinal(error.code) { throw error }
        }

        var i = 0
        var end = whole.count
        if end >= 3 && whole[0] == 0xEF && whole[1] == 0xBB && whole[2] == 0xBF {
            try record(.byteOrderMark, 0, "removed a byte-order mark (U+FEFF) at the start")
            i = 3
        }
        skipWhitespace(whole, &i, end)
        trimTrailingWhitespace(whole, i, &end)
        if i == end { return try emptyArguments(at: i, "the arguments were empty; read as {}") }

        // A markdown code fence: take its content.
        if let fence = findFence(whole, from: i, to: end) {
            if fence.open > i {
                try record(
                    .surroundingText,
                    i,
                    "ignored the text before the code fence: \(quoteExcerpt(whole, i, fence.open))"
                )
            }
            try record(.codeFence, fence.open, "removed a markdown code fence around the JSON")
            if let after = fence.afterClose {
                var k = after
                skipWhitespace(whole, &k, end)
                if k < end {
                    try record(
                        .surroundingText,
                        k,
                        "ignored the text after the code fence: \(quoteExcerpt(whole, k, end))"
                    )
                }
            }
            i = fence.contentStart
            end = fence.contentEnd
            skipWhitespace(whole, &i, end)
            trimTrailingWhitespace(whole, i, &end)
            if i == end { return try emptyArguments(at: i, "the code fence was empty; read as {}") }
        }

        let s = whole.extracting(0..<end)
        let (value, valueStart, valueEnd) = try parseTopLevel(s, from: i)
        if valueStart > i {
            try record(.surroundingText, i, "ignored the text before the JSON: \(quoteExcerpt(s, i, valueStart))")
        }
        // After the value: nothing, prose, or another value (merged calls).
        var k = valueEnd
        try skipTrivia(s, &k)
        if k < s.count {
            var next = k
            if s[next] == 0x2C {
                next += 1
                try skipTrivia(s, &next)
            }
            if next < s.count && (s[next] == 0x7B || s[next] == 0x5B) {
                var probe = RepairingParser(options: options)
                var p = next
                if (try? probe.parseValue(s, &p)) != nil {
                    let count = countValues(s, from: valueStart)
                    throw RawParseError(
                        code: .mergedValues,
                        offset: next,
                        message:
                            "found \(count > 2 ? "\(count)" : "two") JSON values in a row; several tool calls were merged into one text. Send one JSON object per call"
                    )
                }
            }
            try record(.surroundingText, k, "ignored the text after the JSON: \(quoteExcerpt(s, k, s.count))")
        }
        try flushCoalesced()
        if truncated { try recordTruncation(at: s.count) }
        let result = try postProcess(value, s, level: level, valueStart: valueStart, skipStrictChecks: true)
        return result
    }

    /// Counts the JSON values that follow each other from `start`, for the merged-calls message.
    func countValues(_ s: Span<UInt8>, from start: Int) -> Int {
        var count = 0
        var i = start
        while i < s.count && count < 100 {
            var probe = RepairingParser(options: options)
            guard (try? probe.parseValue(s, &i)) != nil else { break }
            count += 1
            try? probe.skipTrivia(s, &i)
            if i < s.count && s[i] == 0x2C {
                i += 1
                try? probe.skipTrivia(s, &i)
            }
        }
        return max(count, 2)
    }

    mutating func emptyArguments(at offset: Int, _ message: String) throws(RawParseError) -> RawRepairResult {
        try flushCoalesced()
        try record(.emptyArguments, offset, message)
        return RawRepairResult(value: .object(JSONObject()), repairs: repairs, truncated: false)
    }

    /// Finds where the JSON starts. A text that starts like a value is read from there; a text
    /// that starts with prose is searched for the first `{` or `[` that reads as a value.
    mutating func parseTopLevel(_ s: Span<UInt8>, from i: Int) throws(RawParseError) -> (JSONValue, Int, Int) {
        let startsAsContainer = s[i] == 0x7B || s[i] == 0x5B
        var firstError: RawParseError? = nil
        var candidate = i
        var attempts = 0
        let saved = self
        while true {
            var p = candidate
            do throws(RawParseError) {
                let value = try parseValue(s, &p)
                guard let value else {
                    // Only trivia before the end: nothing to read.
                    throw RawParseError(code: .unexpectedEnd, offset: candidate, message: "expected a JSON value")
                }
                return (value, candidate, p)
            } catch {
                if Self.isFinal(error.code) { throw error }
                if firstError == nil { firstError = error }
                self = saved
                attempts += 1
                if startsAsContainer || attempts >= Self.maxCandidates { break }
                // The next `{` or `[` past the failure, so nested parts of a broken value are
                // never taken for the whole.
                var next = max(error.offset, candidate + 1)
                while next < s.count && s[next] != 0x7B && s[next] != 0x5B { next += 1 }
                guard next < s.count else { break }
                candidate = next
            }
        }
        guard let firstError else {
            throw RawParseError(code: .unexpectedCharacter, offset: i, message: "no JSON value was found")
        }
        throw firstError
    }

    func quoteExcerpt(_ s: Span<UInt8>, _ from: Int, _ to: Int) -> String {
        var bytes: [UInt8] = []
        var i = from
        while i < to && bytes.count < 40 {
            let b = s[i]
            bytes.append(b == 0x0A || b == 0x0D || b == 0x09 ? 0x20 : b)
            i += 1
        }
        // Do not cut a UTF-8 sequence in half.
        while i < to && s[i] & 0xC0 == 0x80 {
            bytes.append(s[i])
            i += 1
        }
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasSuffix(" ") { text.removeLast() }
        return "\"" + text + (i < to ? "…" : "") + "\""
    }

    // MARK: Fences

    struct Fence {
        var open: Int
        var contentStart: Int
        var contentEnd: Int
        var afterClose: Int?
    }

    /// The first code fence (three backticks) in `from..<to`: its info string is skipped to
    /// the end of its line, and its content runs to the next fence or the end.
    func findFence(_ s: Span<UInt8>, from: Int, to: Int) -> Fence? {
        func isFence(_ k: Int) -> Bool { k + 2 < to && s[k] == 0x60 && s[k + 1] == 0x60 && s[k + 2] == 0x60 }
        // Only a fence that comes before any JSON counts; a ``` inside a string is content.
        var k = from
        while k < to && !isFence(k) {
            if s[k] == 0x7B || s[k] == 0x5B || s[k] == 0x22 { return nil }
            k += 1
        }
        guard k < to else { return nil }
        let open = k
        var c = k + 3
        while c < to && s[c] == 0x60 { c += 1 }
        // The info string (`json`, `JSON`, `javascript`…) runs to the end of the line; JSON
        // on the same line (```{"a":1}```) starts right away.
        var lineEnd = c
        while lineEnd < to && s[lineEnd] != 0x0A && s[lineEnd] != 0x7B && s[lineEnd] != 0x5B { lineEnd += 1 }
        let contentStart = lineEnd < to && s[lineEnd] == 0x0A ? lineEnd + 1 : lineEnd
        var close = contentStart
        while close < to && !isFence(close) { close += 1 }
        if close < to {
            var after = close + 3
            while after < to && s[after] == 0x60 { after += 1 }
            return Fence(open: open, contentStart: contentStart, contentEnd: close, afterClose: after)
        }
        return Fence(open: open, contentStart: contentStart, contentEnd: to, afterClose: nil)
    }

    // MARK: Trivia

    /// The length of a whitespace character JSON does not allow at `i`, or 0.
    func extraWhitespaceLength(_ s: Span<UInt8>, _ i: Int) -> Int {
        let n = s.count
        let b = s[i]
        if b == 0x0B || b == 0x0C { return 1 }
        if b == 0xC2 && i + 1 < n && (s[i + 1] == 0xA0 || s[i + 1] == 0x85) { return 2 }
        if b == 0xE1 && i + 2 < n && s[i + 1] == 0x9A && s[i + 2] == 0x80 { return 3 }
        if b == 0xE2 && i + 2 < n {
            let b1 = s[i + 1]
            let b2 = s[i + 2]
            if b1 == 0x80 && (b2 <= 0x8B || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) { return 3 }
            if b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0) { return 3 }
        }
        if b == 0xE3 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80 { return 3 }
        if b == 0xEF && i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF { return 3 }
        return 0
    }

    mutating func skipWhitespace(_ s: Span<UInt8>, _ i: inout Int, _ end: Int) {
        while i < end {
            if isJSONWhitespace(s[i]) {
                i += 1
                continue
            }
            let extra = extraWhitespaceLength(s, i)
            if extra == 0 || i + extra > end { return }
            noteWhitespace(i)
            i += extra
        }
    }

    mutating func noteWhitespace(_ i: Int) {
        if whitespaceCount == 0 { whitespaceFirst = i }
        whitespaceCount += 1
    }

    mutating func trimTrailingWhitespace(_ s: Span<UInt8>, _ start: Int, _ end: inout Int) {
        while end > start {
            if isJSONWhitespace(s[end - 1]) {
                end -= 1
                continue
            }
            var matched = false
            for length in [3, 2, 1] where end - length >= start {
                if extraWhitespaceLength(s, end - length) == length {
                    noteWhitespace(end - length)
                    end -= length
                    matched = true
                    break
                }
            }
            if !matched { return }
        }
    }

    /// Skips whitespace and comments, recording what JSON would not allow.
    mutating func skipTrivia(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) {
        let n = s.count
        while i < n {
            skipWhitespace(s, &i, n)
            guard i < n else { return }
            let b = s[i]
            if b == 0x2F && i + 1 < n && s[i + 1] == 0x2F || b == 0x23 {
                let start = i
                while i < n && s[i] != 0x0A && s[i] != 0x0D { i += 1 }
                try record(.comment, start, "removed a comment")
            } else if b == 0x2F && i + 1 < n && s[i + 1] == 0x2A {
                let start = i
                i += 2
                while i < n && !(s[i] == 0x2A && i + 1 < n && s[i + 1] == 0x2F) { i += 1 }
                i = min(i + 2, n)
                try record(.comment, start, "removed a comment")
            } else {
                return
            }
        }
    }

    mutating func flushCoalesced() throws(RawParseError) {
        if whitespaceCount > 0 {
            try record(
                .whitespace,
                whitespaceFirst,
                whitespaceCount == 1
                    ? "removed a whitespace character that JSON does not allow"
                    : "removed \(whitespaceCount) whitespace characters that JSON does not allow"
            )
            whitespaceCount = 0
        }
        if controlCount > 0 {
            try record(
                .controlCharacter,
                controlFirst,
                controlCount == 1
                    ? "read a raw control character (line break or tab) inside a string as the character itself"
                    : "read \(controlCount) raw control characters (line breaks, tabs) inside strings as the characters themselves"
            )
            controlCount = 0
        }
    }

    mutating func markTruncated(_ inside: String) {
        if !truncated {
            truncated = true
            truncatedInside = inside
        }
    }

    mutating func recordTruncation(at offset: Int) throws(RawParseError) {
        var message = "the text was cut off inside \(truncatedInside)"
        if closedContainers > 0 {
            message += "; closed \(closedContainers) open \(closedContainers == 1 ? "bracket" : "brackets")"
        }
        if !droppedKeys.isEmpty {
            let names = droppedKeys.map { "\"\($0)\"" }.joined(separator: ", ")
            message += "; left out \(names), which had no value"
        }
        try record(.truncated, offset, message)
    }

    // MARK: Values

    @inline(__always)
    func isWordByte(_ b: UInt8) -> Bool {
        isDigit(b) || b >= 0x41 && b <= 0x5A || b >= 0x61 && b <= 0x7A || b == 0x5F || b == 0x24
    }

    /// Reads one value. Returns nil when the text ends before a value starts.
    mutating func parseValue(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> JSONValue? {
        try skipTrivia(s, &i)
        guard i < s.count else {
            markTruncated("a value")
            return nil
        }
        let b = s[i]
        switch b {
        case 0x7B: return try parseObject(s, &i)
        case 0x5B: return try parseArray(s, &i)
        case 0x22, 0x27: return .string(try parseString(s, &i))
        case 0x2D, 0x30...0x39: return try parseNumber(s, &i)
        case 0x41...0x5A, 0x61...0x7A, 0x5F:
            return try parseWord(s, &i)
        default:
            throw StrictParser(options: options).unexpectedValueStart(s, i)
        }
    }

    mutating func parseWord(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> JSONValue? {
        let start = i
        var j = i
        while j < s.count && isWordByte(s[j]) { j += 1 }
        let word = String(decoding: (start..<j).map { s[$0] }, as: UTF8.self)
        i = j
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        case "True", "TRUE":
            try record(.nonJSONLiteral, start, "read \(word) as true")
            return .bool(true)
        case "False", "FALSE":
            try record(.nonJSONLiteral, start, "read \(word) as false")
            return .bool(false)
        case "None", "undefined", "NULL", "Null", "nil":
            try record(.nonJSONLiteral, start, "read \(word) as null")
            return .null
        default:
            if j == s.count {
                for literal in ["true", "false", "null"] where literal.hasPrefix(word) {
                    markTruncated("the literal \(literal)")
                    return literal == "true" ? .bool(true) : literal == "false" ? .bool(false) : .null
                }
            }
            i = start
            throw StrictParser(options: options).unexpectedValueStart(s, start)
        }
    }

    mutating func parseNumber(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> JSONValue? {
        let start = i
        let strict = StrictParser(options: options)
        do {
            return .number(try strict.parseNumber(s, &i))
        } catch {
            guard error.code == .unexpectedEnd else { throw error }
            // Cut off inside the number: keep the longest valid prefix ("1." -> 1, "-" -> none).
            var end = s.count
            var tries = 0
            while end > start && tries < 4 {
                if JSONNumber.scanLiteral(s.extracting(0..<end), from: start) == end {
                    markTruncated("a number")
                    i = s.count
                    return .number(JSONNumber(uncheckedLiteral: strict.makeString(s, start, end)))
                }
                end -= 1
                tries += 1
            }
            markTruncated("a number")
            i = s.count
            return nil
        }
    }

    mutating func enter(_ i: Int) throws(RawParseError) {
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
        var elements: [JSONValue] = []
        var pendingComma: Int? = nil
        while true {
            try skipTrivia(s, &i)
            guard i < s.count else {
                markTruncated("an array")
                closedContainers += 1
                break
            }
            let b = s[i]
            if b == 0x5D {
                if let pendingComma { try record(.trailingComma, pendingComma, "removed a trailing comma before ']'") }
                i += 1
                break
            }
            if b == 0x2C {
                if elements.isEmpty || pendingComma != nil { try record(.extraComma, i, "removed an extra comma") }
                pendingComma = i
                i += 1
                continue
            }
            if !elements.isEmpty && pendingComma == nil {
                guard startsValue(b) else {
                    throw RawParseError(
                        code: .unexpectedCharacter,
                        offset: i,
                        message: "expected ',' or ']' after an array element, found \(describeByte(s, at: i))"
                    )
                }
                try record(.missingComma, i, "inserted a missing comma between array elements")
            }
            pendingComma = nil
            guard let value = try parseValue(s, &i) else {
                closedContainers += 1
                break
            }
            elements.append(value)
            if truncated {
                closedContainers += 1
                break
            }
        }
        return .array(elements)
    }

    func startsValue(_ b: UInt8) -> Bool {
        b == 0x22 || b == 0x27 || b == 0x7B || b == 0x5B || b == 0x2D || isDigit(b)
            || b >= 0x41 && b <= 0x5A || b >= 0x61 && b <= 0x7A || b == 0x5F
    }

    mutating func parseObject(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> JSONValue {
        try enter(i)
        defer { depth -= 1 }
        i += 1
        var members: [JSONObject.Member] = []
        var index: [ExactKey: Int]? = nil
        var keyOffsets: [Int] = []
        var pendingComma: Int? = nil
        loop: while true {
            try skipTrivia(s, &i)
            guard i < s.count else {
                markTruncated("an object")
                closedContainers += 1
                break
            }
            let b = s[i]
            if b == 0x7D {
                if let pendingComma { try record(.trailingComma, pendingComma, "removed a trailing comma before '}'") }
                i += 1
                break
            }
            if b == 0x2C {
                if members.isEmpty || pendingComma != nil { try record(.extraComma, i, "removed an extra comma") }
                pendingComma = i
                i += 1
                continue
            }
            if !members.isEmpty && pendingComma == nil {
                guard b == 0x22 || b == 0x27 || isWordByte(b) || b >= 0x80 else {
                    throw RawParseError(
                        code: .unexpectedCharacter,
                        offset: i,
                        message: "expected ',' or '}' after an object member, found \(describeByte(s, at: i))"
                    )
                }
                try record(.missingComma, i, "inserted a missing comma between object members")
            }
            pendingComma = nil

            // The key.
            let keyOffset = i
            let key: String
            if b == 0x22 || b == 0x27 {
                key = try parseString(s, &i)
                if truncated {
                    closedContainers += 1
                    droppedKeys.append(key)
                    break
                }
            } else if isWordByte(b) && !isDigit(b) || b >= 0x80 {
                var j = i
                while j < s.count && (isWordByte(s[j]) || s[j] == 0x2D || s[j] >= 0x80) {
                    if s[j] >= 0x80 && extraWhitespaceLength(s, j) > 0 { break }
                    j += 1
                }
                if let bad = UTF8Validation.firstInvalid(s, from: i, to: j) {
                    throw RawParseError(
                        code: .invalidUTF8,
                        offset: bad,
                        message: UTF8Validation.problem(s, at: bad, end: j)
                    )
                }
                key = StrictParser(options: options).makeString(s, i, j)
                i = j
                try record(.unquotedKey, keyOffset, "put the property name \(key) in double quotes")
            } else {
                throw StrictParser(options: options).badKey(s, i)
            }

            // The colon.
            try skipTrivia(s, &i)
            guard i < s.count else {
                markTruncated("an object")
                closedContainers += 1
                droppedKeys.append(key)
                break
            }
            guard s[i] == 0x3A else {
                throw RawParseError(
                    code: .unexpectedCharacter,
                    offset: i,
                    message: "expected ':' after the property name \"\(key)\", found \(describeByte(s, at: i))"
                )
            }
            i += 1

            // The value.
            guard let value = try parseValue(s, &i) else {
                closedContainers += 1
                droppedKeys.append(key)
                break
            }
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
                        relatedOffset: keyOffsets[existing]
                    )
                case .keepLast:
                    members[existing].value = value
                }
            } else {
                members.append(JSONObject.Member(key: key, value: value))
                keyOffsets.append(keyOffset)
                if index != nil {
                    index?[ExactKey(key)] = members.count - 1
                } else if members.count >= JSONObject.indexThreshold {
                    var idx = [ExactKey: Int](minimumCapacity: members.count * 2)
                    for (k, m) in members.enumerated() { idx[ExactKey(m.key)] = k }
                    index = idx
                }
            }
            if truncated {
                closedContainers += 1
                break loop
            }
        }
        return .object(JSONObject(uniqueMembers: members, index: index))
    }

    // MARK: Strings

    @inline(__always)
    mutating func emit(_ b: UInt8, from offset: Int) {
        scratch.append(b)
        offsetMap?.append(offset)
    }

    /// Reads a string in double or single quotes, leniently. `i` is at the opening quote.
    mutating func parseString(_ s: Span<UInt8>, _ i: inout Int) throws(RawParseError) -> String {
        let open = i
        let quote = s[i]
        if quote == 0x27 { try record(.singleQuotes, open, "read a single-quoted string as a JSON string") }
        scratch.removeAll(keepingCapacity: true)
        var j = i + 1
        let n = s.count
        var closed = false
        while j < n {
            let b = s[j]
            if b == quote {
                closed = true
                break
            }
            if b == 0x5C {
                guard j + 1 < n else { break }
                let e = s[j + 1]
                switch e {
                case 0x22, 0x5C, 0x2F: emit(e, from: j)
                case 0x62: emit(0x08, from: j)
                case 0x66: emit(0x0C, from: j)
                case 0x6E: emit(0x0A, from: j)
                case 0x72: emit(0x0D, from: j)
                case 0x74: emit(0x09, from: j)
                case 0x27:
                    emit(0x27, from: j)
                    if quote != 0x27 { try record(.invalidEscape, j, "read the escape \\' as a single quote") }
                case 0x75:
                    var k = j
                    do {
                        let scalar = try StrictParser(options: options).parseUnicodeEscape(s, &k)
                        if let encoded = UTF8.encode(scalar) { for unit in encoded { emit(unit, from: j) } }
                        j = k
                        continue
                    } catch {
                        if error.code == .unexpectedEnd {
                            j = n
                            break
                        }
                        if error.code == .loneSurrogate { throw error }
                        emit(0x5C, from: j)
                        emit(0x75, from: j + 1)
                        try record(.invalidEscape, j, "read the invalid escape \\u as a backslash and 'u'")
                    }
                default:
                    if e < 0x20 || e >= 0x80 {
                        emit(0x5C, from: j)
                        j += 1
                        try record(.invalidEscape, j - 1, "read a backslash before a non-escape character literally")
                        continue
                    }
                    emit(0x5C, from: j)
                    emit(e, from: j + 1)
                    try record(
                        .invalidEscape,
                        j,
                        "read the invalid escape \\\(Character(Unicode.Scalar(e))) as a backslash and '\(Character(Unicode.Scalar(e)))'"
                    )
                }
                j += 2
                continue
            }
            if b < 0x20 {
                if controlCount == 0 { controlFirst = j }
                controlCount += 1
            }
            emit(b, from: j)
            j += 1
        }
        if j - open - 1 > options.maxStringLength {
            throw RawParseError(
                code: .stringTooLong,
                offset: open,
                message: "the string is \(j - open - 1) bytes long, more than the limit of \(options.maxStringLength)"
            )
        }
        if let bad = UTF8Validation.firstInvalid(s, from: open + 1, to: min(j, n)) {
            throw RawParseError(
                code: .invalidUTF8,
                offset: bad,
                message: UTF8Validation.problem(s, at: bad, end: min(j, n))
            )
        }
        if closed {
            i = j + 1
        } else {
            i = n
            markTruncated("a string")
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    // MARK: Arguments semantics

    /// Applies the readings that make sense for tool-call arguments: `null` and `""` are no
    /// arguments, and a string holding an object or array is unwrapped.
    mutating func postProcess(
        _ value: JSONValue,
        _ s: Span<UInt8>,
        level: Int,
        valueStart: Int = 0,
        skipStrictChecks: Bool = false
    ) throws(RawParseError) -> RawRepairResult {
        switch value {
        case .null:
            if !truncated {
                let at = firstNonWhitespace(s)
                try record(.emptyArguments, at, "the arguments were null; read as {}")
                return RawRepairResult(value: .object(JSONObject()), repairs: repairs, truncated: truncated)
            }
        case .string(let text):
            if text.utf8.allSatisfy(isJSONWhitespace), !truncated {
                try record(.emptyArguments, firstNonWhitespace(s), "the arguments were an empty string; read as {}")
                return RawRepairResult(value: .object(JSONObject()), repairs: repairs, truncated: truncated)
            }
            if level < Self.maxEncodingLevels, let unwrapped = try unwrap(text, s, from: valueStart, level: level) {
                return unwrapped
            }
        default:
            break
        }
        return RawRepairResult(value: value, repairs: repairs, truncated: truncated)
    }

    func firstNonWhitespace(_ s: Span<UInt8>) -> Int {
        var k = 0
        while k < s.count && (isJSONWhitespace(s[k]) || s[k] == 0xEF || s[k] == 0xBB || s[k] == 0xBF) { k += 1 }
        return k
    }

    /// Reads a double-encoded value: the text is one string whose content is an object or
    /// array. Repairs inside it are reported at their places in the outer text. The string's
    /// token is the first after `start` and the comments and whitespace that follow it (a
    /// comment may hold quotes of its own).
    mutating func unwrap(
        _ text: String,
        _ s: Span<UInt8>,
        from start: Int,
        level: Int
    ) throws(RawParseError) -> RawRepairResult? {
        guard let first = text.utf8.first(where: { !isJSONWhitespace($0) }), first == 0x7B || first == 0x5B else {
            return nil
        }
        // Find the string token and decode it again, this time keeping each byte's source offset.
        var at = start
        var skipper = RepairingParser(options: options)
        try? skipper.skipTrivia(s, &at)
        guard at < s.count, s[at] == 0x22 || s[at] == 0x27 else { return nil }
        var mapper = RepairingParser(options: options)
        mapper.offsetMap = []
        var k = at
        guard (try? mapper.parseString(s, &k)) != nil, let map = mapper.offsetMap else { return nil }
        let inner = mapper.scratch
        var innerParser = RepairingParser(options: options)
        let result: RawRepairResult
        do {
            result = try inner.withUnsafeBufferPointer { (buffer) throws(RawParseError) -> RawRepairResult in
                try innerParser.repairDocument(buffer.span, level: level + 1)
            }
        } catch {
            if Self.isFinal(error.code) {
                var mapped = error
                mapped.offset = mapOffset(error.offset, map, end: k)
                mapped.relatedOffset = error.relatedOffset.map { mapOffset($0, map, end: k) }
                throw mapped
            }
            return nil
        }
        guard result.value.arrayValue != nil || result.value.objectValue != nil else { return nil }
        // A complete string whose content is cut-off JSON (`"{\"city\": "`) is a string that
        // happens to start like an object, not arguments the model's output limit cut: reading
        // it as a truncated object would report a cut that did not happen.
        if result.truncated && !truncated { return nil }
        try record(
            .doubleEncoded,
            at,
            "the arguments were a JSON string holding the \(result.value.typeName); read the \(result.value.typeName) inside"
        )
        for r in result.repairs {
            try record(r.kind, mapOffset(r.offset, map, end: k), r.message)
        }
        return RawRepairResult(value: result.value, repairs: repairs, truncated: truncated || result.truncated)
    }

    func mapOffset(_ offset: Int, _ map: [Int], end: Int) -> Int {
        offset < map.count ? map[offset] : max(end - 1, 0)
    }
}
