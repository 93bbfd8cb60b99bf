/// Reads a JSON text as it arrives, in any chunking, and says after every piece whether the
/// text so far can still become valid JSON.
///
/// ```swift
/// var parser = IncrementalJSONParser()
/// parser.feed(Array(#"{"city": "Par"#.utf8))   // .incomplete: a prefix of some valid JSON
/// parser.feed(Array(#"is"}"#.utf8))            // .complete
/// let value = try parser.finish()              // {"city": "Paris"}, as JSONParser().parse gives
/// ```
///
/// The verdicts follow ``JSONParser``'s rules and options exactly (RFC 8259, UTF-8, lone
/// surrogates, duplicate keys, the limits): a text that the whole-text parser accepts is never
/// called invalid at any point, and one it rejects is called invalid at the latest once all of
/// it has arrived, with the same error. Each byte is examined once, so feeding a text in pieces
/// costs time linear in its length.
public struct IncrementalJSONParser: Sendable {
    /// What the text so far can still become.
    public enum Status: Hashable, Sendable {
        /// A prefix of some valid JSON text, not yet a whole one.
        case incomplete
        /// A whole JSON text (a number at the top level may still continue: `12` before `3`).
        case complete
        /// No continuation can make it valid; the error says where and why.
        case invalid(JSONParseError)
    }

    /// A place in the value that was finished while the text arrived, for checks that act
    /// before the whole text is there.
    package enum Milestone: Sendable, Equatable {
        /// A value began at `path`: its JSON type is known (`{` an object, `"` a string…).
        case valueStarted(path: [String], kind: ValueKind)
        /// An object member's key is complete.
        case keyCompleted(object: [String], key: String)
        /// The value at `path` is complete (its source text is `bytes[range]`).
        case valueCompleted(path: [String], range: Range<Int>)
        /// The array at `path` now holds `count` elements (the last one may be unfinished).
        case elementStarted(array: [String], count: Int)
    }

    /// The JSON type a value announces with its first byte.
    package enum ValueKind: Sendable, Equatable {
        case object, array, string, number, boolean, null
    }

    /// The options the verdicts follow.
    public let options: JSONParser.Options
    /// Every byte received so far.
    public private(set) var bytes: [UInt8] = []
    /// The verdict on the text so far.
    public private(set) var status: Status = .incomplete
    /// Milestones since they were last taken (``takeMilestones()``).
    package private(set) var milestones: [Milestone] = []

    // One byte of state, and the payloads of the states that carry one beside it: a switch
    // over a plain tag is a jump, where an enum with payloads is unpacked at every byte.
    private enum State: UInt8 {
        case value  // expecting a value
        case afterValue  // a value ended: `,`, `]`, `}` or (top level) the end
        case key  // expecting a key or (right after `{`) `}`
        case keyRequired  // after a `,` in an object: a key, not `}`
        case colon
        case valueRequired  // after a `,` in an array: a value, not `]`
        case string  // inside a string (`inKey` says whose)
        case escape  // after a backslash
        case unicode  // `\u` and `unicodeDigits` hex digits (their value so far in `unicodeValue`)
        case lowSurrogateBackslash  // after a high surrogate: `\`
        case lowSurrogateU  // after a high surrogate: `\u`
        case utf8  // inside a UTF-8 sequence: `utf8Remaining` bytes in `utf8Low...utf8High` first
        case number  // `numberState` says where
        case literal  // true, false, null: `literalMatched` bytes of word `literalWord`
        case byteOrderMark  // `literalMatched` bytes of EF BB BF
        case done
    }

    private enum NumberState: Equatable {
        case minus, zero, integer, point, fraction, exponent, exponentSign, exponentDigits

        var canEnd: Bool { self == .zero || self == .integer || self == .fraction || self == .exponentDigits }
    }

    /// A key of an open object, for duplicate detection: its place in the received bytes, or
    /// (a key with escapes) its decoded bytes in `decodedKeys`. Trivial, so that growing and
    /// truncating the stack of keys touches no reference counts.
    private struct KeyEntry {
        var hash: Int
        var start: Int
        var end: Int
        var decoded: Int  // index into `decodedKeys`, or -1
    }

    /// An open container: an object or an array, its element count (0 for objects), where it
    /// began and, for an object, where its keys begin on the key stack and a bit for each
    /// key hash seen (its low six bits), which most new keys stop at.
    private struct Frame {
        var isObject: Bool
        var count: Int
        var start: Int
        var keyStart: Int
        var decodedStart: Int
        var mask: UInt64
    }

    /// FNV-1a over a key's decoded bytes.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h)
    }

    private var state: State = .value
    private var inKey = false
    private var unicodeDigits = 0
    private var unicodeValue: UInt32 = 0
    private var utf8Remaining = 0
    private var utf8Low: UInt8 = 0x80
    private var utf8High: UInt8 = 0xBF
    private var numberState: NumberState = .minus
    private var literalWord = 0
    private var literalMatched = 0
    /// Where the text stopped being a valid prefix.
    private var invalidAt: Int? = nil
    /// Why the last step failed, when it knows better than "unexpected character".
    private var failure: JSONParseError.Code? = nil
    // The open containers, innermost last, and the open objects' keys so far, as one stack
    // (an object's keys are the entries from its frame's `keyStart`: nested objects close
    // first); objects of more than 32 keys are also indexed by hash.
    private var frames: [Frame] = []
    private var keys: [KeyEntry] = []
    private var decodedKeys: [[UInt8]] = []
    private var keyIndex: [Int: [Int]] = [:]
    private var keyEscaped = false
    private var path: [String] = []
    private var valueStart = 0
    private var stringStart = 0
    private var highSurrogate: UInt32 = 0

    /// Whether milestones are kept (for ``StreamingCheck``-style checks); the parser alone
    /// does not pay for them.
    package var recordsMilestones = false

    /// A parser that follows `options`, as ``JSONParser`` would.
    public init(options: JSONParser.Options = JSONParser.Options()) {
        self.options = options
    }

    /// Reads the next piece and returns the verdict on everything so far. Once `invalid`, it
    /// stays so; later pieces only let the error match the whole-text parser's (which reads a
    /// misspelled word such as `True` whole before naming it).
    @discardableResult
    public mutating func feed(_ piece: [UInt8]) -> Status {
        // Through a borrowed view of the piece: no reference count changes per piece.
        piece.withUnsafeBufferPointer { feedPiece($0) }
    }

    /// Reads the next piece, a slice of a larger buffer.
    @discardableResult
    public mutating func feed(_ piece: ArraySlice<UInt8>) -> Status {
        piece.withUnsafeBufferPointer { feedPiece($0) }
    }

    /// Reads the next piece and returns the verdict on everything so far. Once `invalid`, it
    /// stays so; later pieces only let the error match the whole-text parser's.
    @discardableResult
    public mutating func feed(_ piece: some Sequence<UInt8>) -> Status {
        Array(piece).withUnsafeBufferPointer { feedPiece($0) }
    }

    private mutating func feedPiece(_ piece: UnsafeBufferPointer<UInt8>) -> Status {
        if case .invalid = status, let invalidAt {
            let before = bytes.count
            bytes.append(contentsOf: piece)
            if bytes.count != before { status = .invalid(error(at: invalidAt)) }
            return status
        }
        var offset = bytes.count
        // A call's arguments are usually short: room for them at once, instead of doubling
        // from the first delta's few bytes.
        if bytes.capacity == 0 { bytes.reserveCapacity(Swift.max(1_024, piece.count)) }
        bytes.append(contentsOf: piece)  // all of it: the rest also serves the error's wording
        let end = min(bytes.count, options.maxInputLength)
        // The steps read the bytes but never change them, and take them as one view for the
        // whole piece: moved out of the parser meanwhile, which a copy would do with a
        // reference count change at each end.
        var all: [UInt8] = []
        swap(&all, &bytes)
        let failedAt: Int? = all.withUnsafeBufferPointer { buffer in
            let span = buffer.span
            while offset < buffer.count {
                switch state {
                case .string:
                    // Inside a string, plain text needs no state change: skip it in one pass,
                    // whole UTF-8 sequences included, up to the byte that would pass the
                    // string limit. Anything else (a quote, an escape, a control character, a
                    // sequence cut by the piece's end or malformed) is left to the automaton.
                    let limit = min(end, stringStart + 1 + options.maxStringLength)
                    var j = offset
                    while j < limit {
                        let b = buffer[j]
                        if b >= 0x20 && b < 0x80 && b != 0x22 && b != 0x5C {
                            j += 1
                        } else if b >= 0x80, case let n = UTF8Validation.sequenceLength(span, at: j, end: limit), n > 0
                        {
                            // A whole sequence, before the piece's end and the limit.
                            j += n
                        } else {
                            break
                        }
                    }
                    offset = j
                case .number
                where numberState == .integer || numberState == .fraction || numberState == .exponentDigits:
                    // Digits, up to the number limit.
                    let limit = min(end, valueStart + options.maxNumberLength)
                    while offset < limit && isDigit(buffer[offset]) { offset += 1 }
                case .value, .afterValue, .key, .keyRequired, .colon, .valueRequired, .done:
                    while offset < end && isJSONWhitespace(buffer[offset]) { offset += 1 }
                default:
                    break
                }
                if offset >= buffer.count { break }
                if offset >= options.maxInputLength || !step(buffer[offset], at: offset, in: buffer) { return offset }
                offset += 1
            }
            return nil
        }
        swap(&all, &bytes)
        if let failedAt {
            invalidAt = failedAt
            status = .invalid(error(at: failedAt))
            return status
        }
        // The verdict as a literal, and stored only when it changes: `Status` has a payload
        // case, so copying or overwriting the stored one goes through its value witnesses.
        if isComplete {
            if status != .complete { status = .complete }
            return .complete
        }
        if status != .incomplete { status = .incomplete }
        return .incomplete
    }

    /// The value, parsed from every byte received by ``JSONParser`` with the same options.
    ///
    /// - Throws: ``JSONParseError``, as `JSONParser().parse` throws for the same text.
    public func finish() throws(JSONParseError) -> JSONValue {
        try JSONParser(options: options).parse(bytes)
    }

    /// The milestones reached since the last call, in order.
    package mutating func takeMilestones() -> [Milestone] {
        defer { milestones.removeAll(keepingCapacity: true) }
        return milestones
    }

    private var isComplete: Bool {
        guard frames.isEmpty else { return false }
        switch state {
        case .done: return true
        case .number: return numberState.canEnd
        default: return false
        }
    }

    /// The whole-text parser's error for the text so far; its own when that parser would only
    /// ask for more text (a duplicate key it reports once the member is read).
    private func error(at offset: Int) -> JSONParseError {
        do {
            _ = try JSONParser(options: options).parse(bytes)
        } catch {
            if error.code != .unexpectedEnd { return error }
        }
        let (line, caret) = TextLocator.excerpt(at: offset, in: bytes.span)
        return JSONParseError(
            code: failure ?? .unexpectedCharacter,
            position: TextLocator.position(of: offset, in: bytes.span),
            message: "no JSON text can continue from here",
            excerpt: SourceExcerpt(line: line, caret: caret)
        )
    }

    // MARK: - The automaton

    /// Advances over one byte; false when no continuation can be valid.
    private mutating func step(_ b: UInt8, at offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        switch state {
        case .byteOrderMark:
            let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
            guard b == mark[literalMatched] else { return false }
            if literalMatched == 2 { state = .value } else { literalMatched += 1 }
            return true
        case .value, .valueRequired:
            if isJSONWhitespace(b) { return true }
            if b == 0xEF && offset == 0 && options.allowsByteOrderMark {
                state = .byteOrderMark
                literalMatched = 1
                return true
            }
            if b == 0x5D, state == .value, let top = frames.last, !top.isObject, top.count == 0 {
                return close(at: offset)  // `[]`
            }
            return startValue(b, at: offset)
        case .afterValue:
            if isJSONWhitespace(b) { return true }
            guard let isObject = frames.last?.isObject else { return false }
            switch b {
            case 0x2C where isObject:
                state = .keyRequired
                return true
            case 0x2C:
                let count = frames[frames.count - 1].count
                frames[frames.count - 1].count = count + 1
                if recordsMilestones {
                    path[path.count - 1] = String(count)
                    milestones.append(.elementStarted(array: Array(path.dropLast()), count: count + 1))
                }
                state = .valueRequired
                return true
            case 0x7D where isObject, 0x5D where !isObject:
                return close(at: offset)
            default:
                return false
            }
        case .key, .keyRequired:
            if isJSONWhitespace(b) { return true }
            if b == 0x7D && state == .key { return close(at: offset) }
            guard b == 0x22 else { return false }
            stringStart = offset
            state = .string
            inKey = true
            keyEscaped = false
            return true
        case .colon:
            if isJSONWhitespace(b) { return true }
            guard b == 0x3A else { return false }
            state = .value
            return true
        case .string:
            // The content so far: it only grows, so past the limit no continuation is valid.
            if offset - stringStart - (b == 0x22 ? 1 : 0) > options.maxStringLength {
                failure = .stringTooLong
                return false
            }
            switch b {
            case 0x22:
                if inKey { return endKey(at: offset, in: buffer) }
                endValue(at: offset + 1)
            case 0x5C:
                state = .escape
                keyEscaped = true
            case 0x00..<0x20: return false
            case 0x80...: return startUTF8(b)
            default: break
            }
            return true
        case .escape:
            switch b {
            case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: state = .string
            case 0x75:
                state = .unicode
                unicodeDigits = 0
                unicodeValue = 0
            default: return false
            }
            return true
        case .unicode:
            guard let digit = Self.hex(b) else { return false }
            let v = unicodeValue << 4 | digit
            guard unicodeDigits == 3 else {
                unicodeDigits += 1
                unicodeValue = v
                return true
            }
            if highSurrogate != 0 {
                guard (0xDC00...0xDFFF).contains(v) else { return false }
                highSurrogate = 0
                state = .string
            } else if (0xD800...0xDBFF).contains(v) {
                highSurrogate = v
                state = .lowSurrogateBackslash
            } else if (0xDC00...0xDFFF).contains(v) {
                return false  // a lone low surrogate
            } else {
                state = .string
            }
            return true
        case .lowSurrogateBackslash:
            guard b == 0x5C else { return false }
            state = .lowSurrogateU
            return true
        case .lowSurrogateU:
            guard b == 0x75 else { return false }
            state = .unicode
            unicodeDigits = 0
            unicodeValue = 0
            return true
        case .utf8:
            guard b >= utf8Low && b <= utf8High else { return false }
            if utf8Remaining == 1 {
                state = .string
            } else {
                utf8Remaining -= 1
                utf8Low = 0x80
                utf8High = 0xBF
            }
            return true
        case .number:
            if let next = Self.advance(numberState, b) {
                if offset - valueStart + 1 > options.maxNumberLength {
                    failure = .numberTooLong
                    return false
                }
                numberState = next
                return true
            }
            guard numberState.canEnd else { return false }
            endValue(at: offset)
            return step(b, at: offset, in: buffer)  // the delimiter, in the state the number left
        case .literal:
            let expected: StaticString = literalWord == 0 ? "true" : literalWord == 1 ? "false" : "null"
            guard b == expected.utf8Start[literalMatched] else { return false }
            if literalMatched + 1 == expected.utf8CodeUnitCount {
                endValue(at: offset + 1)
            } else {
                literalMatched += 1
            }
            return true
        case .done:
            return isJSONWhitespace(b)
        }
    }

    private mutating func startValue(_ b: UInt8, at offset: Int) -> Bool {
        valueStart = offset
        let kind: ValueKind
        switch b {
        case 0x7B:
            kind = .object
        case 0x5B:
            kind = .array
        case 0x22:
            kind = .string
            stringStart = offset
            state = .string
            inKey = false
        case 0x2D:
            kind = .number
            state = .number
            numberState = .minus
        case 0x30:
            kind = .number
            state = .number
            numberState = .zero
        case 0x31...0x39:
            kind = .number
            state = .number
            numberState = .integer
        case 0x74:
            kind = .boolean
            state = .literal
            literalWord = 0
            literalMatched = 1
        case 0x66:
            kind = .boolean
            state = .literal
            literalWord = 1
            literalMatched = 1
        case 0x6E:
            kind = .null
            state = .literal
            literalWord = 2
            literalMatched = 1
        default:
            return false
        }
        if recordsMilestones { milestones.append(.valueStarted(path: path, kind: kind)) }
        if kind == .object || kind == .array {
            if frames.count + 1 > options.maxDepth {
                failure = .depthLimit
                return false
            }
            frames.append(
                Frame(
                    isObject: kind == .object,
                    count: 0,
                    start: offset,
                    keyStart: keys.count,
                    decodedStart: decodedKeys.count,
                    mask: 0
                )
            )
            if recordsMilestones { path.append(kind == .object ? "" : "0") }
            state = kind == .object ? .key : .value
        }
        return true
    }

    private mutating func close(at offset: Int) -> Bool {
        let frame = frames.removeLast()
        if frame.isObject && keys.count > frame.keyStart {
            // The object's keys leave the stack (and the index, where each list ends with
            // them: they are its latest entries).
            if keys.count - frame.keyStart > 32 {
                for k in frame.keyStart..<keys.count {
                    let h = keys[k].hash
                    _ = keyIndex[h, default: []].popLast()
                    if keyIndex[h]?.isEmpty == true { keyIndex[h] = nil }
                }
            }
            keys.removeLast(keys.count - frame.keyStart)
            if decodedKeys.count > frame.decodedStart {
                decodedKeys.removeLast(decodedKeys.count - frame.decodedStart)
            }
        }
        if recordsMilestones { path.removeLast() }
        valueStart = frame.start
        endValue(at: offset + 1)
        return true
    }

    /// A key ended at the quote at `offset`: check it against its object's keys so far and
    /// expect the colon.
    private mutating func endKey(at offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        // The key as decoded, so that `"a"` and `"\u0061"` are the same key; without a
        // backslash its bytes are the key.
        let content = (stringStart + 1)..<offset
        let raw = UnsafeBufferPointer(rebasing: buffer[content])
        var decoded: [UInt8]? = nil
        if keyEscaped {
            let quoted = UnsafeBufferPointer(rebasing: buffer[stringStart...offset])
            guard case .string(let key)? = try? JSONParser(options: options).parse(quoted) else { return false }
            decoded = Array(key.utf8)
        }
        state = .colon
        guard options.duplicateKeys == .reject || recordsMilestones else { return true }
        guard !frames.isEmpty else { return false }
        let hash = decoded.map { d in d.withUnsafeBufferPointer { Self.hash($0) } } ?? Self.hash(raw)
        if options.duplicateKeys == .reject {
            // (No closure on the usual path: one calling a method would copy the parser.)
            let found: Bool
            if let decoded {
                found = decoded.withUnsafeBufferPointer { isKnownKey(hash: hash, key: $0, in: buffer) }
            } else {
                found = isKnownKey(hash: hash, key: raw, in: buffer)
            }
            if found {
                failure = .duplicateKey
                return false
            }
        }
        let top = frames.count - 1
        var slot = -1
        if let decoded {
            slot = decodedKeys.count
            decodedKeys.append(decoded)
        }
        if keys.capacity == 0 { keys.reserveCapacity(16) }
        keys.append(KeyEntry(hash: hash, start: content.lowerBound, end: content.upperBound, decoded: slot))
        frames[top].mask |= 1 << UInt64(hash & 63)
        let count = keys.count - frames[top].keyStart
        if count == 33 {
            for k in frames[top].keyStart..<keys.count { keyIndex[keys[k].hash, default: []].append(k) }
        } else if count > 33 {
            keyIndex[hash, default: []].append(keys.count - 1)
        }
        if recordsMilestones {
            let key = decoded.map { String(decoding: $0, as: UTF8.self) } ?? String(decoding: raw, as: UTF8.self)
            path[path.count - 1] = key
            milestones.append(.keyCompleted(object: Array(path.dropLast()), key: key))
        }
        return true
    }

    /// Whether the innermost object already has the key `key` (its decoded bytes), whose hash
    /// is `hash`.
    @inline(__always)  // called on the parser in place: a call would copy it
    private func isKnownKey(hash: Int, key: UnsafeBufferPointer<UInt8>, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let top = frames[frames.count - 1]
        // A key whose hash bit is not set cannot be there: most keys stop at this test.
        guard top.mask & (1 << UInt64(hash & 63)) != 0 else { return false }
        if keys.count - top.keyStart > 32 {
            guard let list = keyIndex[hash] else { return false }
            for k in list.reversed() {
                if k < top.keyStart { break }
                if sameKey(keys[k], key, in: buffer) { return true }
            }
            return false
        }
        for k in top.keyStart..<keys.count where keys[k].hash == hash {
            if sameKey(keys[k], key, in: buffer) { return true }
        }
        return false
    }

    @inline(__always)
    private func sameKey(
        _ e: KeyEntry,
        _ key: UnsafeBufferPointer<UInt8>,
        in buffer: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        if e.decoded >= 0 { return decodedKeys[e.decoded].withUnsafeBufferPointer { $0.elementsEqual(key) } }
        return UnsafeBufferPointer(rebasing: buffer[e.start..<e.end]).elementsEqual(key)
    }

    /// A value ended just before `end`: record it and expect what follows it.
    private mutating func endValue(at end: Int) {
        if recordsMilestones { milestones.append(.valueCompleted(path: path, range: valueStart..<end)) }
        state = frames.isEmpty ? .done : .afterValue
        if let top = frames.last, !top.isObject, top.count == 0 {
            frames[frames.count - 1].count = 1
            if recordsMilestones { milestones.append(.elementStarted(array: Array(path.dropLast()), count: 1)) }
        }
    }

    private mutating func startUTF8(_ b: UInt8) -> Bool {
        guard let (length, low, high) = UTF8Validation.lead(b) else { return false }
        utf8Remaining = length - 1
        utf8Low = low
        utf8High = high
        state = .utf8
        return true
    }

    private static func advance(_ n: NumberState, _ b: UInt8) -> NumberState? {
        let digit = isDigit(b)
        switch n {
        case .minus: return b == 0x30 ? .zero : digit ? .integer : nil
        case .zero: return b == 0x2E ? .point : (b | 0x20) == 0x65 ? .exponent : nil
        case .integer: return digit ? .integer : b == 0x2E ? .point : (b | 0x20) == 0x65 ? .exponent : nil
        case .point: return digit ? .fraction : nil
        case .fraction: return digit ? .fraction : (b | 0x20) == 0x65 ? .exponent : nil
        case .exponent: return b == 0x2B || b == 0x2D ? .exponentSign : digit ? .exponentDigits : nil
        case .exponentSign: return digit ? .exponentDigits : nil
        case .exponentDigits: return digit ? .exponentDigits : nil
        }
    }

    private static func hex(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        default: nil
        }
    }
}
