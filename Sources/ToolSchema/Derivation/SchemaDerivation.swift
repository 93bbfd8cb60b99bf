internal import Foundation
public import JSONCore

/// What a type may say about itself as a tool, beyond what its `Decodable` conformance shows.
/// Every member has a default; adopt the protocol only for what you need.
///
/// ```swift
/// struct GetWeather: ToolArguments {
///     var city: String
///     var unit: Unit?
///     enum Unit: String, Decodable, CaseIterable { case celsius, fahrenheit }
///
///     static let toolDescription: String? = "Get the current weather in a city."
///     static let parameterDescriptions = ["city": "The city, e.g. Beijing"]
///     static let parameterConstraints: [String: JSONValue] = ["city": ["minLength": 1]]
/// }
/// ```
///
/// Keys are wire names (after `CodingKeys` and the key strategy). A key that the type does not
/// decode is an error when the schema is derived.
public protocol ToolArguments: Decodable {
    /// The tool's name. Default: the type's name in `snake_case` (`GetWeather` → `get_weather`).
    static var toolName: String { get }
    /// What the tool does, for the model. Default: none.
    static var toolDescription: String? { get }
    /// A description per parameter, by wire name.
    static var parameterDescriptions: [String: String] { get }
    /// Extra JSON Schema keywords per parameter (bounds, `pattern`, `format`, `examples`,
    /// `default`…), merged into the derived schema.
    static var parameterConstraints: [String: JSONValue] { get }
    /// A valid arguments object the probe decodes from, for types whose `init(from:)` rejects
    /// placeholder values.
    static var sampleArguments: JSONValue? { get }
    /// The arguments schema, written by hand; derivation is skipped when it is set.
    static var argumentsSchema: JSONValue? { get }
}

extension ToolArguments {
    /// The `snake_case` type name.
    public static var toolName: String { KeyNames.snakeCase(String(describing: Self.self)) }
    /// None: the tool has no description unless the type gives one.
    public static var toolDescription: String? { nil }
    /// None.
    public static var parameterDescriptions: [String: String] { [:] }
    /// None.
    public static var parameterConstraints: [String: JSONValue] { [:] }
    /// None: the probe uses placeholder values.
    public static var sampleArguments: JSONValue? { nil }
    /// None: the schema is derived.
    public static var argumentsSchema: JSONValue? { nil }
}

/// Why a schema could not be derived from a type.
public struct DerivationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        private init(_ name: String) { description = name }

        /// The type's own `init(from:)` failed or refused the values the probe decodes with.
        public static let decodingFailed = Code("decoding-failed")
        /// An enum with no cases to list.
        public static let noCases = Code("no-cases")
        /// A type that holds itself through a property that is neither optional nor a collection.
        public static let infiniteType = Code("infinite-type")
        /// A `ToolArguments` customization (`parameterConstraints`, `parameterDescriptions`) that does not fit the type.
        public static let invalidCustomization = Code("invalid-customization")
        /// A type that decodes itself as an array or a single value, which cannot be a tool's arguments object.
        public static let notAnObject = Code("not-an-object")
        /// A decoding shape derivation does not support yet (nested containers in `init(from:)`).
        public static let unsupported = Code("unsupported")
    }

    /// What kind of problem it is.
    public var code: Code
    /// What went wrong and how to get around it, naming the type.
    public var message: String
    /// The message.
    public var description: String { message }

    init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }
}

/// Derives JSON Schemas from `Decodable` types, without macros, by running the type's own
/// `init(from:)` against a probing decoder and recording what it asks for.
///
/// Properties come from the keys decoded (custom `CodingKeys` honoured); `decodeIfPresent` and
/// `Optional` make a property optional. Nested types become nested objects, arrays and sets
/// `items`, `[String: T]` `additionalProperties`; every integer width carries its bounds;
/// `Date` is a `date-time` string, `URL` a `uri`, `UUID` a `uuid`; `RawRepresentable &
/// CaseIterable` enums with `String` or `Int` raw values become an `enum`. Recursive types
/// become `$ref`s. Objects get `additionalProperties: false`, so invented parameters are caught.
public enum SchemaDerivation {
    /// How Swift property names become JSON keys.
    public enum KeyStrategy: Sendable, Hashable {
        /// Keys as the `CodingKeys` say.
        case useDefaultKeys
        /// `camelCase` properties become `snake_case` keys.
        case convertToSnakeCase

        var decoding: JSONValueDecoder.KeyStrategy { self == .useDefaultKeys ? .useDefaultKeys : .convertFromSnakeCase }
    }

    /// The arguments schema of `type`.
    ///
    /// - Parameters:
    ///   - type: the arguments type.
    ///   - keyStrategy: how property names become JSON keys.
    /// - Throws: ``DerivationError`` when `init(from:)` rejects the probe's placeholder values
    ///   (adopt ``ToolArguments`` and give `sampleArguments` or `argumentsSchema`), when a
    ///   description or constraint names a property the type does not decode, or for shapes
    ///   JSON cannot describe.
    /// - Returns: The arguments schema: an object schema, `additionalProperties: false`.
    public static func schema<T: Decodable>(
        for type: T.Type,
        keyStrategy: KeyStrategy = .useDefaultKeys
    ) throws(DerivationError) -> JSONValue {
        if let custom = (T.self as? any ToolArguments.Type)?.argumentsSchema { return custom }
        let state = ProbeState(keyStrategy: keyStrategy, root: ObjectIdentifier(T.self))
        let sample = (T.self as? any ToolArguments.Type)?.sampleArguments
        do {
            var (schema, _) = try state.probe(T.self, sample: sample)
            if !state.definitions.isEmpty, case .object(var o) = schema {
                o["$defs"] = .object(
                    JSONObject(state.definitions.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                )
                schema = .object(o)
            }
            return schema
        } catch let error as DerivationError {
            throw error
        } catch {
            throw DerivationError(
                .decodingFailed,
                message: "\(T.self).init(from:) failed while its schema was derived: \(error)"
            )
        }
    }
}

extension ToolSpec {
    /// A tool spec for a `Decodable` arguments type: name and description from
    /// ``ToolArguments`` when the type adopts it, else the `snake_case` type name.
    ///
    /// - Parameters:
    ///   - type: the arguments type.
    ///   - keyStrategy: how property names become JSON keys.
    ///   - strict: derive the OpenAI strict-mode form (every property required, optional ones
    ///     nullable), which passes the `openai-strict` lint profile.
    /// - Throws: ``DerivationError`` when no schema can be derived from the type (see
    ///   ``SchemaDerivation/schema(for:keyStrategy:)``).
    public init<T: Decodable>(
        deriving type: T.Type,
        keyStrategy: SchemaDerivation.KeyStrategy = .useDefaultKeys,
        strict: Bool = false
    ) throws(DerivationError) {
        var schema = try SchemaDerivation.schema(for: type, keyStrategy: keyStrategy)
        let arguments = T.self as? any ToolArguments.Type
        let name = arguments?.toolName ?? KeyNames.snakeCase(String(describing: T.self))
        if strict {
            var converter = StrictConverter(tool: name)
            schema = converter.convert(schema, at: .root)
        }
        self.init(
            name: name,
            description: arguments?.toolDescription,
            parameters: schema,
            strict: strict ? true : nil,
            shape: .openAI
        )
    }
}

// MARK: - The probe

/// Containers the probe recognises by type, so their element types can be described without
/// any values.
protocol ProbeOptional { static var wrapped: any Decodable.Type { get } }
protocol ProbeArray { static var element: any Decodable.Type { get } }
protocol ProbeSet { static var element: any Decodable.Type { get } }
protocol ProbeDictionary { static var value: any Decodable.Type { get } }

extension Optional: ProbeOptional where Wrapped: Decodable { static var wrapped: any Decodable.Type { Wrapped.self } }
extension Array: ProbeArray where Element: Decodable { static var element: any Decodable.Type { Element.self } }
extension Set: ProbeSet where Element: Decodable { static var element: any Decodable.Type { Element.self } }
extension Dictionary: ProbeDictionary where Key == String, Value: Decodable {
    static var value: any Decodable.Type { Value.self }
}

final class ProbeState {
    let keyStrategy: SchemaDerivation.KeyStrategy
    let root: ObjectIdentifier
    var stack: [ObjectIdentifier] = []
    var definitions: [String: JSONValue] = [:]
    var recursive: Set<ObjectIdentifier> = []

    init(keyStrategy: SchemaDerivation.KeyStrategy, root: ObjectIdentifier) {
        self.keyStrategy = keyStrategy
        self.root = root
    }

    static func integer<I: FixedWidthInteger>(_: I.Type) -> JSONValue {
        ["type": "integer", "minimum": .number(JSONNumber(I.min)), "maximum": .number(JSONNumber(I.max))]
    }

    /// The schema of `T` and a value of `T` to hand back to the code being probed.
    func probe<T: Decodable>(_ type: T.Type, sample: JSONValue?) throws -> (JSONValue, T) {
        func placeholder<V: Decodable>(_ fallback: V) throws -> V {
            if let sample {
                return try JSONValueDecoder(keyStrategy: keyStrategy.decoding).decode(V.self, from: sample)
            }
            return fallback
        }
        switch T.self {
        case is String.Type: return (["type": "string"], try castChecked(placeholder("sample"), to: T.self))
        case is Bool.Type: return (["type": "boolean"], try castChecked(placeholder(false), to: T.self))
        case is Int.Type: return (Self.integer(Int.self), try castChecked(placeholder(1), to: T.self))
        case is Int8.Type: return (Self.integer(Int8.self), try castChecked(placeholder(Int8(1)), to: T.self))
        case is Int16.Type: return (Self.integer(Int16.self), try castChecked(placeholder(Int16(1)), to: T.self))
        case is Int32.Type: return (Self.integer(Int32.self), try castChecked(placeholder(Int32(1)), to: T.self))
        case is Int64.Type: return (Self.integer(Int64.self), try castChecked(placeholder(Int64(1)), to: T.self))
        case is UInt.Type: return (Self.integer(UInt.self), try castChecked(placeholder(UInt(1)), to: T.self))
        case is UInt8.Type: return (Self.integer(UInt8.self), try castChecked(placeholder(UInt8(1)), to: T.self))
        case is UInt16.Type: return (Self.integer(UInt16.self), try castChecked(placeholder(UInt16(1)), to: T.self))
        case is UInt32.Type: return (Self.integer(UInt32.self), try castChecked(placeholder(UInt32(1)), to: T.self))
        case is UInt64.Type: return (Self.integer(UInt64.self), try castChecked(placeholder(UInt64(1)), to: T.self))
        case is Double.Type: return (["type": "number"], try castChecked(placeholder(1.0), to: T.self))
        case is Float.Type: return (["type": "number"], try castChecked(placeholder(Float(1)), to: T.self))
        case is Decimal.Type: return (["type": "number"], try castChecked(placeholder(Decimal(1)), to: T.self))
        case is Date.Type:
            return (
                ["type": "string", "format": "date-time"],
                try castChecked(placeholder(Date(timeIntervalSince1970: 978_307_200)), to: T.self)
            )
        case is URL.Type:
            return (
                ["type": "string", "format": "uri"],
                try castChecked(
                    placeholder(URL(string: "https://example.com") ?? URL(fileURLWithPath: "/")),
                    to: T.self
                )
            )
        case is UUID.Type:
            return (
                ["type": "string", "format": "uuid"],
                try castChecked(placeholder(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))), to: T.self)
            )
        case is JSONValue.Type: return ([:], try castChecked(sample ?? .null, to: T.self))
        default: break
        }
        if let optional = T.self as? any ProbeOptional.Type {
            let schema = try elementSchema(optional.wrapped, sample: nil)
            return (schema, try emptyValue(T.self))  // nil
        }
        if let array = T.self as? any ProbeArray.Type {
            let items = try elementSchema(array.element, sample: sample?.arrayValue?.first)
            return (["type": "array", "items": items], try emptyValue(T.self))
        }
        if let set = T.self as? any ProbeSet.Type {
            let items = try elementSchema(set.element, sample: sample?.arrayValue?.first)
            return (["type": "array", "items": items, "uniqueItems": true], try emptyValue(T.self))
        }
        if let dictionary = T.self as? any ProbeDictionary.Type {
            let values = try elementSchema(dictionary.value, sample: nil)
            return (["type": "object", "additionalProperties": values], try emptyValue(T.self))
        }
        if let enumeration = T.self as? any CaseIterable.Type, let (schema, first) = enumSchema(enumeration) {
            if let sample, let value = try? JSONValueDecoder().decode(T.self, from: sample) { return (schema, value) }
            guard let value = first as? T else {
                throw DerivationError(.noCases, message: "\(T.self) has no cases to describe")
            }
            return (schema, value)
        }
        return try probeObject(T.self, sample: sample)
    }

    func probeAny(_ type: any Decodable.Type, sample: JSONValue?) throws -> (JSONValue, Any) {
        try probe(type, sample: sample)
    }

    /// The schema of a container's element type; a type that refers back to one being probed
    /// becomes a `$ref` (the container can be empty, so no value is needed).
    func elementSchema(_ type: any Decodable.Type, sample: JSONValue?) throws -> JSONValue {
        do {
            return try probeAny(type, sample: sample).0
        } catch let signal as RecursionSignal {
            return ["$ref": .string(signal.reference)]
        }
    }

    /// The value a type decodes to from an empty container: `nil`, `[]`, `Set()`, `[:]`.
    func emptyValue<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: EmptyDecoder())
    }

    func enumSchema(_ type: any CaseIterable.Type) -> (JSONValue, Any)? {
        func allCases<E: CaseIterable>(_ t: E.Type) -> [Any] { t.allCases.map { $0 as Any } }
        let cases = allCases(type)
        var raw: [JSONValue] = []
        for c in cases {
            guard let r = c as? any RawRepresentable else { return nil }
            switch r.rawValue {
            case let s as String: raw.append(.string(s))
            case let i as Int: raw.append(.number(JSONNumber(i)))
            default: return nil
            }
        }
        guard let first = cases.first else { return nil }
        let type = raw.allSatisfy { $0.stringValue != nil } ? "string" : "integer"
        return (["type": .string(type), "enum": .array(raw)], first)
    }

    func name(_ id: ObjectIdentifier, _ type: Any.Type) -> String { String(describing: type) }

    func probeObject<T: Decodable>(_ type: T.Type, sample: JSONValue?) throws -> (JSONValue, T) {
        let id = ObjectIdentifier(T.self)
        if stack.contains(id) {
            recursive.insert(id)
            throw RecursionSignal(reference: id == root ? "#" : "#/$defs/\(name(id, T.self))")
        }
        stack.append(id)
        defer { stack.removeLast() }
        let recorder = ObjectRecorder()
        let value: T
        do {
            value = try T(from: ProbeDecoder(state: self, recorder: recorder, sample: sample, codingPath: []))
        } catch let error as DerivationError {
            throw error
        } catch let signal as RecursionSignal {
            throw DerivationError(
                .infiniteType,
                message:
                    "\(T.self) holds itself through a property that is neither optional nor a collection (\(signal.reference)); JSON cannot describe a value that never ends"
            )
        } catch {
            throw DerivationError(
                .decodingFailed,
                message:
                    "\(T.self).init(from:) rejected the placeholder values the schema probe decodes with (\(error)); "
                    + "make \(T.self) adopt ToolArguments and give sampleArguments (a valid arguments object) or argumentsSchema"
            )
        }
        var schema = try recorder.schema(for: T.self)
        if recursive.contains(id) && id != root {
            definitions[name(id, T.self)] = schema
            schema = ["$ref": .string("#/$defs/\(name(id, T.self))")]
        }
        return (schema, value)
    }
}

/// Thrown inside the probe when a type refers to itself; caught where a reference can stand.
struct RecursionSignal: Error {
    var reference: String
}

final class ObjectRecorder {
    struct Property {
        var name: String
        var schema: JSONValue
        var required: Bool
    }
    var properties: [Property] = []

    func add(_ name: String, _ schema: JSONValue, required: Bool) {
        if let k = properties.firstIndex(where: { $0.name == name }) {
            properties[k].required = properties[k].required && required
            return
        }
        properties.append(Property(name: name, schema: schema, required: required))
    }

    func schema<T>(for type: T.Type) throws(DerivationError) -> JSONValue {
        var members = JSONObject()
        for p in properties { members[p.name] = p.schema }
        if let arguments = T.self as? any ToolArguments.Type {
            for (name, description) in arguments.parameterDescriptions.sorted(by: { $0.key < $1.key }) {
                guard case .object(var o)? = members[name] else { throw unknown(T.self, name, "parameterDescriptions") }
                o["description"] = .string(description)
                members[name] = .object(o)
            }
            for (name, extra) in arguments.parameterConstraints.sorted(by: { $0.key < $1.key }) {
                guard case .object(var o)? = members[name] else { throw unknown(T.self, name, "parameterConstraints") }
                guard case .object(let keywords) = extra else {
                    throw DerivationError(
                        .invalidCustomization,
                        message: "\(T.self).parameterConstraints[\"\(name)\"] must be an object of JSON Schema keywords"
                    )
                }
                for (k, v) in keywords { o[k] = v }
                members[name] = .object(o)
            }
        }
        var schema: JSONObject = ["type": "object", "properties": .object(members)]
        let required = properties.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { schema["required"] = .array(required) }
        schema["additionalProperties"] = false
        return .object(schema)
    }

    func unknown<T>(_ type: T.Type, _ name: String, _ member: String) -> DerivationError {
        DerivationError(
            .invalidCustomization,
            message: "\(T.self).\(member) names \"\(name)\", which \(T.self) does not decode; its properties are "
                + properties.map { "\"\($0.name)\"" }.joined(separator: ", ")
        )
    }
}

struct ProbeDecoder: Decoder {
    let state: ProbeState
    let recorder: ObjectRecorder
    let sample: JSONValue?
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(ProbeKeyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DerivationError(
            .notAnObject,
            message: "a type that decodes itself as an array cannot be a tool's arguments object"
        )
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DerivationError(
            .notAnObject,
            message: "a type that decodes itself from a single value cannot be a tool's arguments object"
        )
    }
}

struct ProbeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ProbeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { [] }

    func wire(_ key: Key) -> String {
        decoder.state.keyStrategy == .convertToSnakeCase ? KeyNames.snakeCase(key.stringValue) : key.stringValue
    }

    func sample(_ key: Key) -> JSONValue? { decoder.sample?[wire(key)] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        do {
            let (schema, value) = try decoder.state.probe(T.self, sample: sample(key))
            decoder.recorder.add(wire(key), schema, required: !(T.self is any ProbeOptional.Type))
            return value
        } catch let signal as RecursionSignal {
            // A recursive reference through a required property: record it, but no value can
            // be made, so the probe stops here.
            decoder.recorder.add(wire(key), ["$ref": .string(signal.reference)], required: true)
            throw signal
        }
    }

    // Synthesized conformances call these concrete overloads for optional primitives; their
    // default implementations would decode the value and so mark it required.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try decodeIfPresent(generic: type, forKey: key)
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try decodeIfPresent(generic: type, forKey: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decodeIfPresent(generic: type, forKey: key)
    }

    func decodeIfPresent<T: Decodable>(generic type: T.Type, forKey key: Key) throws -> T? {
        let schema: JSONValue
        do {
            (schema, _) = try decoder.state.probe(T.self, sample: sample(key))
        } catch let signal as RecursionSignal {
            schema = ["$ref": .string(signal.reference)]
        }
        decoder.recorder.add(wire(key), schema, required: false)
        return nil
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        throw DerivationError(
            .unsupported,
            message:
                "nested containers in init(from:) are not supported yet; decode a nested Decodable type instead (key \"\(wire(key))\")"
        )
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DerivationError(
            .unsupported,
            message:
                "nested containers in init(from:) are not supported yet; decode an array type instead (key \"\(wire(key))\")"
        )
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

/// Decodes the empty form of a container type: `nil`, `[]`, `Set()`, `[:]`.
struct EmptyDecoder: Decoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(
            ValueDecoder(value: .object(JSONObject()), parent: nil, key: nil, strategy: .useDefaultKeys).keyed(Key.self)
        )
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedValueContainer(
            elements: [],
            decoder: ValueDecoder(value: .array([]), parent: nil, key: nil, strategy: .useDefaultKeys),
            place: nil
        )
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: ValueDecoder(value: .null, parent: nil, key: nil, strategy: .useDefaultKeys))
    }
}

extension ValueDecoder {
    func keyed<Key: CodingKey>(_ type: Key.Type) -> KeyedValueContainer<Key> {
        KeyedValueContainer<Key>(object: value.objectValue ?? JSONObject(), decoder: self, place: place())
    }
}
