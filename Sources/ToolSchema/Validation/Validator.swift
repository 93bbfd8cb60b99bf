public import JSONCore

/// A JSON Schema compiled once and shared freely: checks values and reports every error with
/// its JSON Pointer.
///
/// Implements JSON Schema draft-04, draft-06, draft-07, 2019-09 and 2020-12, each with its own
/// meaning (``SchemaDialect``; `$schema` picks it), with OpenAPI's `nullable` and Gemini's
/// uppercase type names. References resolve against `$id`s, anchors, the `resources` given and
/// the bundled meta-schemas, and patterns compile, when the validator is built, never per
/// call; nothing is ever fetched.
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

        /// The dialect of a schema (or resource) that does not name one with `$schema`.
        public var defaultDialect: SchemaDialect = .draft2020_12

        /// The URI the schema answers to, against which its relative references resolve when
        /// it has no `$id` of its own. A schema read from a file answers to that file's
        /// `file://` URI, so `{"$ref": "common.json#/$defs/id"}` finds a resource loaded from
        /// `common.json` beside it.
        public var baseURI: String? = nil

        /// The defaults.
        public init() {}
    }

    /// The schema as given.
    public let schema: JSONValue
    /// The options in force.
    public let options: Options
    let nodes: [SchemaNode]
    /// The compiled node for each subschema's place in the schema.
    let nodeAt: [JSONPointer: Int]
    /// Whether any `$dynamicRef` or `$recursiveRef` needs the dynamic scope tracked.
    let usesDynamicScope: Bool
    /// Whether some object schema lets undeclared properties through unremarked.
    let usesOpenObjects: Bool
    /// For each node, whether the undeclared-property walk can meet such an object at or
    /// below it (it follows references, declared properties and items, never composition).
    let reachesOpenObjects: [Bool]

    /// Compiles a schema.
    ///
    /// - Throws: ``SchemaError`` for a schema that cannot be checked: a keyword with a value of
    ///   the wrong kind, an unknown type name, a pattern that does not compile (or needs
    ///   backreferences), a `$ref` that no document or anchor answers (``SchemaError/document``
    ///   says which resource, when the problem is inside one), or a `$ref` cycle that never
    ///   reaches a value.
    ///
    /// - Parameters:
    ///   - schema: The schema.
    ///   - resources: Documents its `$ref`s may point to, by URI or `$id`. The meta-schemas of
    ///     every ``SchemaDialect`` are always known; nothing is ever fetched.
    ///   - options: Choices that change what is checked.
    public init(_ schema: JSONValue, resources: [SchemaResource] = [], options: Options = Options()) throws(SchemaError)
    {
        var index = ResourceIndex()
        let base = SchemaURI(options.baseURI ?? "toolschema:/schema")
        index.add(schema, uri: base, file: nil, dialect: options.defaultDialect)
        for (k, resource) in resources.enumerated() {
            let uri = resource.uri.map { base.resolving($0).withoutFragment } ?? SchemaURI("toolschema:/resource/\(k)")
            index.add(resource.schema, uri: uri, file: resource.file, dialect: options.defaultDialect)
        }
        var compiler = SchemaCompiler(index: index)
        compiler.defaultDialect = options.defaultDialect
        _ = try compiler.compile(schema, at: .root)
        try compiler.finish()
        self.schema = schema
        self.options = options
        self.nodes = compiler.nodes.map(SchemaNode.init)
        self.nodeAt = compiler.byPointer
        self.usesDynamicScope = !compiler.dynamicRefs.isEmpty
        self.usesOpenObjects = Self.hasOpenObjects(self.nodes)
        self.reachesOpenObjects = Self.openObjectReach(self.nodes)
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
    /// was loaded from a file, and its relative references resolve against that file's
    /// location (unless ``Options/baseURI`` says otherwise).
    public init(spec: ToolSpec, resources: [SchemaResource] = [], options: Options = Options()) throws(SchemaError) {
        var options = options
        if options.baseURI == nil, let file = spec.origin?.document.source.file,
            SchemaResource.refersOutside(spec.argumentsSchema)
        {
            options.baseURI = SchemaResource.fileURI(file)
        }
        do {
            try self.init(spec.argumentsSchema, resources: resources, options: options)
        } catch {
            var located = error
            if error.document == nil, let origin = spec.origin, let base = origin.parametersPointer {
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
