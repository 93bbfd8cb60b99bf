public import Foundation
public import JSONCore
public import ToolSchema

/// A Foundation value that has no JSON form: where, and what it was.
public struct FoundationValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the value, as a JSON Pointer.
    public var path: JSONPointer
    /// What was found there, in words.
    public var found: String

    /// `at /a/0: a Date cannot be JSON; ...`.
    public var description: String {
        "at \(path.description.isEmpty ? "the root" : path.description): \(found) has no JSON form; "
            + "expected a dictionary with String keys, an array, a String, a number, a Bool or NSNull"
    }
}

extension JSONValue {
    /// The value `JSONSerialization.jsonObject(with:)` returned, or one built of the same
    /// types: `[String: Any]` and `NSDictionary` (members sorted by key: Foundation keeps no
    /// order), `[Any]`, `String`, `NSNull`, `Bool` and the Foundation booleans, and numbers
    /// (`NSNumber`, `NSDecimalNumber`, the Swift integer and floating-point types). Integers
    /// and decimals keep every digit; binary floating-point numbers are written as the
    /// shortest decimal that reads back as the same `Double`.
    ///
    /// - Throws: ``FoundationValueError`` at the first value with no JSON form (a `Date`,
    ///   `Data`, a non-finite number, a dictionary with keys that are not strings).
    public init(foundation object: Any) throws(FoundationValueError) {
        self = try Self.convert(object, at: .root)
    }

    private static let booleanType = type(of: NSNumber(value: true))

    private static func convert(_ object: Any, at path: JSONPointer) throws(FoundationValueError) -> JSONValue {
        switch object {
        case is NSNull: return .null
        case let string as String: return .string(string)
        case let number as NSNumber:
            if type(of: number) == booleanType { return .bool(number.boolValue) }
            if let decimal = number as? NSDecimalNumber {
                guard let literal = JSONNumber(literal: decimal.stringValue) else {
                    throw FoundationValueError(path: path, found: "the decimal \(decimal.stringValue)")
                }
                return .number(literal)
            }
            switch String(cString: number.objCType) {
            case "d", "f":
                guard let double = JSONNumber(number.doubleValue) else {
                    throw FoundationValueError(path: path, found: "the number \(number.doubleValue)")
                }
                return .number(double)
            default:
                guard let integer = JSONNumber(literal: number.stringValue) else {
                    throw FoundationValueError(path: path, found: "the number \(number.stringValue)")
                }
                return .number(integer)
            }
        case let array as [Any]:
            var items: [JSONValue] = []
            items.reserveCapacity(array.count)
            for (index, item) in array.enumerated() {
                items.append(try convert(item, at: path.appending(index: index)))
            }
            return .array(items)
        case let dictionary as [String: Any]:
            var members: [(String, JSONValue)] = []
            members.reserveCapacity(dictionary.count)
            for (key, member) in dictionary.sorted(by: { $0.key < $1.key }) {
                members.append((key, try convert(member, at: path.appending(key))))
            }
            return .object(JSONObject(members))
        default:
            throw FoundationValueError(path: path, found: "a value of type \(type(of: object))")
        }
    }

    /// The value as `JSONSerialization.data(withJSONObject:)` takes it: `[String: Any]`,
    /// `[Any]`, `String`, `NSNull`, `Bool`, and numbers as `Int` or `UInt64` when they are
    /// integers that fit, else `Double` (which holds about 17 significant digits, and a number
    /// beyond its range as infinity, which JSONSerialization refuses: write such values with
    /// `JSONWriter` to keep every digit).
    public var foundationObject: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let bool): return bool
        case .number(let number):
            if let int = number.intValue { return int }
            if number.isInteger, let unsigned = UInt64(number.description) { return unsigned }
            return number.doubleValue ?? Double(number.description) ?? 0
        case .string(let string): return string
        case .array(let items): return items.map(\.foundationObject)
        case .object(let object):
            var dictionary: [String: Any] = [:]
            for (key, member) in object { dictionary[key] = member.foundationObject }
            return dictionary
        }
    }
}

extension JSONWriter {
    /// The value's text as `Data`.
    public func data(_ value: JSONValue) -> Data { Data(bytes(value)) }
}

extension Validator {
    /// Checks arguments held as `Data` (a request body), read in place as UTF-8 bytes; see
    /// `check(arguments:mode:options:)`.
    public func check(
        arguments data: Data,
        mode: CheckMode = .repair,
        options: CheckOptions = CheckOptions()
    ) -> ArgumentCheck {
        data.withUnsafeBytes { raw in
            check(arguments: raw.bindMemory(to: UInt8.self).span, mode: mode, options: options)
        }
    }
}

extension Decodable {
    /// Decodes arguments held as `Data`, read in place as UTF-8 bytes; see
    /// `decodeArguments(from:mode:keyStrategy:)`.
    public static func decodeArguments(
        from data: Data,
        mode: CheckMode = .repair,
        keyStrategy: SchemaDerivation.KeyStrategy = .useDefaultKeys
    ) throws -> Self {
        try data.withUnsafeBytes { raw in
            try decodeArguments(from: raw.bindMemory(to: UInt8.self).span, mode: mode, keyStrategy: keyStrategy)
        }
    }
}
