/// Bridges `JSONValue` to `Codable`, so it can sit inside any `Codable` type.
///
/// Decoding reads whatever the decoder holds. Objects keep the order the decoder reports
/// their keys in, which for Foundation's `JSONDecoder` is not the text's order. Encoding writes
/// numbers as `Int64`, `UInt64` or `Double` when one of them holds the exact value, and throws
/// `EncodingError.invalidValue` otherwise (`1e400`, `12345678901234567890123`) instead of
/// silently rounding; ``JSONWriter`` writes such numbers exactly.
extension JSONValue: Codable {
    struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes from the JSON the value stands for.
    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: MemberKey.self) {
            var object = JSONObject()
            for key in keyed.allKeys { object[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key) }
            self = .object(object)
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            if let count = unkeyed.count { elements.reserveCapacity(count) }
            while !unkeyed.isAtEnd { elements.append(try unkeyed.decode(JSONValue.self)) }
            self = .array(elements)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? single.decode(Int64.self) {
            self = .number(JSONNumber(i))
        } else if let u = try? single.decode(UInt64.self) {
            self = .number(JSONNumber(u))
        } else if let d = try? single.decode(Double.self), let n = JSONNumber(d) {
            self = .number(n)
        } else if let s = try? single.decode(String.self) {
            self = .string(s)
        } else {
            throw DecodingError.dataCorruptedError(
                in: single,
                debugDescription: "expected a JSON value (null, boolean, number, string, array or object)"
            )
        }
    }

    /// Encodes as the JSON the value stands for.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .number(let n):
            var c = encoder.singleValueContainer()
            if let i = n.int64Value {
                try c.encode(i)
            } else if n.isInteger, let u = UInt64(n.literal) {
                try c.encode(u)
            } else if let d = n.doubleValue, let back = JSONNumber(d), back == n {
                try c.encode(d)
            } else {
                throw EncodingError.invalidValue(
                    n,
                    EncodingError.Context(
                        codingPath: encoder.codingPath,
                        debugDescription:
                            "the number \(n.literal) has no exact Int64, UInt64 or Double form; use JSONWriter to write it exactly"
                    )
                )
            }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let elements):
            var c = encoder.unkeyedContainer()
            for element in elements { try c.encode(element) }
        case .object(let object):
            var c = encoder.container(keyedBy: MemberKey.self)
            for (key, value) in object { try c.encode(value, forKey: MemberKey(stringValue: key)) }
        }
    }
}
