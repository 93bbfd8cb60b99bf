import JSONCore

/// JSON types as bits; `number` includes `integer`.
struct TypeSet: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let integer = TypeSet(rawValue: 4)
    static let number = TypeSet(rawValue: 8)
    static let string = TypeSet(rawValue: 16)
    static let array = TypeSet(rawValue: 32)
    static let object = TypeSet(rawValue: 64)

    static let names: [(String, TypeSet)] = [
        ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number), ("string", .string),
        ("array", .array), ("object", .object),
    ]

    var names: [String] { Self.names.filter { contains($0.1) }.map(\.0) }

    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        case .number(let n): contains(.number) || (contains(.integer) && n.isInteger)
        }
    }
}

/// The keywords of one subschema, as the compiler reads them: filled in while compiling, then
/// frozen into a ``SchemaNode``.
struct SchemaKeywords: Sendable {
    var location: JSONPointer
    var always: Bool? = nil  // boolean schemas
    var types: TypeSet? = nil
    var nullable = false
    var enumValues: [JSONValue]? = nil
    var constValue: JSONValue? = nil
    // objects
    var properties: [(name: String, node: Int)] = []
    var propertyIndex: [String: [Int]] = [:]  // name -> positions in `properties`
    var required: [String] = []
    var patternProperties: [(pattern: CompiledPattern, node: Int)] = []
    var additionalProperties: Int? = nil
    var propertyNames: Int? = nil
    var minProperties: Int? = nil
    var maxProperties: Int? = nil
    var dependentRequired: [(String, [String])] = []
    var dependentSchemas: [(String, Int)] = []
    // arrays
    var prefixItems: [Int] = []
    var prefixKeyword = "prefixItems"
    var items: Int? = nil
    var itemsKeyword = "items"
    var contains: Int? = nil
    var minContains: Int? = nil
    var maxContains: Int? = nil
    var minItems: Int? = nil
    var maxItems: Int? = nil
    var uniqueItems = false
    // strings
    var minLength: Int? = nil
    var maxLength: Int? = nil
    var pattern: CompiledPattern? = nil
    var format: String? = nil
    // numbers
    var minimum: JSONNumber? = nil
    var maximum: JSONNumber? = nil
    var exclusiveMinimum: JSONNumber? = nil
    var exclusiveMaximum: JSONNumber? = nil
    var minimumIsExclusive = false
    var maximumIsExclusive = false
    var multipleOf: JSONNumber? = nil
    // composition
    var allOf: [Int] = []
    var anyOf: [Int] = []
    var oneOf: [Int] = []
    var not: Int? = nil
    var ifNode: Int? = nil
    var thenNode: Int? = nil
    var elseNode: Int? = nil
    var ref: Int? = nil
    /// `$dynamicRef` (2020-12) or `$recursiveRef` (2019-09).
    var dynamicRef: DynamicTarget? = nil
    var unevaluatedProperties: Int? = nil
    var unevaluatedItems: Int? = nil
    /// Whether `contains` marks the items it matches as evaluated (2020-12).
    var containsEvaluatesItems = true
    /// Whether `integer` excludes numbers written with a fraction (`1.0`), as draft-04 says.
    var integersByLiteral = false
    /// Whether `format` is an assertion here whatever the options say (2020-12's
    /// format-assertion vocabulary).
    var assertsFormat = false
    /// The schema resource the subschema is in, and its document.
    var resource = 0
    var document = 0
    // annotations the checker and hints use
    var defaultValue: JSONValue? = nil
    var description: String? = nil

    init(location: JSONPointer) {
        self.location = location
    }
}

/// Where a dynamic reference leads: its static target, and for each schema resource that can
/// be in the dynamic scope the anchor it would land on instead (the outermost one in scope
/// wins).
struct DynamicTarget: Sendable {
    var fallback: Int
    var candidates: [Int: Int]
}

/// One compiled subschema, frozen: every stored property is a `let` of a `Sendable` type, so
/// sharing it across tasks is safe by construction. A class, so that visiting a node costs one
/// retain instead of one per field; its keywords read as its own members (`node.minItems`).
@dynamicMemberLookup
final class SchemaNode: Sendable {
    let keywords: SchemaKeywords
    /// Whether any keyword the walk checks only rarely is here (`$dynamicRef`,
    /// `unevaluatedProperties`, `unevaluatedItems`, draft-04 integers): one test per node
    /// instead of one per keyword.
    let hasRareKeywords: Bool

    init(_ keywords: SchemaKeywords) {
        self.keywords = keywords
        self.hasRareKeywords =
            keywords.dynamicRef != nil || keywords.unevaluatedProperties != nil || keywords.unevaluatedItems != nil
            || keywords.integersByLiteral
    }

    subscript<T>(dynamicMember keyPath: KeyPath<SchemaKeywords, T>) -> T {
        keywords[keyPath: keyPath]
    }

    func fragment(_ keyword: String) -> String {
        keywords.location.appending(keyword).fragment
    }

    func property(_ name: String) -> Int? {
        let properties = keywords.properties
        // A few properties (the usual tool schema): compare bytes; hashing costs more.
        if properties.count <= 12 {
            for p in properties where StringKey.equal(p.name, name) { return p.node }
            return nil
        }
        guard let candidates = keywords.propertyIndex[name] else { return nil }
        for k in candidates where StringKey.equal(properties[k].name, name) { return properties[k].node }
        return nil
    }
}
