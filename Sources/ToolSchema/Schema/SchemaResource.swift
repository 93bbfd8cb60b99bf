public import JSONCore

/// A schema document that `$ref`s may point to, held in memory: references are resolved
/// against a registry of these (and the meta-schemas the package ships), never fetched.
///
/// A resource answers to ``uri`` when it is given, and to every `$id` (`id` in draft-04) it
/// holds, resolved against that URI.
///
/// ```swift
/// let address = SchemaResource(["$id": "https://example.com/address.json", "type": "object"])
/// let validator = try Validator(["$ref": "https://example.com/address.json"], resources: [address])
/// ```
public struct SchemaResource: Sendable, Hashable {
    /// The URI the document is retrieved by, when it is not (only) its `$id`.
    public var uri: String?
    /// The document.
    public var schema: JSONValue
    /// The file the document was read from, for messages.
    public var file: String?

    /// A document answering to `uri` (when given) and to its own `$id`s.
    public init(_ schema: JSONValue, uri: String? = nil, file: String? = nil) {
        self.schema = schema
        self.uri = uri
        self.file = file
    }
}

/// The meta-schemas of every supported dialect, so that a `$ref` to one works offline.
enum MetaSchemas {
    static let resources: [SchemaResource] = texts.map { entry in
        do {
            return SchemaResource(try JSONValue(parsing: entry.text), uri: entry.uri)
        } catch {
            preconditionFailure("the bundled meta-schema \(entry.uri) does not parse: \(error)")
        }
    }

    /// The meta-schemas by URI (without the empty fragment draft-04 to 07 write).
    static let byURI: [SchemaURI: SchemaResource] = Dictionary(
        resources.map { (SchemaURI($0.uri ?? "").withoutFragment, $0) },
        uniquingKeysWith: { first, _ in first }
    )
}

/// Every schema resource the documents of one validator hold: each document's root, each
/// `$id` found in a schema position, and the anchors (`$anchor`, `$dynamicAnchor`, and
/// draft-06/07's `$id: "#name"`) of each.
struct ResourceIndex {
    struct Document {
        let root: JSONValue
        let uri: SchemaURI
        let file: String?
        /// The resource its root is (set once the root is scanned).
        var rootResource = 0
    }

    /// One schema resource: where its root is, the URI it answers to, its dialect.
    struct Resource {
        let document: Int
        let pointer: JSONPointer
        let uri: SchemaURI
        let dialect: SchemaDialect
        /// The custom meta-schema `$schema` names, when it is not one of the dialects.
        let metaSchema: SchemaURI?
        var anchors: [String: JSONPointer] = [:]
        var dynamicAnchors: Set<String> = []
        var recursiveAnchor = false
    }

    var documents: [Document] = []
    var resources: [Resource] = []
    /// Resource by URI (without fragment).
    var byURI: [SchemaURI: Int] = [:]
    /// Resource by its root's place, for resources below a document's root (an embedded
    /// `$id`); a document's own is ``Document/rootResource``.
    var byRoot: [DocumentPointer: Int] = [:]

    /// Adds a document and every resource in it; returns the document's number.
    @discardableResult
    mutating func add(_ root: JSONValue, uri: SchemaURI, file: String?, dialect: SchemaDialect) -> Int {
        let document = documents.count
        documents.append(Document(root: root, uri: uri, file: file))
        var tokens: [String] = []
        scan(root, document: document, tokens: &tokens, base: uri, dialect: dialect, isDocumentRoot: true)
        return document
    }

    /// The resource that encloses a place: the one whose root is the longest prefix of it.
    func enclosing(_ place: DocumentPointer) -> Int {
        guard !byRoot.isEmpty else { return documents[place.document].rootResource }
        var tokens = place.pointer.tokens
        while !tokens.isEmpty {
            if let r = byRoot[DocumentPointer(document: place.document, pointer: JSONPointer(tokens: tokens))] {
                return r
            }
            tokens.removeLast()
        }
        return documents[place.document].rootResource
    }

    private mutating func register(_ resource: Resource, at place: DocumentPointer) -> Int {
        let index = resources.count
        resources.append(resource)
        if place.pointer == .root {
            documents[place.document].rootResource = index
        } else {
            byRoot[place] = index
        }
        // The first document to claim a URI keeps it: the schema being validated comes first,
        // then the caller's resources, then the bundled meta-schemas.
        if byURI[resource.uri] == nil { byURI[resource.uri] = index }
        return index
    }

    /// Walks the schema positions below `value` (known keywords only: an `$id` inside an
    /// `enum` or an unknown keyword is not an identifier), registering resources and
    /// anchors. `tokens` is the path so far, pushed and popped in place; a pointer is built
    /// only for what is registered.
    private mutating func scan(
        _ value: JSONValue,
        document: Int,
        tokens: inout [String],
        base: SchemaURI,
        dialect inherited: SchemaDialect,
        isDocumentRoot: Bool = false,
        resource enclosingResource: Int? = nil
    ) {
        guard case .object(let object) = value else {
            if isDocumentRoot {
                _ = register(
                    Resource(document: document, pointer: .root, uri: base, dialect: inherited, metaSchema: nil),
                    at: DocumentPointer(document: document, pointer: .root)
                )
            }
            return
        }
        var dialect = inherited
        var metaSchema: SchemaURI? = nil
        let idKeyword = dialectOf(object, inherited) == .draft04 ? "id" : "$id"
        let idText = object[idKeyword]?.stringValue
        var newBase = base
        var anchorFromID: String? = nil
        if let declared = object["$schema"]?.stringValue, isDocumentRoot || idText != nil {
            if let known = SchemaDialect(metaSchemaURI: declared) {
                dialect = known
            } else {
                metaSchema = base.resolving(declared).withoutFragment
            }
        }
        let ignoresID = dialect.refOverridesSiblings && object["$ref"] != nil
        if let idText, !ignoresID {
            let resolved = base.resolving(idText)
            if !idText.hasPrefix("#") { newBase = resolved.withoutFragment }
            // Up to draft-07 (draft-04's `id` too), a fragment names a plain-name anchor.
            if dialect <= .draft07, let name = resolved.fragment, !name.isEmpty { anchorFromID = name }
        }
        var current = enclosingResource
        if isDocumentRoot || newBase != base {
            let place = DocumentPointer(document: document, pointer: JSONPointer(tokens: tokens))
            current = register(
                Resource(
                    document: document,
                    pointer: place.pointer,
                    uri: newBase,
                    dialect: dialect,
                    metaSchema: metaSchema
                ),
                at: place
            )
            // The root also answers to the URI it was retrieved by.
            if isDocumentRoot, byURI[base] == nil, let current { byURI[base] = current }
        }
        if let r = current {
            if let anchorFromID { resources[r].anchors[anchorFromID] = JSONPointer(tokens: tokens) }
            if dialect >= .draft2019_09, let name = object["$anchor"]?.stringValue {
                resources[r].anchors[name] = JSONPointer(tokens: tokens)
            }
            if dialect >= .draft2020_12, let name = object["$dynamicAnchor"]?.stringValue {
                resources[r].anchors[name] = JSONPointer(tokens: tokens)
                resources[r].dynamicAnchors.insert(name)
            }
            if dialect == .draft2019_09, object["$recursiveAnchor"] == .bool(true), newBase != base || isDocumentRoot {
                resources[r].recursiveAnchor = true
            }
        }
        for (key, member) in object {
            guard let keyword = SchemaKeyword.named[key], keyword.shape.holdsSchemas else { continue }
            tokens.append(key)
            defer { tokens.removeLast() }
            func visit(_ schema: JSONValue, _ token: String?, _ index: inout ResourceIndex) {
                if let token { tokens.append(token) }
                index.scan(
                    schema,
                    document: document,
                    tokens: &tokens,
                    base: newBase,
                    dialect: dialect,
                    resource: current
                )
                if token != nil { tokens.removeLast() }
            }
            switch (keyword.shape, member) {
            case (.schema, _):
                visit(member, nil, &self)
            case (.schemaOrSchemaList, .array(let list)), (.schemaList, .array(let list)):
                for (k, schema) in list.enumerated() { visit(schema, String(k), &self) }
            case (.schemaOrSchemaList, _):
                visit(member, nil, &self)
            case (.schemaMap, .object(let members)), (.schemaOrNamesMap, .object(let members)):
                for (name, schema) in members where schema.arrayValue == nil { visit(schema, name, &self) }
            default:
                break
            }
        }
    }

    private func dialectOf(_ object: JSONObject, _ inherited: SchemaDialect) -> SchemaDialect {
        object["$schema"]?.stringValue.flatMap(SchemaDialect.init(metaSchemaURI:)) ?? inherited
    }
}

/// A place in one of a validator's documents.
struct DocumentPointer: Hashable, Sendable {
    var document: Int
    var pointer: JSONPointer
}
