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
    /// Everything else, which a valid call that needed no change does not have: no box, so
    /// that such an outcome is moved, copied and released as a flag and a value.
    private var notes: Notes?

    /// The fields most outcomes leave empty, shared until one is changed (copy on write).
    private final class Notes: @unchecked Sendable {
        // Mutated only through `mutateNotes`, when this outcome holds the only reference.
        var errors: [SchemaViolation] = []
        var parseError: JSONParseError? = nil
        var isTruncated = false
        var repairs: [JSONRepair] = []
        var coercions: [Coercion] = []
        var warnings: [ArgumentWarning] = []

        init() {}

        func copy() -> Notes {
            let c = Notes()
            c.errors = errors
            c.parseError = parseError
            c.isTruncated = isTruncated
            c.repairs = repairs
            c.coercions = coercions
            c.warnings = warnings
            return c
        }
    }

    /// The notes, made or copied so that this outcome holds the only reference.
    private mutating func uniqueNotes() -> Notes {
        // Uniqueness first: a bound copy would be a second reference.
        if isKnownUniquelyReferenced(&notes), let notes { return notes }
        let unique = notes?.copy() ?? Notes()
        notes = unique
        return unique
    }

    /// The schema errors of the final value.
    public var errors: [SchemaViolation] {
        get { notes?.errors ?? [] }
        _modify {
            let notes = uniqueNotes()
            yield &notes.errors
        }
    }
    /// Why the text could not be read as JSON, when it could not.
    public var parseError: JSONParseError? {
        get { notes?.parseError }
        _modify {
            let notes = uniqueNotes()
            yield &notes.parseError
        }
    }
    /// Whether the text ended early (`repair` mode). Truncated arguments are invalid unless
    /// the check allowed them.
    public var isTruncated: Bool {
        get { notes?.isTruncated ?? false }
        _modify {
            let notes = uniqueNotes()
            yield &notes.isTruncated
        }
    }
    /// Changes the repairing parser made to the text.
    public var repairs: [JSONRepair] {
        get { notes?.repairs ?? [] }
        _modify {
            let notes = uniqueNotes()
            yield &notes.repairs
        }
    }
    /// Changes the coercion table made to the value.
    public var coercions: [Coercion] {
        get { notes?.coercions ?? [] }
        _modify {
            let notes = uniqueNotes()
            yield &notes.coercions
        }
    }
    /// What in a valid call is probably not what the model meant (see
    /// ``Validator/CheckOptions/undeclaredProperties``).
    public var warnings: [ArgumentWarning] {
        get { notes?.warnings ?? [] }
        _modify {
            let notes = uniqueNotes()
            yield &notes.warnings
        }
    }

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
        if !errors.isEmpty || parseError != nil || isTruncated || !repairs.isEmpty || !coercions.isEmpty {
            let notes = Notes()
            notes.errors = errors
            notes.parseError = parseError
            notes.isTruncated = isTruncated
            notes.repairs = repairs
            notes.coercions = coercions
            self.notes = notes
        }
    }

    /// Two outcomes are equal when every property is.
    public static func == (lhs: ArgumentCheck, rhs: ArgumentCheck) -> Bool {
        lhs.isValid == rhs.isValid && lhs.arguments == rhs.arguments && lhs.errors == rhs.errors
            && lhs.parseError == rhs.parseError && lhs.isTruncated == rhs.isTruncated && lhs.repairs == rhs.repairs
            && lhs.coercions == rhs.coercions && lhs.warnings == rhs.warnings
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(isValid)
        hasher.combine(arguments)
        hasher.combine(errors)
        hasher.combine(parseError)
        hasher.combine(isTruncated)
        hasher.combine(repairs)
        hasher.combine(coercions)
        hasher.combine(warnings)
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
    /// Strict JSON is read and validated in one pass over its bytes: each member name is
    /// matched against its object schema as bytes, and each value checked as it is read (a
    /// subschema that needs the whole value, such as `anyOf`, is checked once its value is
    /// read). Text that is not strict JSON is repaired (in `repair` mode) and then validated.
    /// Only invalid input runs the coercion table: each rule applies only where the value does
    /// not already fit, keeps a change only when the result validates there, and is skipped
    /// when it would be ambiguous (two `anyOf` branches accepting different coercions).
    public func check(
        arguments text: String,
        mode: CheckMode = .repair,
        options: CheckOptions = CheckOptions()
    ) -> ArgumentCheck {
        // A native string's bytes are read in place; any other is copied once.
        let inPlace = text.utf8.withContiguousStorageIfAvailable {
            check(arguments: $0.span, mode: mode, options: options)
        }
        if let inPlace { return inPlace }
        var text = text
        return text.withUTF8 { check(arguments: $0.span, mode: mode, options: options) }
    }

    /// Checks arguments held as UTF-8 bytes; see the `String` overload.
    public func check(
        arguments bytes: Span<UInt8>,
        mode: CheckMode = .repair,
        options: CheckOptions = CheckOptions()
    ) -> ArgumentCheck {
        switch readInOnePass(bytes, mode: mode, options: options) {
        case .valid(let value, let mayHaveUndeclared):
            guard mayHaveUndeclared else { return ArgumentCheck(isValid: true, arguments: value) }
            var result = ArgumentCheck(isValid: true, arguments: value)
            applyUndeclared(&result, policy: options.undeclaredProperties)
            return result
        case .invalid(let value):
            return finish(value, repairs: [], truncated: false, mode: mode, options: options, isKnownInvalid: true)
        case .read(let value):
            return finish(value, repairs: [], truncated: false, mode: mode, options: options)
        case .declined:
            return checkInTwoPasses(arguments: bytes, mode: mode, options: options)
        }
    }

    /// What the one-pass read found.
    enum OnePass {
        /// Valid as it stands; whether the undeclared-property policy must look at it.
        case valid(JSONValue, mayHaveUndeclared: Bool)
        /// Strict JSON, read and found invalid as it stands; the rest of `check` decides
        /// (unwrapping, coercion, errors).
        case invalid(JSONValue)
        /// Strict JSON, read and valid, but possibly wrapped in an invented key: the rest of
        /// `check` decides.
        case read(JSONValue)
        /// Left to the general path, which reads the text again.
        case declined
    }

    /// The usual case in one pass over the bytes (``CheckingParser``): strict JSON, read and
    /// validated together. Declined when the text is not strict JSON, when it needs
    /// something only the general path does (filling defaults, a dynamic scope, `keepLast`
    /// duplicates, a top-level value other than an object in `repair` mode), or when it has
    /// many undeclared names.
    func readInOnePass(_ bytes: Span<UInt8>, mode: CheckMode, options: CheckOptions) -> OnePass {
        guard !usesDynamicScope, options.parser.duplicateKeys == .reject, !(options.fillsDefaults && mode != .strict)
        else { return .declined }
        if mode == .repair {
            // `repair` reads a top-level null or string (empty or double-encoded arguments)
            // as something else; an object it leaves as the strict parser reads it.
            var i = 0
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
                i += 1
            }
            guard i < bytes.count, bytes[i] == 0x7B else { return .declined }
        }
        var parser = CheckingParser(options: options.parser, assertsFormats: self.options.assertsFormats)
        let value: JSONValue
        do {
            value = try readChecking(bytes, &parser)
        } catch {
            return .declined
        }
        guard parser.isValid else { return .invalid(value) }
        // An invented wrapper is unwrapped before anything else, even around a valid value.
        if mode == .repair && mayBeWrapped(value) { return .read(value) }
        return .valid(value, mayHaveUndeclared: parser.mayHaveUndeclared)
    }

    /// The one pass's own verdict on a text (valid as it stands or not), or nil when it
    /// declines the text: for tests, since a wrong "invalid" would only send the value down
    /// the general path, whose outcome is mostly the same.
    package func onePassVerdict(arguments text: String, options: CheckOptions = CheckOptions()) -> Bool? {
        var text = text
        return text.withUTF8 { buffer -> Bool? in
            switch readInOnePass(buffer.span, mode: .strict, options: options) {
            case .valid: return true
            case .invalid: return false
            case .read, .declined: return nil
            }
        }
    }

    /// Whether `value` is an object of one member, the shape ``unwrapped(_:toolName:)``
    /// looks for.
    private func mayBeWrapped(_ value: JSONValue) -> Bool {
        guard case .object(let root) = value else { return false }
        return root.count == 1
    }

    /// `check` as two passes: the text read (strictly, or repaired), then the value
    /// validated. The general path, and the reference the one-pass path is tested against.
    package func checkInTwoPasses(
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
        options: CheckOptions,
        isKnownInvalid: Bool = false
    ) -> ArgumentCheck {
        var value = value
        var coercions: [Coercion] = []
        var isKnownInvalid = isKnownInvalid
        if mode == .repair, let unwrapped = unwrapped(value, toolName: options.toolName) {
            value = unwrapped.value
            coercions.append(unwrapped.record)
            isKnownInvalid = false
        }
        // The fast path: valid as it stands.
        if !isKnownInvalid && isValid(value) && !(options.fillsDefaults && mode != .strict) {
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
