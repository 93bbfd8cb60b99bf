public import JSONCore

/// How much of a model's arguments text may be changed on the way to a valid value.
public enum CheckMode: String, Sendable, Hashable, CaseIterable {
    /// The strict parser; the value is never changed.
    case strict
    /// The strict parser, then the coercion table.
    case coerce
    /// The repairing parser, then the coercion table. The default for model output.
    case repair
}

/// The outcome of checking one arguments text: the final value, or why there is none.
public struct ArgumentCheck: Sendable, Hashable {
    /// Whether the arguments are valid (after the repairs and coercions listed).
    public var isValid: Bool
    /// The final arguments: parsed, repaired and coerced. Nil when the text could not be
    /// parsed; present but invalid otherwise.
    public var arguments: JSONValue?
    /// The schema errors of the final value.
    public var errors: [SchemaViolation]
    /// Why the text could not be read as JSON, when it could not.
    public var parseError: JSONParseError?
    /// Whether the text ended early (`repair` mode). Truncated arguments are invalid unless
    /// the check allowed them.
    public var isTruncated: Bool
    /// Changes the repairing parser made to the text.
    public var repairs: [JSONRepair]
    /// Changes the coercion table made to the value.
    public var coercions: [Coercion]
    /// What in a valid call is probably not what the model meant (see
    /// ``Validator/CheckOptions/undeclaredProperties``).
    public var warnings: [ArgumentWarning] = []

    /// Creates an outcome.
    public init(
        isValid: Bool,
        arguments: JSONValue?,
        errors: [SchemaViolation] = [],
        parseError: JSONParseError? = nil,
        isTruncated: Bool = false,
        repairs: [JSONRepair] = [],
        coercions: [Coercion] = []
    ) {
        self.isValid = isValid
        self.arguments = arguments
        self.errors = errors
        self.parseError = parseError
        self.isTruncated = isTruncated
        self.repairs = repairs
        self.coercions = coercions
    }
}

extension Validator {
    /// Choices for `check(arguments:mode:options:)`.
    public struct CheckOptions: Sendable, Hashable {
        /// Fill missing properties that declare a `default`, recorded as coercions (not in
        /// `strict` mode, which changes nothing).
        public var fillsDefaults = false
        /// Accept truncated arguments (`repair` mode closes what was cut off). Refused by
        /// default: a cut-off call is rarely what the model meant.
        public var allowsTruncated = false
        /// The parser's limits.
        public var parser = JSONParser.Options()
        /// What an undeclared property means where the schema allows it: allowed, warned
        /// about (the default) when it looks like a missing declared one or is all its object
        /// holds, or refused with a hint.
        public var undeclaredProperties = UndeclaredProperties.warn
        /// The tool's name: in `repair` mode, arguments wrapped in an object under it (as under
        /// `arguments`, `parameters`, `params`, `input`, `args` or `kwargs`) are unwrapped.
        public var toolName: String? = nil

        /// The defaults.
        public init() {}
    }

    /// Parses, repairs, coerces and validates a model's arguments text in one call.
    ///
    /// Valid input costs one parse and one validation pass. Only invalid input runs the
    /// coercion table: each rule applies only where the value does not already fit, keeps a
    /// change only when the result validates there, and is skipped when it would be ambiguous
    /// (two `anyOf` branches accepting different coercions).
    public func check(
        arguments text: String,
        mode: CheckMode = .repair,
        options: CheckOptions = CheckOptions()
    ) -> ArgumentCheck {
        var text = text
        return text.withUTF8 { check(arguments: $0.span, mode: mode, options: options) }
    }

    /// Checks arguments held as UTF-8 bytes; see the `String` overload.
    public func check(
        arguments bytes: Span<UInt8>,
        mode: CheckMode = .repair,
        options: CheckOptions = CheckOptions()
    ) -> ArgumentCheck {
        let parser = JSONParser(options: options.parser)
        var value: JSONValue
        var repairs: [JSONRepair] = []
        var truncated = false
        do {
            if mode == .repair {
                let result = try parser.repair(bytes)
                value = result.value
                repairs = result.repairs
                truncated = result.isTruncated
            } else {
                value = try parser.parse(bytes)
            }
        } catch {
            return ArgumentCheck(isValid: false, arguments: nil, parseError: error)
        }
        if truncated && !options.allowsTruncated {
            let errors = validate(value)
            return ArgumentCheck(isValid: false, arguments: value, errors: errors, isTruncated: true, repairs: repairs)
        }
        return finish(value, repairs: repairs, truncated: truncated, mode: mode, options: options)
    }

    /// Checks arguments that are already a value (an MCP request's, or one a service built):
    /// what `check(arguments:mode:options:)` does after it has parsed the text. There is no text to repair, so `repair` mode differs from
    /// `coerce` only in unwrapping an invented wrapper (`{"arguments": {…}}`).
    public func check(
        value: JSONValue,
        mode: CheckMode = .repair,
        options: CheckOptions = CheckOptions()
    ) -> ArgumentCheck {
        finish(value, repairs: [], truncated: false, mode: mode, options: options)
    }

    private func finish(
        _ value: consuming JSONValue,
        repairs: [JSONRepair],
        truncated: Bool,
        mode: CheckMode,
        options: CheckOptions
    ) -> ArgumentCheck {
        var value = value
        var coercions: [Coercion] = []
        if mode == .repair, let unwrapped = unwrapped(value, toolName: options.toolName) {
            value = unwrapped.value
            coercions.append(unwrapped.record)
        }
        // The fast path: valid as it stands.
        if isValid(value) && !(options.fillsDefaults && mode != .strict) {
            var result = ArgumentCheck(
                isValid: true,
                arguments: consume value,
                isTruncated: truncated,
                repairs: repairs,
                coercions: coercions
            )
            applyUndeclared(&result, policy: options.undeclaredProperties)
            return result
        }
        if mode != .strict {
            var coercer = Coercer(validator: self, fillsDefaults: options.fillsDefaults)
            value = coercer.coerce(0, value, path: [])
            coercions += coercer.changes
        }
        let errors = validate(value)
        var result = ArgumentCheck(
            isValid: errors.isEmpty,
            arguments: value,
            errors: errors,
            isTruncated: truncated,
            repairs: repairs,
            coercions: coercions
        )
        applyUndeclared(&result, policy: options.undeclaredProperties)
        return result
    }

    /// The keys models invent to wrap a call's arguments in.
    static let wrapperKeys: Set<String> = ["arguments", "parameters", "params", "input", "args", "kwargs"]

    /// `{"arguments": {…}}` (or another invented wrapper, or the tool's name) whose object is
    /// valid as the arguments, where the wrapper is not a declared parameter: the object,
    /// with the record. Even when the wrapped form is valid too, because every parameter is
    /// optional: the model meant the inner object.
    func unwrapped(_ value: JSONValue, toolName: String?) -> (value: JSONValue, record: Coercion)? {
        guard case .object(let root) = value, root.count == 1, let (key, inner) = root.first,
            case .object = inner, Self.wrapperKeys.contains(key.lowercased()) || key == toolName,
            resolvedNode(0).property(key) == nil, isValid(inner)
        else { return nil }
        let record = Coercion(
            instancePath: .root,
            kind: .unwrappedArguments,
            from: value,
            to: inner,
            message: "unwrapped the arguments from the invented key \"\(key)\""
        )
        return (inner, record)
    }
}
