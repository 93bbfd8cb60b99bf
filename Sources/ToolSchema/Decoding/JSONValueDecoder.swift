internal import Foundation
public import JSONCore

/// Decodes `Decodable` types straight from a `JSONValue`: no second parse and no trip
/// through Foundation's JSON.
///
/// Numbers decode exactly: an `Int8` from `300` is an error, as is an `Int` from `1.5`;
/// `Decimal` keeps every digit. Errors are `DecodingError`s whose coding path is the value's
/// place, which `DecodingError.jsonPointer` turns into a JSON Pointer.
public struct JSONValueDecoder: Sendable {
    /// How JSON keys relate to Swift property names.
    public enum KeyStrategy: Sendable, Hashable {
        /// Keys are used as written.
        case useDefaultKeys
        /// `snake_case` JSON keys map to `camelCase` properties (`city_name` to `cityName`).
        case convertFromSnakeCase
    }

    /// The key strategy. Default: keys as written.
    public var keyStrategy: KeyStrategy

    /// Creates a decoder.
    public init(keyStrategy: KeyStrategy = .useDefaultKeys) {
        self.keyStrategy = keyStrategy
    }

    /// Decodes a `T` from `value`.
    ///
    /// - Throws: `DecodingError`, with the coding path of the failing value.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try ValueDecoder(value: value, parent: nil, key: nil, strategy: keyStrategy).decodeValue(T.self)
    }
}

extension DecodingError {
    /// The JSON Pointer of the value that failed to decode.
    public var jsonPointer: JSONPointer {
        let path: [any CodingKey]
        switch self {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): path = c.codingPath
        case .keyNotFound(let key, let c): path = c.codingPath + [key]
        @unknown default: path = []
        }
        return JSONPointer(tokens: path.map { $0.intValue.map(String.init) ?? $0.stringValue })
    }
}

struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) {
        stringValue = String(index)
        intValue = index
    }
    init?(stringValue: String) {
        self.stringValue = stringValue
        intValue = Int(stringValue)
    }
    init?(intValue: Int) { self.init(intValue) }
}

/// The coding path as a linked list: extending it costs one small object instead of copying an
/// array at every key, and the array is built only when an error or a caller asks for it. A
/// node is made only for a value that opens a container; a scalar's place is its decoder's
/// parent node and key, so decoding one allocates no path.
final class CodingPathNode: Sendable {
    let parent: CodingPathNode?
    let key: PathKey

    init(parent: CodingPathNode?, key: PathKey) {
        self.parent = parent
        self.key = key
    }

    static func keys(_ node: CodingPathNode?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var n = node
        while let current = n {
            keys.append(current.key)
            n = current.parent
        }
        return keys.reversed()
    }
}

/// A key as the decoder saw it, Sendable whatever the caller's key type is. An array index
/// is written as text only when a path is shown.
struct PathKey: CodingKey, Sendable {
    private let name: String?
    var intValue: Int?
    var stringValue: String { name ?? String(intValue ?? 0) }
    init(_ key: some CodingKey) {
        name = key.stringValue
        intValue = key.intValue
    }
    init(index: Int) {
        name = nil
        intValue = index
    }
    init?(stringValue: String) { name = stringValue }
    init?(intValue: Int) { self.init(index: intValue) }
}

struct ValueDecoder: Decoder {
    let value: JSONValue
    /// The place of the container the value is in (nil at the top), and the value's key there
    /// (nil for the top value itself).
    let parent: CodingPathNode?
    let key: PathKey?
    let strategy: JSONValueDecoder.KeyStrategy
    var codingPath: [any CodingKey] { CodingPathNode.keys(parent) + (key.map { [$0] } ?? []) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, parent: CodingPathNode?, key: PathKey?, strategy: JSONValueDecoder.KeyStrategy) {
        self.value = value
        self.parent = parent
        self.key = key
        self.strategy = strategy
    }

    /// The value's place as a node, for the values inside it: made when it opens a container.
    func place() -> CodingPathNode? {
        key.map { CodingPathNode(parent: parent, key: $0) } ?? parent
    }

    func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        .typeMismatch(
            type,
            DecodingError.Context(
                codingPath: codingPath,
                debugDescription: "expected \(expected), found \(Describe.value(value))"
            )
        )
    }

    /// Decodes `T`, handling the types whose own `init(from:)` would expect another encoding.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        // A string asked for generically (an array's element, a dictionary's value) is taken as
        // it is, without the boxed single-value container `String.init(from:)` would open.
        if let s = Self.string(value, as: T.self) { return s }
        if T.self == JSONValue.self { return try castChecked(value, to: T.self) }
        if T.self == Date.self {
            guard case .string(let s) = value, let date = Self.parseDate(s) else {
                throw mismatch(T.self, "an RFC 3339 date-time string")
            }
            return try castChecked(date, to: T.self)
        }
        if T.self == URL.self {
            guard case .string(let s) = value, let url = URL(string: s) else { throw mismatch(T.self, "a URI string") }
            return try castChecked(url, to: T.self)
        }
        if T.self == UUID.self {
            guard case .string(let s) = value, let uuid = UUID(uuidString: s) else {
                throw mismatch(T.self, "a UUID string")
            }
            return try castChecked(uuid, to: T.self)
        }
        if T.self == Decimal.self {
            guard case .number(let n) = value,
                let d = Decimal(string: n.literal, locale: Locale(identifier: "en_US_POSIX"))
            else {
                throw mismatch(T.self, "a number")
            }
            return try castChecked(d, to: T.self)
        }
        return try T(from: self)
    }

    /// `value`'s string as a `T`, when `T` is `String` and the value a string.
    @inline(__always)
    static func string<T>(_ value: JSONValue, as type: T.Type) -> T? {
        guard T.self == String.self, case .string(let s) = value else { return nil }
        // T is String, checked just above: the same type, so the bits are the value.
        return unsafeBitCast(s, to: T.self)
    }

    static func parseDate(_ s: String) -> Date? {
        guard Formats.isDateTime(s) else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = formatter.date(from: s) { return d }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: s)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw mismatch([String: Any].self, "an object") }
        return KeyedDecodingContainer(
            KeyedValueContainer<Key>(object: object, decoder: self, place: place())
        )
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([Any].self, "an array") }
        return UnkeyedValueContainer(elements: elements, decoder: self, place: place())
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueContainer(decoder: self) }
}

struct KeyedValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let decoder: ValueDecoder
    /// The object's place, the parent of its members' places.
    let place: CodingPathNode?
    var strategy: JSONValueDecoder.KeyStrategy { decoder.strategy }
    var codingPath: [any CodingKey] { decoder.codingPath }

    func child(_ value: JSONValue, _ key: Key) -> ValueDecoder {
        ValueDecoder(value: value, parent: place, key: PathKey(key), strategy: strategy)
    }

    func wireName(_ key: Key) -> String {
        strategy == .convertFromSnakeCase ? KeyNames.snakeCase(key.stringValue) : key.stringValue
    }

    var allKeys: [Key] {
        object.keys.compactMap { name in
            if strategy == .convertFromSnakeCase {
                let camel = name.split(separator: "_").enumerated().map { $0 == 0 ? String($1) : $1.capitalized }
                    .joined()
                return Key(stringValue: camel) ?? Key(stringValue: name)
            }
            return Key(stringValue: name)
        }
    }

    func contains(_ key: Key) -> Bool { object[wireName(key)] != nil }

    func child(_ key: Key) throws -> ValueDecoder {
        guard let v = object[wireName(key)] else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(codingPath: codingPath, debugDescription: "missing property \"\(wireName(key))\"")
            )
        }
        return child(v, key)
    }

    // Concrete overloads for primitives: synthesized conformances call these, and answering
    // them directly skips the generic path (an existential single-value container per value).
    func scalar(_ key: Key) throws -> SingleValueContainer { SingleValueContainer(decoder: try child(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        if case .string(let s)? = object[wireName(key)] { return s }
        return try scalar(key).decode(type)
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        if case .bool(let b)? = object[wireName(key)] { return b }
        return try scalar(key).decode(type)
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(key).decode(type) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        switch object[wireName(key)] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: return try scalar(key).decode(type)
        }
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        switch object[wireName(key)] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        default: return try scalar(key).decode(type)
        }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let v = object[wireName(key)], !v.isNull else { return nil }
        return try scalar(key).decode(type)
    }

    func decodeNil(forKey key: Key) throws -> Bool { object[wireName(key)]?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeValue(T.self) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = object[wireName(key)], !v.isNull else { return nil }
        return try child(v, key).decodeValue(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

struct UnkeyedValueContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let decoder: ValueDecoder
    /// The array's place, the parent of its elements' places.
    let place: CodingPathNode?
    var codingPath: [any CodingKey] { decoder.codingPath }
    var currentIndex = 0

    init(elements: [JSONValue], decoder: ValueDecoder, place: CodingPathNode?) {
        self.elements = elements
        self.decoder = decoder
        self.place = place
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self,
                DecodingError.Context(
                    codingPath: codingPath + [IndexKey(currentIndex)],
                    debugDescription: "the array has no more elements"
                )
            )
        }
        defer { currentIndex += 1 }
        return ValueDecoder(
            value: elements[currentIndex],
            parent: place,
            key: PathKey(index: currentIndex),
            strategy: decoder.strategy
        )
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // An array of strings, as `Array.init(from:)` asks for its elements: no decoder made.
        if currentIndex < elements.count, let s = ValueDecoder.string(elements[currentIndex], as: T.self) {
            currentIndex += 1
            return s
        }
        return try next().decodeValue(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var value: JSONValue { decoder.value }

    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let b) = value else { throw decoder.mismatch(type, "a boolean") }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw decoder.mismatch(type, "a string") }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard case .number(let n) = value, let d = n.doubleValue else { throw decoder.mismatch(type, "a number") }
        return d
    }

    func decode(_ type: Float.Type) throws -> Float {
        guard case .number(let n) = value, let d = n.doubleValue, Float(d).isFinite else {
            throw decoder.mismatch(type, "a number that fits a Float")
        }
        return Float(d)
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .number(let n) = value, n.isInteger else { throw decoder.mismatch(type, "an integer") }
        if let i = n.int64Value, let v = T(exactly: i) { return v }
        if let u = UInt64(n.literal), let v = T(exactly: u) { return v }
        throw decoder.mismatch(type, "an integer from \(T.min) to \(T.max)")
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(T.self) }
}

/// `value` as `T`, once the caller has checked that `T` is its type. A mismatch would be a
/// bug here; it is reported as a decoding error rather than a crash.
func castChecked<T>(_ value: Any, to type: T.Type) throws -> T {
    guard let cast = value as? T else {
        throw DecodingError.typeMismatch(
            T.self,
            DecodingError.Context(
                codingPath: [],
                debugDescription: "internal: \(Swift.type(of: value)) is not \(T.self)"
            )
        )
    }
    return cast
}
