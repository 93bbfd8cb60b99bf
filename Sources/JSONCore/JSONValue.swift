/// A JSON value: the one type every stage of ToolSchema passes around.
///
/// Numbers keep their exact literal (``JSONNumber``), objects keep member order
/// (``JSONObject``), and equality is the JSON Schema one: `1 == 1.0`, objects are equal
/// regardless of member order, arrays compare by position, strings code point by code point.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// The JSON type name: `null`, `boolean`, `number`, `string`, `array` or `object`.
    ///
    /// Numbers are always `number` here; ask ``JSONNumber/isInteger`` for the JSON Schema
    /// `integer` distinction.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Whether the value is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The Boolean, if the value is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number, if the value is one.
    public var numberValue: JSONNumber? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The string, if the value is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The elements, if the value is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object, if the value is one.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The number as an `Int64`, if the value is a whole number in range.
    public var int64Value: Int64? { numberValue?.int64Value }

    /// The number as an `Int`, if the value is a whole number in range.
    public var intValue: Int? { numberValue?.intValue }

    /// The number as a `Double`, if the value is a number within `Double`'s range.
    public var doubleValue: Double? { numberValue?.doubleValue }

    /// The member named `key`, when the value is an object that has it.
    public subscript(key: String) -> JSONValue? {
        get {
            if case .object(let o) = self { return o[key] }
            return nil
        }
        set {
            guard case .object(var o) = self else {
                preconditionFailure("JSONValue: cannot set member \"\(key)\" on a \(typeName)")
            }
            self = .null  // release the payload so the object is uniquely referenced
            o[key] = newValue
            self = .object(o)
        }
    }

    /// The element at `index`, when the value is an array that long.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }
}

// MARK: Equality

extension JSONValue: Hashable {
    /// JSON Schema equality: numbers by value, strings by code points, arrays by position,
    /// objects regardless of member order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): StringKey.equal(a, b)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let b):
            hasher.combine(1 as UInt8)
            hasher.combine(b)
        case .number(let n):
            hasher.combine(2 as UInt8)
            hasher.combine(n)
        case .string(let s):
            hasher.combine(3 as UInt8)
            hasher.combine(s)
        case .array(let a):
            hasher.combine(4 as UInt8)
            hasher.combine(a)
        case .object(let o):
            hasher.combine(5 as UInt8)
            hasher.combine(o)
        }
    }
}

// MARK: Literals

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// Creates the value a literal writes.
    public init(nilLiteral: ()) { self = .null }
    /// Creates the value a literal writes.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Creates the value a literal writes.
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    /// Creates the value a literal writes.
    public init(floatLiteral value: Double) {
        guard let number = JSONNumber(value) else { preconditionFailure("JSONValue: \(value) is not a JSON number") }
        self = .number(number)
    }
    /// Creates the value a literal writes.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Creates the value a literal writes.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Creates the value a literal writes.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of the value.
    public var description: String { JSONWriter().string(self) }
}
