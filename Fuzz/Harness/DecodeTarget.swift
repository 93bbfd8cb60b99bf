import Foundation
import JSONCore
import ToolSchema

/// Typed decoding of fuzzed arguments into derived types: a call decodes exactly when its
/// check passes (or the error says the type refused it), and the decoded value is what
/// Foundation's `JSONDecoder` makes of the checked value.
enum DecodeTarget {
    struct Weather: ToolArguments, Codable, Equatable {
        var city: String
        var unit: Unit?
        var days: Int?
        enum Unit: String, Codable, CaseIterable { case celsius, fahrenheit }
        static let parameterConstraints: [String: JSONValue] = [
            "days": ["minimum": 1, "maximum": 7], "city": ["minLength": 1],
        ]
    }

    struct Booking: Codable, Equatable {
        var passengerNames: [String]
        var from: String
        var to: String
        var date: String
        var seats: UInt8?
        var refundable: Bool?
    }

    struct Order: Codable, Equatable {
        var items: [Item]
        var address: Address
        var tags: Set<String>
        var notes: [String: String]
        var priority: Priority
        struct Item: Codable, Equatable {
            var sku: String
            var quantity: UInt8
            var price: Int64?
        }
        struct Address: Codable, Equatable {
            var street: String
            var zip: String?
        }
        enum Priority: Int, Codable, CaseIterable { case low = 1, high = 2 }
    }

    struct Tree: Codable, Equatable {
        var value: Int
        var children: [Tree]?
    }

    static func decode(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let selector = bytes.first else { return }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let mode = CheckMode.allCases[Int(selector / 4) % CheckMode.allCases.count]
        switch selector % 4 {
        case 0: try run(Weather.self, text, mode, .useDefaultKeys)
        case 1: try run(Booking.self, text, mode, .convertToSnakeCase)
        case 2: try run(Order.self, text, mode, .useDefaultKeys)
        default: try run(Tree.self, text, mode, .useDefaultKeys)
        }
    }

    static let validators = Validators()

    final class Validators: @unchecked Sendable {
        private let lock = NSLock()
        private var cache: [String: Validator] = [:]

        func validator<T: Decodable>(_ type: T.Type, _ keys: SchemaDerivation.KeyStrategy) -> Validator {
            lock.lock()
            defer { lock.unlock() }
            let key = "\(T.self)/\(keys)"
            if let validator = cache[key] { return validator }
            do {
                let validator = try Validator(SchemaDerivation.schema(for: T.self, keyStrategy: keys))
                cache[key] = validator
                return validator
            } catch {
                fatalError("the harness's type \(T.self) has no schema: \(error)")
            }
        }
    }

    static func run<T: Decodable & Equatable>(
        _ type: T.Type,
        _ text: String,
        _ mode: CheckMode,
        _ keys: SchemaDerivation.KeyStrategy
    ) throws(FuzzFailure) {
        let validator = validators.validator(T.self, keys)
        let outcome = validator.check(arguments: text, mode: mode)
        let decoded: T
        do {
            decoded = try T.decodeArguments(from: text, mode: mode, keyStrategy: keys)
        } catch let error as ArgumentsError {
            try require(
                error.check == outcome || error.decodingFailure != nil,
                "decodeArguments checked differently from check(arguments:)"
            )
            try require(
                !outcome.isValid || error.decodingFailure != nil,
                "a valid call did not decode, and the error does not say why"
            )
            try require(!error.hint.text.isEmpty, "a failed decode without a hint")
            return
        } catch {
            try fail("decodeArguments threw \(error), not an ArgumentsError")
        }
        try require(outcome.isValid, "decodeArguments decoded a call its check calls invalid")
        guard let arguments = outcome.arguments else { try fail("a valid check without arguments") }
        // Foundation's decoder on the checked value agrees.
        let decoder = JSONDecoder()
        if keys == .convertToSnakeCase { decoder.keyDecodingStrategy = .convertFromSnakeCase }
        do {
            let theirs = try decoder.decode(T.self, from: Data(exact(arguments)))
            try require(
                theirs == decoded,
                "JSONDecoder decodes the checked value differently: \(theirs) against \(decoded)"
            )
        } catch {
            try fail("JSONDecoder rejects a value ToolSchema checked and decoded: \(error)")
        }
    }
}
