/// UTF-8 validation by the table in RFC 3629, section 4, with a reason for each failure.
package enum UTF8Validation {
    /// What a lead byte announces (RFC 3629's table): the sequence's length and the range its
    /// second byte must fall in (the later ones are plain continuation bytes); nil for an
    /// ASCII byte, a continuation byte or one that never appears in UTF-8.
    @inline(__always)
    package static func lead(_ b0: UInt8) -> (length: Int, low: UInt8, high: UInt8)? {
        switch b0 {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: nil
        }
    }

    /// The length of the well-formed sequence at `i`, or 0 when it is ill-formed or does not
    /// end before `end`.
    @inline(__always)
    package static func sequenceLength(_ bytes: Span<UInt8>, at i: Int, end: Int) -> Int {
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        guard let (n, low, high) = lead(b0), i + n <= end else { return 0 }
        let b1 = bytes[i + 1]
        guard b1 >= low && b1 <= high else { return 0 }
        if n >= 3 && bytes[i + 2] & 0xC0 != 0x80 { return 0 }
        if n == 4 && bytes[i + 3] & 0xC0 != 0x80 { return 0 }
        return n
    }

    /// Why the sequence at `i` is ill-formed, in words.
    package static func problem(_ bytes: Span<UInt8>, at i: Int, end: Int) -> String {
        let b0 = bytes[i]
        let hex = "0x" + String(b0, radix: 16, uppercase: true)
        switch b0 {
        case 0x80...0xBF:
            return "invalid UTF-8: unexpected continuation byte \(hex)"
        case 0xC0, 0xC1:
            return "invalid UTF-8: overlong encoding (lead byte \(hex))"
        case 0xF5...0xFF:
            return "invalid UTF-8: byte \(hex) never appears in UTF-8"
        default:
            break
        }
        let expected = b0 >= 0xF0 ? 4 : (b0 >= 0xE0 ? 3 : 2)
        var k = 1
        while k < expected {
            if i + k >= end { return "invalid UTF-8: truncated sequence (lead byte \(hex) needs \(expected) bytes)" }
            if bytes[i + k] & 0xC0 != 0x80 {
                return "invalid UTF-8: truncated sequence (lead byte \(hex) needs \(expected) bytes)"
            }
            k += 1
        }
        let b1 = bytes[i + 1]
        if b0 == 0xE0 && b1 < 0xA0 || b0 == 0xF0 && b1 < 0x90 {
            return "invalid UTF-8: overlong encoding (lead byte \(hex))"
        }
        if b0 == 0xED && b1 >= 0xA0 {
            return "invalid UTF-8: UTF-16 surrogate encoded in UTF-8"
        }
        return "invalid UTF-8: code point above U+10FFFF"
    }

    /// The offset of the first ill-formed sequence in `start..<end`, or nil.
    package static func firstInvalid(_ bytes: Span<UInt8>, from start: Int, to end: Int) -> Int? {
        var i = start
        while i < end {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(bytes, at: i, end: end)
            if length == 0 { return i }
            i += length
        }
        return nil
    }
}
