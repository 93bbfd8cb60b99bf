public import JSONCore

/// Why a model's arguments could not become a value of the arguments type: the check's
/// outcome and the hint to send back, as they are.
public struct ArgumentsError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        private init(_ name: String) { description = name }

        /// The text could not be read, or the value does not fit the schema.
        public static let invalidArguments = Code("invalid-arguments")
        /// The value fits the schema, but the type's own `init(from:)` refused it.
        public static let decodingFailed = Code("decoding-failed")
    }

    /// Where and why the type's own `init(from:)` refused a value that fits the schema.
    public struct DecodingFailure: Hashable, Sendable {
        /// Where in the arguments.
        public var instancePath: JSONPointer
        /// What the type said.
        public var message: String
    }

    /// What kind of problem it is.
    public var code: Code { decodingFailure == nil ? .invalidArguments : .decodingFailed }
    /// The outcome of parsing, repairing, coercing and validating.
    public var check: ArgumentCheck
    /// The message for the model.
    public var hint: ModelHint
    /// When the value validated but the type's own `init(from:)` refused it: where (as a JSON
    /// Pointer) and why.
    public var decodingFailure: DecodingFailure?

    /// The value in words, as messages print it.
    public var description: String {
        if let decodingFailure {
            return
                "the arguments were valid but could not be decoded at \(decodingFailure.instancePath): \(decodingFailure.message)"
        }
        return hint.text
    }
}

extension Decodable {
    /// Decodes a model's arguments text into this type: parse (repairing by default), validate
    /// against the schema derived from the type (derived once and cached), coerce, then decode
    /// straight from the parsed value.
    ///
    /// ```swift
    /// let weather = try GetWeather.decodeArguments(from: call.function.arguments)
    /// ```
    ///
    /// - Throws: `ArgumentsError` holding the outcome and the hint for the model;
    ///   `DerivationError` when no schema can be derived from the type (a programming error
    ///   to fix once, not a model error).
    public static func decodeArguments(
        from text: String,
        mode: CheckMode = .repair,
        keyStrategy: SchemaDerivation.KeyStrategy = .useDefaultKeys
    ) throws -> Self {
        let validator = try DerivedValidators.validator(for: Self.self, keyStrategy: keyStrategy)
        return try decodeArguments(validator.check(arguments: text, mode: mode), validator, keyStrategy)
    }

    /// Decodes arguments held as UTF-8 bytes (a request body, a buffer); see the `String`
    /// overload.
    public static func decodeArguments(
        from bytes: Span<UInt8>,
        mode: CheckMode = .repair,
        keyStrategy: SchemaDerivation.KeyStrategy = .useDefaultKeys
    ) throws -> Self {
        let validator = try DerivedValidators.validator(for: Self.self, keyStrategy: keyStrategy)
        return try decodeArguments(validator.check(arguments: bytes, mode: mode), validator, keyStrategy)
    }

    /// Decodes arguments that are already a value (an MCP request's, or one converted from
    /// Foundation's): checked with `Validator.check(value:mode:options:)`, then decoded.
    public static func decodeArguments(
        from value: JSONValue,
        mode: CheckMode = .repair,
        keyStrategy: SchemaDerivation.KeyStrategy = .useDefaultKeys
    ) throws -> Self {
        let validator = try DerivedValidators.validator(for: Self.self, keyStrategy: keyStrategy)
        return try decodeArguments(validator.check(value: value, mode: mode), validator, keyStrategy)
    }

    private static func decodeArguments(
        _ check: ArgumentCheck,
        _ validator: Validator,
        _ keyStrategy: SchemaDerivation.KeyStrategy
    ) throws(ArgumentsError) -> Self {
        // The name is for hints only; computing it costs allocations the success path avoids.
        func name() -> String {
            (Self.self as? any ToolArguments.Type)?.toolName ?? KeyNames.snakeCase(String(describing: Self.self))
        }
        guard check.isValid else {
            throw ArgumentsError(check: check, hint: ModelHint(check: check, tool: name(), validator: validator))
        }
        return try decodeChecked(check, validator: validator, tool: name, keyStrategy: keyStrategy)
    }

    /// Decodes arguments that already passed `validator`'s check. When the type's own
    /// `init(from:)` refuses the value, the error holds a failed outcome and its hint.
    package static func decodeChecked(
        _ check: ArgumentCheck,
        validator: Validator,
        tool: () -> String,
        keyStrategy: SchemaDerivation.KeyStrategy
    ) throws(ArgumentsError) -> Self {
        guard check.isValid, let value = check.arguments else {
            throw ArgumentsError(check: check, hint: ModelHint(check: check, tool: tool(), validator: validator))
        }
        do {
            return try JSONValueDecoder(keyStrategy: keyStrategy.decoding).decode(Self.self, from: value)
        } catch let error as DecodingError {
            var failed = check
            failed.isValid = false
            let pointer = error.jsonPointer
            let message = Self.describe(error)
            failed.errors = [
                SchemaViolation(instancePath: pointer, schemaPath: .root, keyword: "decode", message: message)
            ]
            throw ArgumentsError(
                check: failed,
                hint: ModelHint(check: failed, tool: tool(), validator: validator),
                decodingFailure: ArgumentsError.DecodingFailure(instancePath: pointer, message: message)
            )
        } catch {
            var failed = check
            failed.isValid = false
            let message = "\(error)"
            failed.errors = [
                SchemaViolation(instancePath: .root, schemaPath: .root, keyword: "decode", message: message)
            ]
            throw ArgumentsError(
                check: failed,
                hint: ModelHint(check: failed, tool: tool(), validator: validator),
                decodingFailure: ArgumentsError.DecodingFailure(instancePath: .root, message: message)
            )
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c), .keyNotFound(_, let c):
            c.debugDescription
        @unknown default: "\(error)"
        }
    }
}
