public import JSONCore

/// Why a model's arguments could not become a value of the arguments type: the check's
/// outcome and the hint to send back, as they are.
public struct ArgumentsError: Error, Sendable, CustomStringConvertible {
    /// The outcome of parsing, repairing, coercing and validating.
    public var check: ArgumentCheck
    /// The message for the model.
    public var hint: ModelHint
    /// When the value validated but the type's own `init(from:)` refused it: where (as a JSON
    /// Pointer) and why.
    public var decodingFailure: (pointer: JSONPointer, message: String)?

    public var description: String {
        if let decodingFailure {
            return
                "the arguments were valid but could not be decoded at \(decodingFailure.pointer): \(decodingFailure.message)"
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
        let check = validator.check(arguments: text, mode: mode)
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
                ValidationError(instancePath: pointer, schemaPath: "", keyword: "decode", message: message)
            ]
            throw ArgumentsError(
                check: failed,
                hint: ModelHint(check: failed, tool: tool(), validator: validator),
                decodingFailure: (pointer, message)
            )
        } catch {
            var failed = check
            failed.isValid = false
            let message = "\(error)"
            failed.errors = [
                ValidationError(instancePath: .root, schemaPath: "", keyword: "decode", message: message)
            ]
            throw ArgumentsError(
                check: failed,
                hint: ModelHint(check: failed, tool: tool(), validator: validator),
                decodingFailure: (.root, message)
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
