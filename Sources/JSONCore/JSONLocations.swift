/// Byte offsets of one node in a JSON text: where its value starts and, for an object
/// member, where its key starts.
package struct JSONNodeOffsets: Hashable, Sendable {
    package var value: Int
    package var key: Int?
}

extension JSONParser {
    /// Parses strictly and also returns where every node starts, keyed by its JSON Pointer.
    ///
    /// For loading files whose findings must point at a line and column; the hot path
    /// (``parse(_:)-(Span<UInt8>)``) records nothing.
    package func parseLocated(
        _ bytes: Span<UInt8>
    ) throws(JSONParseError) -> (value: JSONValue, offsets: [JSONPointer: JSONNodeOffsets]) {
        let value = try parse(bytes)
        var walker = StrictParser(options: options)
        var offsets: [JSONPointer: JSONNodeOffsets] = [:]
        var i = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        walker.skipWhitespace(bytes, &i)
        var path: [String] = []
        walker.locate(bytes, &i, &path, keyOffset: nil, into: &offsets)
        return (value, offsets)
    }
}

extension StrictParser {
    /// Walks a text already known to be valid, recording offsets.
    mutating func locate(
        _ s: Span<UInt8>,
        _ i: inout Int,
        _ path: inout [String],
        keyOffset: Int?,
        into offsets: inout [JSONPointer: JSONNodeOffsets]
    ) {
        offsets[JSONPointer(tokens: path)] = JSONNodeOffsets(value: i, key: keyOffset)
        guard i < s.count else { return }
        switch s[i] {
        case 0x7B:
            i += 1
            skipWhitespace(s, &i)
            while i < s.count && s[i] != 0x7D {
                let keyStart = i
                guard let key = try? parseString(s, &i) else { return }
                skipWhitespace(s, &i)
                i += 1  // ':'
                skipWhitespace(s, &i)
                path.append(key)
                locate(s, &i, &path, keyOffset: keyStart, into: &offsets)
                path.removeLast()
                skipWhitespace(s, &i)
                if i < s.count && s[i] == 0x2C {
                    i += 1
                    skipWhitespace(s, &i)
                }
            }
            i += 1
        case 0x5B:
            i += 1
            skipWhitespace(s, &i)
            var index = 0
            while i < s.count && s[i] != 0x5D {
                path.append(String(index))
                locate(s, &i, &path, keyOffset: nil, into: &offsets)
                path.removeLast()
                index += 1
                skipWhitespace(s, &i)
                if i < s.count && s[i] == 0x2C {
                    i += 1
                    skipWhitespace(s, &i)
                }
            }
            i += 1
        default:
            _ = try? parseValue(s, &i)
        }
    }
}
