public import JSONCore

/// A JSON Schema compiled once and shared freely: checks values and reports every error with
/// its JSON Pointer.
///
/// Implements JSON Schema 2020-12 validation (with draft-07 and draft-04 spellings, OpenAPI's
/// `nullable` and Gemini's uppercase type names). `$ref`s are resolved and patterns compiled
/// when the validator is built, never per call; remote references are never fetched.
///
/// ```swift
/// let validator = try Validator(["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])
/// validator.validate(["city": 42])   // [/city: expected a string, found the number 42]
/// ```
public struct Validator: Sendable {
    /// Choices that change what is checked.
    public struct Options: Sendable, Hashable {
        /// Whether `format` is an assertion (the default, right for tool arguments) or only an
        /// annotation, as JSON Schema 2020-12 makes it by default.
        public var assertsFormats: Bool = true

        /// Whether to accept a schema that uses an assertion keyword this validator does not
        /// implement yet (``Validator/unsupportedKeywords``), which is then not checked. Off by
        /// default: such a schema is refused, rather than letting values pass that the schema
        /// rejects. (`true` and `{}` as their value change nothing and are always accepted.)
        public var ignoresUnsupportedKeywords: Bool = false

        /// The defaults.
        public init() {}
    }

    /// Assertion keywords this validator does not implement yet. A schema that uses one (with
    /// a value other than `true` or `{}`) is refused unless
    /// ``Options/ignoresUnsupportedKeywords`` is set, and lint reports it.
    public static let unsupportedKeywords: Set<String> = SchemaKeyword.notYetSupported

    /// Whether `value` for one of ``unsupportedKeywords`` would change a verdict: anything but
    /// `true` or `{}` (a `$dynamicRef` or `$recursiveRef` always does).
    package static func usesUnsupportedKeyword(_ key: String, _ value: JSONValue) -> Bool {
        guard unsupportedKeywords.contains(key) else { return false }
        if key.hasPrefix("$") { return true }
        return !(value == true || value == .object(JSONObject()))
    }

    /// The schema as given.
    public let schema: JSONValue
    /// The options in force.
    public let options: Options
    let nodes: [SchemaNode]
    /// The compiled node for each subschema's place in the schema.
    let nodeAt: [JSONPointer: Int]

    /// Compiles a schema.
    ///
    /// - Throws: ``SchemaError`` for a schema that cannot be checked: a keyword with a value of
    ///   the wrong kind, an unknown type name, a pattern that does not compile (or needs
    ///   backreferences or lookaround), a `$ref` that does not resolve or points outside the
    ///   schema, a `$ref` cycle that never reaches a value, or a keyword this validator does
    ///   not implement yet (``unsupportedKeywords``) unless the options accept it.
    public init(_ schema: JSONValue, options: Options = Options()) throws(SchemaError) {
        var compiler = SchemaCompiler(root: schema)
        compiler.ignoresUnsupportedKeywords = options.ignoresUnsupportedKeywords
        _ = try compiler.compile(schema, at: .root)
        try compiler.finish()
        self.schema = schema
        self.options = options
        self.nodes = compiler.nodes.map(SchemaNode.init)
        self.nodeAt = compiler.byPointer
    }

    /// Every way `value` fails the subschema at `pointer` (with `$ref`s resolved against the
    /// whole schema), or nil when no subschema was compiled there.
    package func validate(_ value: JSONValue, againstSubschemaAt pointer: JSONPointer) -> [SchemaViolation]? {
        guard let index = nodeAt[pointer] else { return nil }
        var context = ValidationContext(collecting: true, assertsFormats: options.assertsFormats)
        _ = check(index, value, &context)
        return context.errors
    }

    /// Compiles a tool's arguments schema; schema errors carry the file position when the spec
    /// was loaded from a file.
    public init(spec: ToolSpec, options: Options = Options()) throws(SchemaError) {
        do {
            try self.init(spec.argumentsSchema, options: options)
        } catch {
            var located = error
            if let origin = spec.origin, let base = origin.parametersPointer {
                let absolute = JSONPointer(tokens: base.tokens + error.schemaPath.tokens)
                located.position = origin.document.position(of: absolute)
                located.file = origin.document.source.file
                located.excerpt = located.position.map { origin.document.source.excerpt(at: $0) }
            }
            throw located
        }
    }

    /// Every way `value` fails the schema; empty when it is valid.
    ///
    /// For `anyOf` and `oneOf`, only the closest branch is reported: the one whose `const` or
    /// single-value `enum` discriminator matches the value, else the one with fewest errors.
    public func validate(_ value: JSONValue) -> [SchemaViolation] {
        var context = ValidationContext(collecting: true, assertsFormats: options.assertsFormats)
        _ = check(0, value, &context)
        return context.errors
    }

    /// Whether `value` is valid, stopping at the first failure and building no messages.
    public func isValid(_ value: JSONValue) -> Bool {
        var context = ValidationContext(collecting: false, assertsFormats: options.assertsFormats)
        return check(0, value, &context)
    }
}
