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

    /// The declared property names as bytes, for matching member names.
    let table: PropertyTable
    /// An `enum` whose values are all strings, as bytes.
    let stringEnum: PropertyTable?
    /// The values of ``stringEnum``, in its order.
    let stringEnumValues: [String]
    /// How the checking parser treats an object or array this node checks.
    let fusion: Fusion
    /// Whether any of `allOf`, `anyOf`, `oneOf`, `not` or `if` is here: one test per node
    /// for the walk's composition step.
    let hasComposition: Bool
    /// The `format` checker, looked up once.
    let formatChecker: Formats.Checker?
    /// The number bounds in short form (``JSONNumber/shortForm``), read once, so that most
    /// comparisons are one integer comparison.
    let shortMinimum: (mantissa: Int64, scale: Int)?
    let shortMaximum: (mantissa: Int64, scale: Int)?
    let shortExclusiveMinimum: (mantissa: Int64, scale: Int)?
    let shortExclusiveMaximum: (mantissa: Int64, scale: Int)?
    /// Whether any number bound is here.
    let hasNumberBounds: Bool
    /// Whether the node checks a scalar by its type, an `enum` of strings and the string and
    /// number keywords alone: no reference, composition, `const`, other `enum` or rare
    /// keyword, nor a boolean schema. The checking parser decides such a scalar directly.
    let isPlainScalar: Bool

    /// How ``CheckingParser`` treats a node: whether it can check an object or array while
    /// reading it, member by member, or must read it whole and then walk it.
    enum Fusion: Sendable, Equatable {
        /// `true` or `false`: every value, or none.
        case boolean(Bool)
        /// Only a `$ref` (annotations aside): its target decides.
        case reference(Int)
        /// Only keywords that a member or an item decides alone, or the count decides: type,
        /// properties, required, additionalProperties, items, prefixItems and the bounds.
        case inline
        /// Keywords that need the whole value (composition, enum, const, patternProperties,
        /// uniqueItems, contains, the dependent and unevaluated keywords…): read, then walked.
        case walk
    }

    init(_ keywords: SchemaKeywords) {
        self.keywords = keywords
        self.table = PropertyTable(properties: keywords.properties, required: keywords.required)
        let strings = keywords.enumValues?.compactMap(\.stringValue)
        self.stringEnum = strings.flatMap { $0.count == keywords.enumValues?.count ? PropertyTable(names: $0) : nil }
        self.stringEnumValues = stringEnum == nil ? [] : strings ?? []
        self.hasRareKeywords =
            keywords.dynamicRef != nil || keywords.unevaluatedProperties != nil || keywords.unevaluatedItems != nil
            || keywords.integersByLiteral
        self.fusion = Self.fusion(of: keywords)
        self.hasComposition =
            !keywords.allOf.isEmpty || !keywords.anyOf.isEmpty || !keywords.oneOf.isEmpty || keywords.not != nil
            || keywords.ifNode != nil
        self.formatChecker = keywords.format.flatMap(Formats.checker)
        self.shortMinimum = keywords.minimum?.shortForm
        self.shortMaximum = keywords.maximum?.shortForm
        self.shortExclusiveMinimum = keywords.exclusiveMinimum?.shortForm
        self.shortExclusiveMaximum = keywords.exclusiveMaximum?.shortForm
        self.hasNumberBounds =
            keywords.minimum != nil || keywords.maximum != nil || keywords.exclusiveMinimum != nil
            || keywords.exclusiveMaximum != nil
        self.isPlainScalar =
            keywords.always == nil && keywords.ref == nil && !hasRareKeywords && !hasComposition
            && keywords.constValue == nil && (keywords.enumValues == nil || stringEnum != nil)
    }

    static func fusion(of k: SchemaKeywords) -> Fusion {
        if let always = k.always { return .boolean(always) }
        let onlyInline =
            k.dynamicRef == nil && k.allOf.isEmpty && k.anyOf.isEmpty && k.oneOf.isEmpty && k.not == nil
            && k.ifNode == nil && k.enumValues == nil && k.constValue == nil && k.patternProperties.isEmpty
            && k.propertyNames == nil && k.dependentRequired.isEmpty && k.dependentSchemas.isEmpty
            && k.contains == nil && !k.uniqueItems && k.unevaluatedProperties == nil && k.unevaluatedItems == nil
            && !k.integersByLiteral
        guard let ref = k.ref else { return onlyInline ? .inline : .walk }
        let nothingElse =
            onlyInline && k.types == nil && !k.nullable && k.properties.isEmpty && k.required.isEmpty
            && k.additionalProperties == nil && k.minProperties == nil && k.maxProperties == nil
            && k.prefixItems.isEmpty && k.items == nil && k.minItems == nil && k.maxItems == nil
            && k.minLength == nil && k.maxLength == nil && k.pattern == nil && k.format == nil && k.minimum == nil
            && k.maximum == nil && k.exclusiveMinimum == nil && k.exclusiveMaximum == nil && k.multipleOf == nil
        return nothingElse ? .reference(ref) : .walk
    }

    subscript<T>(dynamicMember keyPath: KeyPath<SchemaKeywords, T>) -> T {
        keywords[keyPath: keyPath]
    }

    func fragment(_ keyword: String) -> String {
        keywords.location.appending(keyword).fragment
    }

    /// Whether `value` is one of the `enum` values.
    @inline(__always)
    func enumAdmits(_ value: JSONValue) -> Bool {
        if let table = stringEnum {
            guard case .string(let s) = value else { return false }
            if let found = s.utf8.withContiguousStorageIfAvailable({ table.position(of: $0) != nil }) { return found }
        }
        return keywords.enumValues?.contains(value) ?? true
    }

    /// The node of the declared property `name`, if there is one.
    func property(_ name: String) -> Int? {
        propertyPosition(name).map { keywords.properties[$0].node }
    }

    /// The position in `properties` of the first declared property named `name`.
    @inline(__always)
    func propertyPosition(_ name: String) -> Int? {
        if table.isLinear, let found = name.utf8.withContiguousStorageIfAvailable({ table.position(of: $0) }) {
            return found
        }
        let properties = keywords.properties
        guard let candidates = keywords.propertyIndex[name] else { return nil }
        for k in candidates where StringKey.equal(properties[k].name, name) { return k }
        return nil
    }
}

/// An object schema's declared property names as bytes, matched against a member's name
/// without hashing it or comparing `String`s: by length and first eight bytes, then the rest.
/// It also gives each required property a bit, so that one pass over the members decides
/// `required` without a lookup per required name.
struct PropertyTable: Sendable {
    /// One name: its byte count, first eight bytes, where its bytes start in ``bytes``, and
    /// its bit among the required properties (0 when it is not required).
    private struct Entry {
        var length: Int
        var head: UInt64
        var offset: Int
        var requiredBit: UInt64
    }

    private var entries: [Entry] = []
    /// Every name's bytes, one after another.
    private var bytes: [UInt8] = []
    /// Every required property's bit.
    private(set) var requiredMask: UInt64 = 0
    /// Whether every required name is a declared property, at most 64 of them: then the bits
    /// decide `required`.
    private(set) var coversRequired = false
    /// Whether lookups scan the table; above ``maxLinear`` properties the hashed index is used.
    private(set) var isLinear: Bool

    static let maxLinear = 32

    /// A table of names alone (an `enum` of strings), looked up whatever its size.
    init(names: [String]) {
        self.init(properties: names.map { ($0, 0) }, required: [])
        isLinear = true
    }

    init(properties: [(name: String, node: Int)], required: [String]) {
        isLinear = properties.count <= Self.maxLinear
        guard !properties.isEmpty || !required.isEmpty else {
            coversRequired = true
            return
        }
        entries.reserveCapacity(properties.count)
        for p in properties {
            let offset = bytes.count
            bytes.append(contentsOf: p.name.utf8)
            let head = bytes.withUnsafeBufferPointer { Self.head(UnsafeBufferPointer(rebasing: $0[offset...])) }
            entries.append(Entry(length: bytes.count - offset, head: head, offset: offset, requiredBit: 0))
        }
        var covered = true
        var next = 0
        for name in required {
            guard let k = properties.firstIndex(where: { StringKey.equal($0.name, name) }) else {
                covered = false
                continue
            }
            if entries[k].requiredBit != 0 { continue }
            guard next < 64 else {
                covered = false
                continue
            }
            entries[k].requiredBit = 1 << UInt64(next)
            requiredMask |= 1 << UInt64(next)
            next += 1
        }
        coversRequired = covered
    }

    /// The number of names.
    var count: Int { entries.count }

    /// The bit of the property at `k` among the required ones (0 when it is not required).
    @inline(__always)
    func requiredBit(_ k: Int) -> UInt64 { entries[k].requiredBit }

    /// Up to the first eight bytes, as one word (in memory order when there are eight or
    /// more, which is what both sides of a comparison of equal lengths compute).
    @inline(__always)
    static func head(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if b.count >= 8, let base = b.baseAddress { return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) }
        var h: UInt64 = 0
        for k in 0..<b.count { h |= UInt64(b[k]) << UInt64(8 * k) }
        return h
    }

    /// The position of the first property named by `name`'s bytes.
    @inline(__always)
    func position(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = name.count
        let h = Self.head(name)
        for k in entries.indices where entries[k].length == n && entries[k].head == h {
            if n <= 8 { return k }
            let start = entries[k].offset
            var i = 8
            while i < n && bytes[start + i] == name[i] { i += 1 }
            if i == n { return k }
        }
        return nil
    }
}
