public import JSONCore

/// A schema that cannot be compiled into a ``Validator``: where in the schema, and why.
public struct SchemaError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        private init(_ name: String) { description = name }

        /// A subschema that is neither an object nor `true`/`false`.
        public static let notASchema = Code("not-a-schema")
        /// A keyword whose value has the wrong kind (`minLength: "3"`, `required: "a"`).
        public static let keywordValue = Code("keyword-value")
        /// A type name JSON Schema does not have (`"type": "dict"`).
        public static let unknownType = Code("unknown-type")
        /// A `pattern` or `patternProperties` key that does not compile, or needs what the
        /// linear-time engine does not run (backreferences).
        public static let pattern = Code("pattern")
        /// A `$ref` that does not resolve: no document given answers its URI, no anchor has its
        /// name, nothing is at its JSON Pointer.
        public static let reference = Code("reference")
        /// A `$ref` cycle that never reaches a value.
        public static let referenceCycle = Code("reference-cycle")
    }

    /// What kind of problem it is.
    public var code: Code
    /// Where in the schema the problem is (in ``document`` when that is set).
    public var schemaPath: JSONPointer
    /// The URI of the document the problem is in, when it is a resource the schema refers to
    /// rather than the schema itself.
    public var document: String?
    /// What is wrong, in one line.
    public var message: String
    /// The file position, when the schema was loaded from a file.
    public var position: SourcePosition?
    /// The file, when the schema was loaded from one.
    public var file: String?
    /// The source line and a caret, when the schema was loaded from a file.
    public var excerpt: SourceExcerpt?

    /// Creates an error.
    public init(
        code: Code,
        schemaPath: JSONPointer,
        message: String,
        position: SourcePosition? = nil,
        file: String? = nil,
        excerpt: SourceExcerpt? = nil
    ) {
        self.code = code
        self.schemaPath = schemaPath
        self.message = message
        self.position = position
        self.file = file
        self.excerpt = excerpt
    }

    /// `file:line:column: error: message` when the place is known, else the schema pointer.
    public var description: String {
        if file != nil || position != nil {
            return DiagnosticLayout.header(file: file, position: position, message: message)
        }
        let place = schemaPath == .root ? "(root)" : schemaPath.description
        return "schema \(document.map { "\($0) " } ?? "")\(place): error: \(message)"
    }

    /// ``description``, then the source line and a caret when the schema came from a file.
    public func rendered() -> String {
        DiagnosticLayout.render(header: description, excerpt: excerpt)
    }
}
