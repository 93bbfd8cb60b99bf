/// Writes JSON values as RFC 8259 text.
///
/// Numbers are written exactly as they were parsed, member order is kept, non-ASCII text
/// stays UTF-8, and control characters are escaped. `parse(write(v)) == v` for every value.
public struct JSONWriter: Sendable {
    /// Whether to break lines and indent.
    public var pretty: Bool
    /// The indentation for each level when ``pretty`` is set. Default two spaces.
    public var indent: String
    /// Whether to write object members sorted by key (code-point order) instead of in their
    /// own order; useful for stable output.
    public var sortsKeys: Bool

    /// Creates a writer; the default is compact output in member order.
    public init(pretty: Bool = false, indent: String = "  ", sortsKeys: Bool = false) {
        self.pretty = pretty
        self.indent = indent
        self.sortsKeys = sortsKeys
    }

    /// The JSON text of `value` as UTF-8 bytes.
    ///
    /// - Complexity: O(n) in the size of the output.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        write(value, to: &out)
        return out
    }

    /// The JSON text of `value`.
    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// Appends the JSON text of `value` to `out`.
    public func write(_ value: JSONValue, to out: inout [UInt8]) {
        write(value, to: &out, level: 0)
    }

    private func newline(_ out: inout [UInt8], _ level: Int) {
        out.append(0x0A)
        for _ in 0..<level { out.append(contentsOf: indent.utf8) }
    }

    private func write(_ value: JSONValue, to out: inout [UInt8], level: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.literal.utf8)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let elements):
            out.append(0x5B)
            if elements.isEmpty {
                out.append(0x5D)
                return
            }
            for (k, element) in elements.enumerated() {
                if k > 0 { out.append(0x2C) }
                if pretty { newline(&out, level + 1) }
                write(element, to: &out, level: level + 1)
            }
            if pretty { newline(&out, level) }
            out.append(0x5D)
        case .object(let object):
            out.append(0x7B)
            if object.isEmpty {
                out.append(0x7D)
                return
            }
            var order = Array(object.indices)
            if sortsKeys { order.sort { StringKey.less(object[$0].key, object[$1].key) } }
            for (k, position) in order.enumerated() {
                let member = object[position]
                if k > 0 { out.append(0x2C) }
                if pretty { newline(&out, level + 1) }
                Self.writeString(member.key, to: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                write(member.value, to: &out, level: level + 1)
            }
            if pretty { newline(&out, level) }
            out.append(0x7D)
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a quoted JSON string.
    ///
    /// Runs of bytes that need no escape (all but `"`, `\\` and controls) are copied whole.
    package static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { buffer in
            var run = 0
            var i = 0
            let n = buffer.count
            while i < n {
                let b = buffer[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[run..<i]))
                escape(b, to: &out)
                i += 1
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[run..<n]))
        }
        if copied == nil {
            for b in s.utf8 {
                if b >= 0x20 && b != 0x22 && b != 0x5C { out.append(b) } else { escape(b, to: &out) }
            }
        }
        out.append(0x22)
    }

    /// Appends the escape for `b`: a quote, a backslash or a control character.
    private static func escape(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        case 0x08: out.append(contentsOf: [0x5C, 0x62])
        case 0x0C: out.append(contentsOf: [0x5C, 0x66])
        default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
        }
    }
}

extension JSONValue {
    /// The JSON text of the value: compact, or indented with two spaces when `pretty`.
    public func jsonString(pretty: Bool = false) -> String {
        JSONWriter(pretty: pretty).string(self)
    }
}
