import JSONCore

/// What one JSON Schema keyword is, for every stage that walks a schema: the compiler, the
/// linter, the strict-mode converter and the Gemini converter all read ``SchemaKeyword/table``
/// instead of keeping their own lists, so they cannot disagree about a keyword.
package struct SchemaKeyword: Sendable {
    /// What the keyword's value holds.
    package enum Shape: Sendable, Hashable {
        /// One subschema (`not`, `additionalProperties`).
        case schema
        /// An object whose every member is a subschema (`properties`, `$defs`).
        case schemaMap
        /// A non-empty list of subschemas (`allOf`, `prefixItems`).
        case schemaList
        /// One subschema, or (draft-07 tuples) a list of them: `items`.
        case schemaOrSchemaList
        /// An object whose members are subschemas or lists of property names: draft-07
        /// `dependencies`.
        case schemaOrNamesMap
        /// Anything else: a number, a string, a list of values.
        case value

        /// Whether the value holds subschemas.
        package var holdsSchemas: Bool { self != .value }
    }

    /// What the keyword does to a verdict.
    package enum Role: Sendable, Hashable {
        /// Identifies or structures the schema (`$schema`, `$id`, `$ref`, `$defs`).
        case core
        /// Applies subschemas to the value or its parts.
        case applicator
        /// Can fail a value on its own.
        case assertion
        /// Informs, never fails a value (`description`, `default`).
        case annotation
    }

    /// The JSON Schema drafts that define the keyword.
    package struct Dialects: OptionSet, Sendable, Hashable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        package static let draft04 = Dialects(rawValue: 1)
        package static let draft06 = Dialects(rawValue: 2)
        package static let draft07 = Dialects(rawValue: 4)
        package static let draft2019_09 = Dialects(rawValue: 8)
        package static let draft2020_12 = Dialects(rawValue: 16)
        /// Outside JSON Schema: OpenAPI 3.0 and Gemini extensions.
        package static let openAPI = Dialects(rawValue: 32)

        package static let all: Dialects = [.draft04, .draft06, .draft07, .draft2019_09, .draft2020_12]
        package static let since06: Dialects = [.draft06, .draft07, .draft2019_09, .draft2020_12]
        package static let since07: Dialects = [.draft07, .draft2019_09, .draft2020_12]
        package static let since2019: Dialects = [.draft2019_09, .draft2020_12]
        package static let until07: Dialects = [.draft04, .draft06, .draft07]
    }

    /// The provider schema subsets that accept the keyword.
    package struct Providers: OptionSet, Sendable, Hashable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        /// OpenAI's strict mode (structured outputs).
        package static let openAIStrict = Providers(rawValue: 1)
        /// Gemini's `Schema` object (an OpenAPI 3.0 subset).
        package static let gemini = Providers(rawValue: 2)
    }

    /// How far the validator implements the keyword.
    package enum Support: Sendable, Hashable {
        /// Checked (or, for annotations and core keywords, read where it matters).
        case implemented
        /// Has no effect on a verdict, so there is nothing to implement.
        case noEffect
    }

    package let name: String
    package let shape: Shape
    package let role: Role
    package let dialects: Dialects
    package let providers: Providers
    package let support: Support
}

extension SchemaKeyword {
    private init(
        _ name: String,
        _ shape: Shape,
        _ role: Role,
        _ dialects: Dialects,
        _ providers: Providers = [],
        _ support: Support = .implemented
    ) {
        self.init(name: name, shape: shape, role: role, dialects: dialects, providers: providers, support: support)
    }

    private static let strict: Providers = [.openAIStrict]
    private static let both: Providers = [.openAIStrict, .gemini]

    /// Every keyword ToolSchema knows: JSON Schema draft-04 to 2020-12 and the OpenAPI and
    /// Gemini extensions tool schemas use.
    package static let table: [SchemaKeyword] = [
        // Core
        .init("$schema", .value, .core, .all, strict, .noEffect),
        .init("$id", .value, .core, .since06, strict, .noEffect),
        .init("id", .value, .core, [.draft04], [], .noEffect),
        .init("$ref", .value, .core, .all, strict),
        .init("$anchor", .value, .core, .since2019, strict, .noEffect),
        .init("$dynamicRef", .value, .core, [.draft2020_12], strict),
        .init("$dynamicAnchor", .value, .core, [.draft2020_12], strict, .noEffect),
        .init("$recursiveRef", .value, .core, [.draft2019_09], strict),
        .init("$recursiveAnchor", .value, .core, [.draft2019_09], strict, .noEffect),
        .init("$vocabulary", .value, .core, .since2019, strict, .noEffect),
        .init("$comment", .value, .core, .since07, strict, .noEffect),
        .init("$defs", .schemaMap, .core, .since2019, strict),
        .init("definitions", .schemaMap, .core, .until07, strict),
        // Applicators
        .init("allOf", .schemaList, .applicator, .all),
        .init("anyOf", .schemaList, .applicator, .all, both),
        .init("oneOf", .schemaList, .applicator, .all, strict),
        .init("not", .schema, .applicator, .all),
        .init("if", .schema, .applicator, .since07),
        .init("then", .schema, .applicator, .since07),
        .init("else", .schema, .applicator, .since07),
        .init("dependentSchemas", .schemaMap, .applicator, .since2019),
        .init("dependencies", .schemaOrNamesMap, .applicator, .until07, strict),
        .init("prefixItems", .schemaList, .applicator, [.draft2020_12], strict),
        .init("items", .schemaOrSchemaList, .applicator, .all, both),
        .init("additionalItems", .schema, .applicator, .until07.union(.draft2019_09), strict),
        .init("contains", .schema, .applicator, .since06, strict),
        .init("properties", .schemaMap, .applicator, .all, both),
        .init("patternProperties", .schemaMap, .applicator, .all, strict),
        .init("additionalProperties", .schema, .applicator, .all, strict),
        .init("propertyNames", .schema, .applicator, .since06, strict),
        .init("unevaluatedItems", .schema, .applicator, .since2019, strict),
        .init("unevaluatedProperties", .schema, .applicator, .since2019, strict),
        // Assertions
        .init("type", .value, .assertion, .all, both),
        .init("enum", .value, .assertion, .all, both),
        .init("const", .value, .assertion, .since06, strict),
        .init("multipleOf", .value, .assertion, .all, strict),
        .init("maximum", .value, .assertion, .all, both),
        .init("exclusiveMaximum", .value, .assertion, .all, strict),
        .init("minimum", .value, .assertion, .all, both),
        .init("exclusiveMinimum", .value, .assertion, .all, strict),
        .init("maxLength", .value, .assertion, .all, both),
        .init("minLength", .value, .assertion, .all, both),
        .init("pattern", .value, .assertion, .all, both),
        .init("maxItems", .value, .assertion, .all, both),
        .init("minItems", .value, .assertion, .all, both),
        .init("uniqueItems", .value, .assertion, .all, strict),
        .init("maxContains", .value, .assertion, .since2019, strict),
        .init("minContains", .value, .assertion, .since2019, strict),
        .init("maxProperties", .value, .assertion, .all, both),
        .init("minProperties", .value, .assertion, .all, both),
        .init("required", .value, .assertion, .all, both),
        .init("dependentRequired", .value, .assertion, .since2019),
        .init("format", .value, .assertion, .all, both),
        // Annotations
        .init("title", .value, .annotation, .all, both, .noEffect),
        .init("description", .value, .annotation, .all, both),
        .init("default", .value, .annotation, .all, both),
        .init("deprecated", .value, .annotation, .since2019, strict, .noEffect),
        .init("readOnly", .value, .annotation, .since07, strict, .noEffect),
        .init("writeOnly", .value, .annotation, .since07, strict, .noEffect),
        .init("examples", .value, .annotation, .since06, strict, .noEffect),
        .init("contentEncoding", .value, .annotation, .since07, strict, .noEffect),
        .init("contentMediaType", .value, .annotation, .since07, strict, .noEffect),
        .init("contentSchema", .schema, .annotation, .since2019, strict, .noEffect),
        // OpenAPI 3.0 and Gemini
        // (Strict mode is not known to reject these, so its rules leave them alone.)
        .init("nullable", .value, .assertion, [.openAPI], both),
        .init("example", .value, .annotation, [.openAPI], both, .noEffect),
        .init("propertyOrdering", .value, .annotation, [.openAPI], both, .noEffect),
        .init("discriminator", .value, .annotation, [.openAPI], strict, .noEffect),
    ]

    /// The table by keyword name.
    package static let named: [String: SchemaKeyword] = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0) })

    /// Every keyword's name.
    package static let known: Set<String> = Set(table.map(\.name))

    /// The keywords a provider's schema subset accepts.
    package static func supported(by provider: Providers) -> Set<String> {
        Set(table.filter { $0.providers.contains(provider) }.map(\.name))
    }

    /// The subschemas a keyword's value holds, each with the pointer tokens below the keyword
    /// (`["city"]` under `properties`, `["0"]` under `allOf`). Values of the wrong kind hold
    /// none; whoever reports them does so from ``shape``.
    package func subschemas(in value: JSONValue) -> [(tokens: [String], schema: JSONValue)] {
        switch shape {
        case .value:
            return []
        case .schema:
            return [([], value)]
        case .schemaMap:
            guard case .object(let members) = value else { return [] }
            return members.map { ([$0.key], $0.value) }
        case .schemaOrNamesMap:
            guard case .object(let members) = value else { return [] }
            return members.filter { $0.value.arrayValue == nil }.map { ([$0.key], $0.value) }
        case .schemaList:
            guard case .array(let list) = value else { return [] }
            return list.enumerated().map { ([String($0.offset)], $0.element) }
        case .schemaOrSchemaList:
            if case .array(let list) = value { return list.enumerated().map { ([String($0.offset)], $0.element) } }
            return [([], value)]
        }
    }
}
