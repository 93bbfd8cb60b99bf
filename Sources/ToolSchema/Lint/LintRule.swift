/// A lint rule: its id, as findings, SARIF and `--format json` name it, and what it checks.
///
/// Rules compare by id. ``all`` lists every rule, in the order the documentation gives them.
public struct LintRule: Hashable, Sendable, CustomStringConvertible {
    /// The rule's id, such as `type-name` or `strict-required`.
    public let id: String
    /// What the rule checks, in one sentence.
    public let summary: String

    private init(_ id: String, _ summary: String) {
        self.id = id
        self.summary = summary
    }

    /// The rule with this id, or nil when there is none.
    public init?(id: String) {
        guard let rule = Self.all.first(where: { $0.id == id }) else { return nil }
        self = rule
    }

    /// Equal when the ids are.
    public static func == (a: LintRule, b: LintRule) -> Bool { a.id == b.id }
    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The id.
    public var description: String { id }

    /// The file is valid JSON or YAML and holds tool specs.
    public static let syntax = LintRule("syntax", "The file is valid JSON or YAML and holds tool specs.")
    /// The arguments schema has type: object at its root.
    public static let rootType = LintRule("root-type", "The arguments schema has type: object at its root.")
    /// Every schema is an object or a boolean.
    public static let schemaType = LintRule("schema-type", "Every schema is an object or a boolean.")
    /// Type names are JSON Schema's (string, number, integer, boolean, array, object, null).
    public static let typeName = LintRule(
        "type-name",
        "Type names are JSON Schema's (string, number, integer, boolean, array, object, null)."
    )
    /// required is a list of unique property names that exist.
    public static let required = LintRule("required", "required is a list of unique property names that exist.")
    /// properties is an object of schemas.
    public static let properties = LintRule("properties", "properties is an object of schemas.")
    /// enum is non-empty, without duplicates, and its values match the type.
    public static let enumValues = LintRule(
        "enum",
        "enum is non-empty, without duplicates, and its values match the type."
    )
    /// default, examples and const are valid against their own schema.
    public static let valueType = LintRule(
        "value-type",
        "default, examples and const are valid against their own schema."
    )
    /// Lower bounds are not above upper bounds.
    public static let bounds = LintRule("bounds", "Lower bounds are not above upper bounds.")
    /// Keyword values have the right type.
    public static let keywordValue = LintRule("keyword-value", "Keyword values have the right type.")
    /// $ref resolves, inside the schema or to a resource given to the linter; nothing is fetched.
    public static let reference = LintRule(
        "ref",
        "$ref resolves, inside the schema or to a resource given to the linter; nothing is fetched."
    )
    /// The schema is valid against its dialect's meta-schema.
    public static let metaSchema = LintRule(
        "meta-schema",
        "The schema is valid against its dialect's meta-schema (an error when it names one with $schema, else a warning)."
    )
    /// pattern compiles as an ECMA-262 regular expression a linear-time engine can run.
    public static let pattern = LintRule(
        "pattern",
        "pattern compiles as an ECMA-262 regular expression a linear-time engine can run."
    )
    /// Keywords are spelled as JSON Schema spells them.
    public static let misspelledKeyword = LintRule(
        "misspelled-keyword",
        "Keywords are spelled as JSON Schema spells them."
    )
    /// Keywords are known to JSON Schema or the providers.
    public static let unknownKeyword = LintRule(
        "unknown-keyword",
        "Keywords are known to JSON Schema or the providers."
    )
    /// Non-standard keywords such as optional: true are replaced by JSON Schema's.
    public static let nonStandardKeyword = LintRule(
        "non-standard-keyword",
        "Non-standard keywords such as optional: true are replaced by JSON Schema's."
    )
    /// Tools and properties have descriptions.
    public static let missingDescription = LintRule("missing-description", "Tools and properties have descriptions.")
    /// Tool names are unique across all files.
    public static let duplicateName = LintRule("duplicate-name", "Tool names are unique across all files.")
    /// OpenAI tool names match ^[a-zA-Z0-9_-]{1,64}$.
    public static let openAIName = LintRule("openai-name", "OpenAI tool names match ^[a-zA-Z0-9_-]{1,64}$.")
    /// At most 128 tools for OpenAI.
    public static let openAIToolCount = LintRule("openai-tool-count", "At most 128 tools for OpenAI.")
    /// OpenAI strict mode: every property is required.
    public static let strictRequired = LintRule("strict-required", "OpenAI strict mode: every property is required.")
    /// OpenAI strict mode: additionalProperties: false on every object.
    public static let strictAdditionalProperties = LintRule(
        "strict-additional-properties",
        "OpenAI strict mode: additionalProperties: false on every object."
    )
    /// OpenAI strict mode: the root is not anyOf.
    public static let strictRootAnyOf = LintRule("strict-root-anyof", "OpenAI strict mode: the root is not anyOf.")
    /// OpenAI strict mode: no allOf, not, dependentRequired, dependentSchemas, if/then/else.
    public static let strictUnsupportedKeyword = LintRule(
        "strict-unsupported-keyword",
        "OpenAI strict mode: no allOf, not, dependentRequired, dependentSchemas, if/then/else."
    )
    /// OpenAI strict mode: only the supported string formats.
    public static let strictFormat = LintRule("strict-format", "OpenAI strict mode: only the supported string formats.")
    /// OpenAI strict mode: size limits on properties, nesting and enums.
    public static let strictLimits = LintRule(
        "strict-limits",
        "OpenAI strict mode: size limits on properties, nesting and enums."
    )
    /// Anthropic tool names match ^[a-zA-Z0-9_-]{1,64}$.
    public static let anthropicName = LintRule("anthropic-name", "Anthropic tool names match ^[a-zA-Z0-9_-]{1,64}$.")
    /// Anthropic input_schema has type: object.
    public static let anthropicRootType = LintRule("anthropic-root-type", "Anthropic input_schema has type: object.")
    /// Gemini function names start with a letter or underscore; [a-zA-Z0-9_.-], at most 64.
    public static let geminiName = LintRule(
        "gemini-name",
        "Gemini function names start with a letter or underscore; [a-zA-Z0-9_.-], at most 64."
    )
    /// Gemini schemas have no additionalProperties.
    public static let geminiAdditionalProperties = LintRule(
        "gemini-additional-properties",
        "Gemini schemas have no additionalProperties."
    )
    /// Gemini enum values are strings.
    public static let geminiEnumType = LintRule("gemini-enum-type", "Gemini enum values are strings.")
    /// Gemini schemas have a type.
    public static let geminiMissingType = LintRule("gemini-missing-type", "Gemini schemas have a type.")
    /// Gemini schemas use only its OpenAPI subset.
    public static let geminiUnsupportedKeyword = LintRule(
        "gemini-unsupported-keyword",
        "Gemini schemas use only its OpenAPI subset."
    )
    /// MCP tool names are 1 to 128 characters of [A-Za-z0-9_.-].
    public static let mcpName = LintRule("mcp-name", "MCP tool names are 1 to 128 characters of [A-Za-z0-9_.-].")

    /// Every rule.
    public static let all: [LintRule] = [
        .syntax, .rootType, .schemaType, .typeName, .required, .properties, .enumValues, .valueType, .bounds,
        .keywordValue, .reference, .metaSchema, .pattern, .misspelledKeyword, .unknownKeyword,
        .nonStandardKeyword, .missingDescription, .duplicateName, .openAIName, .openAIToolCount, .strictRequired,
        .strictAdditionalProperties, .strictRootAnyOf, .strictUnsupportedKeyword, .strictFormat, .strictLimits,
        .anthropicName, .anthropicRootType, .geminiName, .geminiAdditionalProperties, .geminiEnumType,
        .geminiMissingType, .geminiUnsupportedKeyword, .mcpName,
    ]
}
