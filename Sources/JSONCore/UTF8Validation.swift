/// UTF-8 validation by the table in RFC 3629, section 4, with a reason for each failure.
package enum UTF8Validation {
    /// The length of the well-formed sequence at `i`, or 0 when it is ill-formed.
    @inline(__always)
    package static func sequenceLength(_ bytes: Span<UInt8>, at i: Int, end: Int) -> Int {
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        @inline(__always) func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < end && bytes[i + k] >= low && bytes[i + k] <= high
        }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
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
