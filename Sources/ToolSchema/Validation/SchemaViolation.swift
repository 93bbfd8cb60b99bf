public import JSONCore

/// One way a value fails its schema: where in the value, which keyword, and what was expected.
///
/// Not an `Error`: a failed check is an outcome (``ArgumentCheck``), and its violations are
/// data to report, not something thrown.
public struct SchemaViolation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Where in the value, as a JSON Pointer (`/items/0/sku`).
    public var instancePath: JSONPointer
    /// The failing keyword's place in the schema (`/properties/age/minimum`); its
    /// `fragment` is the URI-fragment form, `#/properties/age/minimum`.
    public var schemaPath: JSONPointer
    /// The keyword that failed: `type`, `required`, `minimum`, `format`…
    public var keyword: String
    /// One line naming what was expected and what was found.
    public var message: String
    /// The facts behind the message, for callers that word their own.
    public var details: Details

    /// Structured facts about a failure; each field is set when it applies.
    public struct Details: Hashable, Sendable, Codable {
        /// The types the schema allows (`["string", "null"]`).
        public var expectedTypes: [String]?
        /// The JSON type of the value that arrived.
        public var actualType: String?
        /// The allowed values, for `enum` and `const`.
        public var allowedValues: [JSONValue]?
        /// The bound that was crossed: the minimum, the maximum length, the multiple…
        public var limit: JSONValue?
        /// The property names involved: missing, unexpected or dependent.
        public var properties: [String]?
        /// The format or pattern that failed.
        public var format: String?

        /// No details.
        public init(
            expectedTypes: [String]? = nil,
            actualType: String? = nil,
            allowedValues: [JSONValue]? = nil,
            limit: JSONValue? = nil,
            properties: [String]? = nil,
            format: String? = nil
        ) {
            self.expectedTypes = expectedTypes
            self.actualType = actualType
            self.allowedValues = allowedValues
            self.limit = limit
            self.properties = properties
            self.format = format
        }
    }

    /// Creates an error.
    public init(
        instancePath: JSONPointer,
        schemaPath: JSONPointer,
        keyword: String,
        message: String,
        details: Details = Details()
    ) {
        self.instancePath = instancePath
        self.schemaPath = schemaPath
        self.keyword = keyword
        self.message = message
        self.details = details
    }

    /// `/path: message`, or `(root): message`.
    public var description: String {
        "\(instancePath == .root ? "(root)" : instancePath.description): \(message)"
    }
}
