/// A JSON Pointer (RFC 6901): the path to one value inside a JSON document.
///
/// `/items/0/name` names the `name` member of the first element of `items`. The empty
/// pointer names the whole document. In tokens, `~` is written `~0` and `/` is written `~1`.
public struct JSONPointer: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The unescaped reference tokens, outermost first.
    public var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from unescaped tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Creates the value a literal writes.
    public init(arrayLiteral elements: String...) {
        self.tokens = elements
    }

    /// Why a pointer's text is not valid.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong, with the character offset in the pointer's text.
        public var message: String
        /// The value in words, as messages print it.
        public var description: String { message }
    }

    /// Parses the string form (`/a/b~1c`).
    ///
    /// - Throws: ``ParseError`` when the text does not start with `/` (and is not empty) or has
    ///   a `~` not followed by `0` or `1`.
    public init(parsing text: String) throws(ParseError) {
        if text.isEmpty {
            self.tokens = []
            return
        }
        guard text.utf8.first == 0x2F else {
            throw ParseError(message: "a JSON Pointer must be empty or start with '/', found \"\(text)\"")
        }
        var tokens: [String] = []
        var current: [UInt8] = []
        var bytes = Array(text.utf8)[1...].makeIterator()
        var offset = 1
        while let b = bytes.next() {
            if b == 0x2F {
                tokens.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else if b == 0x7E {
                switch bytes.next() {
                case 0x30: current.append(0x7E)
                case 0x31: current.append(0x2F)
                default:
                    throw ParseError(
                        message:
                            "invalid escape at character \(offset) of JSON Pointer \"\(text)\": '~' must be followed by 0 or 1"
                    )
                }
                offset += 1
            } else {
                current.append(b)
            }
            offset += 1
        }
        tokens.append(String(decoding: current, as: UTF8.self))
        self.tokens = tokens
    }

    /// Parses the URI fragment form (`#/a/b%20c`): a `#`, then a pointer with
    /// percent-encoded characters.
    public init(fragment: String) throws(ParseError) {
        guard fragment.utf8.first == 0x23 else {
            throw ParseError(message: "a JSON Pointer fragment must start with '#', found \"\(fragment)\"")
        }
        var decoded: [UInt8] = []
        let bytes = Array(fragment.utf8.dropFirst())
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x25 {
                guard i + 2 < bytes.count, let hi = Self.hexValue(bytes[i + 1]), let lo = Self.hexValue(bytes[i + 2])
                else {
                    throw ParseError(message: "invalid percent-encoding in JSON Pointer fragment \"\(fragment)\"")
                }
                decoded.append(hi << 4 | lo)
                i += 3
            } else {
                decoded.append(bytes[i])
                i += 1
            }
        }
        try self.init(parsing: String(decoding: decoded, as: UTF8.self))
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    /// The escaped string form: `""` for the root, else `/` before each escaped token.
    public var description: String {
        var text = ""
        for token in tokens {
            text += "/"
            text += Self.escape(token)
        }
        return text
    }

    /// The URI fragment form: `#` and the pointer, with characters outside RFC 3986's
    /// fragment set percent-encoded.
    public var fragment: String {
        var out = "#"
        for b in description.utf8 {
            let allowed =
                (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                || "-._~!$&'()*+,;=:@/?".utf8.contains(b)
            if allowed {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Escapes one token: `~` to `~0`, `/` to `~1`.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == 0x7E || $0 == 0x2F }) else { return token }
        var out = ""
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A pointer one level deeper, to member `key`.
    public func appending(_ key: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [key])
    }

    /// A pointer one level deeper, to element `index`.
    public func appending(index: Int) -> JSONPointer {
        JSONPointer(tokens: tokens + [String(index)])
    }

    /// The pointer one level up, or nil for the root.
    public var parent: JSONPointer? {
        tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    /// The value this pointer names in `document`, or nil when there is none.
    ///
    /// Array tokens must be `0` or a decimal without leading zeros; `-` (the position after
    /// the last element) names no value.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Self.arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The array index a token denotes: `0`, or digits without a leading zero.
    public static func arrayIndex(_ token: String) -> Int? {
        let bytes = Array(token.utf8)
        guard !bytes.isEmpty, bytes.count <= 18, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if bytes.count > 1 && bytes[0] == 0x30 { return nil }
        return Int(token)
    }

    // Codable as its string form.
    /// Decodes from the JSON the value stands for.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as the JSON the value stands for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension JSONValue {
    /// The value with the member or element at `pointer` replaced by `new`; unchanged when
    /// nothing is there. The root pointer replaces the whole value.
    package func replacing(at pointer: JSONPointer, with new: JSONValue) -> JSONValue {
        guard let first = pointer.tokens.first else { return new }
        let rest = JSONPointer(tokens: Array(pointer.tokens.dropFirst()))
        switch self {
        case .object(var o):
            guard let child = o[first] else { return self }
            o[first] = child.replacing(at: rest, with: new)
            return .object(o)
        case .array(var a):
            guard let k = Int(first), a.indices.contains(k) else { return self }
            a[k] = a[k].replacing(at: rest, with: new)
            return .array(a)
        default:
            return self
        }
    }
}
