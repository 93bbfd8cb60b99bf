/// A JSON Schema draft: what its keywords mean. A schema names its dialect with `$schema`;
/// one without it is read as ``Validator/Options/defaultDialect`` (2020-12 unless the caller
/// says otherwise).
///
/// The differences that change verdicts: draft-04 names a schema's URI with `id` and makes
/// `exclusiveMaximum`/`exclusiveMinimum` booleans that modify `maximum`/`minimum`; up to
/// draft-07 a `$ref` replaces its sibling keywords, and `$id: "#name"` is a plain-name anchor;
/// 2019-09 adds `$anchor`, `$recursiveRef`, `unevaluatedProperties`/`unevaluatedItems`,
/// `dependentRequired`/`dependentSchemas` and `minContains`/`maxContains`; 2020-12 adds
/// `prefixItems` and `$dynamicRef`, and lets `contains` mark items as evaluated. Keywords from
/// a later draft are ignored in a schema that declares an earlier one; earlier spellings
/// (`definitions`, `dependencies`, `items` as a list with `additionalItems`) keep working in
/// later drafts, as tool schemas written for both expect.
public enum SchemaDialect: String, Sendable, Hashable, CaseIterable, Comparable {
    case draft04 = "draft-04"
    case draft06 = "draft-06"
    case draft07 = "draft-07"
    case draft2019_09 = "2019-09"
    case draft2020_12 = "2020-12"

    /// The URI of the dialect's meta-schema, as `$schema` names it.
    public var metaSchemaURI: String {
        switch self {
        case .draft04: "http://json-schema.org/draft-04/schema#"
        case .draft06: "http://json-schema.org/draft-06/schema#"
        case .draft07: "http://json-schema.org/draft-07/schema#"
        case .draft2019_09: "https://json-schema.org/draft/2019-09/schema"
        case .draft2020_12: "https://json-schema.org/draft/2020-12/schema"
        }
    }

    /// The dialect a `$schema` value names: each meta-schema URI, with or without the empty
    /// fragment and in `http` or `https`. Nil for any other URI.
    public init?(metaSchemaURI uri: String) {
        var text = Substring(uri)
        if text.hasSuffix("#") { text = text.dropLast() }
        if text.hasPrefix("https://") { text = "http://" + text.dropFirst("https://".count) }
        switch text {
        case "http://json-schema.org/draft-04/schema": self = .draft04
        case "http://json-schema.org/draft-06/schema": self = .draft06
        case "http://json-schema.org/draft-07/schema": self = .draft07
        case "http://json-schema.org/draft/2019-09/schema": self = .draft2019_09
        case "http://json-schema.org/draft/2020-12/schema": self = .draft2020_12
        default: return nil
        }
    }

    /// Whether `a` is an earlier draft than `b`.
    public static func < (a: SchemaDialect, b: SchemaDialect) -> Bool { a.order < b.order }

    private var order: Int {
        switch self {
        case .draft04: 0
        case .draft06: 1
        case .draft07: 2
        case .draft2019_09: 3
        case .draft2020_12: 4
        }
    }

    /// The keyword with which a schema names its URI: `id` in draft-04, `$id` since.
    var idKeyword: String { self == .draft04 ? "id" : "$id" }

    /// Whether a `$ref` replaces the keywords beside it (up to draft-07).
    var refOverridesSiblings: Bool { self <= .draft07 }

    /// The keyword table's flag for this dialect.
    var keywordDialect: SchemaKeyword.Dialects {
        switch self {
        case .draft04: .draft04
        case .draft06: .draft06
        case .draft07: .draft07
        case .draft2019_09: .draft2019_09
        case .draft2020_12: .draft2020_12
        }
    }

    /// Whether `keyword` means something in this dialect: defined in it, from an earlier
    /// draft only (kept for compatibility), or an OpenAPI extension. Keywords a later draft
    /// introduced are ignored.
    func reads(_ keyword: SchemaKeyword) -> Bool {
        let dialects = keyword.dialects
        if dialects.contains(keywordDialect) || dialects.contains(.openAPI) { return true }
        return dialects.isDisjoint(with: laterDialects)
    }

    /// The drafts after this one.
    private var laterDialects: SchemaKeyword.Dialects {
        switch self {
        case .draft04: [.draft06, .draft07, .draft2019_09, .draft2020_12]
        case .draft06: [.draft07, .draft2019_09, .draft2020_12]
        case .draft07: [.draft2019_09, .draft2020_12]
        case .draft2019_09: [.draft2020_12]
        case .draft2020_12: []
        }
    }
}
