import JSONCore

/// Compiles a schema into ``SchemaKeywords`` for every subschema reached from the root, across
/// the documents its references reach, then resolves `$ref`s, gathers the candidates of each
/// `$dynamicRef` and `$recursiveRef`, and refuses cycles that never reach a value.
struct SchemaCompiler {
    var index: ResourceIndex
    var nodes: [SchemaKeywords] = []
    /// Compiled nodes by place: the schema's own by pointer (what the validator keeps), the
    /// other documents' by document and pointer.
    var byPointer: [JSONPointer: Int] = [:]
    var byOtherPlace: [DocumentPointer: Int] = [:]
    var pendingRefs: [(node: Int, target: DocumentPointer, at: JSONPointer, kind: RefKind)] = []
    /// Dynamic references: the node holding one, the anchor name it looks for (nil for
    /// `$recursiveRef`), and the candidates found so far by resource.
    var dynamicRefs: [(node: Int, name: String?)] = []
    /// The document of the subschema being compiled, and its resource.
    var document = 0
    var currentResource: Int? = nil
    /// The dialect of a bundled meta-schema loaded on demand is its own; this is for the rest.
    var defaultDialect = SchemaDialect.draft2020_12

    enum RefKind { case ref, dynamicFallback }

    /// The vocabularies a custom meta-schema's `$vocabulary` turns on, by resource; nil when
    /// every vocabulary of the dialect is in force.
    var vocabularies: [Int: Set<String>?] = [:]

    /// The vocabularies in force for a resource whose `$schema` names a custom meta-schema
    /// (2019-09 and later): those its `$vocabulary` lists. Unknown optional vocabularies are
    /// ignored, as the specification says.
    mutating func vocabularies(of r: Int) -> Set<String>? {
        guard index.resources[r].metaSchema != nil else { return nil }
        if let known = vocabularies[r] { return known }
        var result: Set<String>? = nil
        let resource = index.resources[r]
        if let meta = resource.metaSchema {
            if index.byURI[meta] == nil, let bundled = MetaSchemas.byURI[meta] {
                index.add(bundled.schema, uri: meta, file: nil, dialect: defaultDialect)
            }
            if let m = index.byURI[meta],
                case .object(let members)? = index.resources[m].pointer.resolve(
                    in: index.documents[index.resources[m].document].root
                )?["$vocabulary"]
            {
                result = Set(members.compactMap { $0.value == .bool(true) || $0.value == .bool(false) ? $0.key : nil })
            }
        }
        vocabularies[r] = result
        return result
    }

    /// The vocabulary that defines an assertion or applicator keyword, by the last part of its
    /// URI (`validation`, `applicator`, `unevaluated`, `format`...).
    static func vocabulary(of keyword: SchemaKeyword) -> String? {
        switch keyword.role {
        case .assertion: keyword.name == "format" ? "format" : "validation"
        case .applicator: keyword.name.hasPrefix("unevaluated") ? "unevaluated" : "applicator"
        default: nil
        }
    }

    init(index: ResourceIndex) {
        self.index = index
    }

    func fail(_ code: SchemaError.Code, _ pointer: JSONPointer, _ message: String) -> SchemaError {
        SchemaError(code: code, schemaPath: pointer, message: message)
    }

    /// Where a place is, for messages: the pointer, and the document when it is not the
    /// schema itself.
    func describe(_ place: DocumentPointer) -> String {
        place.document == 0
            ? place.pointer.fragment : index.documents[place.document].uri.description + place.pointer.fragment
    }

    mutating func compile(
        at place: DocumentPointer,
        value: JSONValue? = nil,
        parentResource: Int? = nil
    ) throws(SchemaError) -> Int {
        if let existing = place.document == 0 ? byPointer[place.pointer] : byOtherPlace[place] { return existing }
        guard let schema = value ?? place.pointer.resolve(in: index.documents[place.document].root) else {
            throw fail(.reference, place.pointer, "nothing is at \(describe(place))")
        }
        // A subschema is in its parent's resource unless it starts one with an `$id` (or
        // `id`); only then, or for a reference's target, is the enclosing resource looked up.
        let resource: Int
        if let parentResource, case .object(let o) = schema, o["$id"] == nil, o["id"] == nil {
            resource = parentResource
        } else {
            resource = index.enclosing(place)
        }
        let outer = (document, currentResource)
        document = place.document
        currentResource = resource
        defer { (document, currentResource) = outer }
        let nodeIndex = nodes.count
        var node = SchemaKeywords(location: place.pointer)
        node.resource = resource
        node.document = place.document
        nodes.append(node)
        if place.document == 0 { byPointer[place.pointer] = nodeIndex } else { byOtherPlace[place] = nodeIndex }
        switch schema {
        case .bool(let b):
            node.always = b
        case .object(let o):
            do {
                try compileKeywords(o, into: &node, at: place, index: nodeIndex)
            } catch {
                var located = error
                if place.document != 0, located.document == nil {
                    located.document = index.documents[place.document].uri.description
                }
                throw located
            }
        default:
            throw fail(
                .notASchema,
                place.pointer,
                "a schema must be an object or true/false, found a \(schema.typeName)"
            )
        }
        nodes[nodeIndex] = node
        return nodeIndex
    }

    /// Compiles a subschema of the document being compiled.
    mutating func compile(_ value: JSONValue, at pointer: JSONPointer) throws(SchemaError) -> Int {
        try compile(
            at: DocumentPointer(document: document, pointer: pointer),
            value: value,
            parentResource: currentResource
        )
    }

    func count(_ value: JSONValue, _ pointer: JSONPointer, _ keyword: String) throws(SchemaError) -> Int {
        guard case .number(let n) = value, n.isInteger, let i = n.intValue, i >= 0 else {
            throw fail(.keywordValue, pointer, "\(keyword) must be a non-negative integer, found \(value.jsonString())")
        }
        return i
    }

    func number(_ value: JSONValue, _ pointer: JSONPointer, _ keyword: String) throws(SchemaError) -> JSONNumber {
        guard case .number(let n) = value else {
            throw fail(.keywordValue, pointer, "\(keyword) must be a number, found \(value.jsonString())")
        }
        return n
    }

    mutating func list(_ value: JSONValue, _ pointer: JSONPointer, _ keyword: String) throws(SchemaError) -> [Int] {
        guard case .array(let schemas) = value, !schemas.isEmpty else {
            throw fail(.keywordValue, pointer, "\(keyword) must be a non-empty list of schemas")
        }
        var result: [Int] = []
        for (k, s) in schemas.enumerated() { result.append(try compile(s, at: pointer.appending(index: k))) }
        return result
    }

    mutating func map(
        _ value: JSONValue,
        _ pointer: JSONPointer,
        _ keyword: String
    ) throws(SchemaError) -> [(String, Int)] {
        guard case .object(let members) = value else {
            throw fail(.keywordValue, pointer, "\(keyword) must be an object of schemas")
        }
        var result: [(String, Int)] = []
        for (name, s) in members { result.append((name, try compile(s, at: pointer.appending(name)))) }
        return result
    }

    mutating func compileKeywords(
        _ o: JSONObject,
        into node: inout SchemaKeywords,
        at place: DocumentPointer,
        index nodeIndex: Int
    ) throws(SchemaError) {
        let pointer = place.pointer
        let resource = index.resources[node.resource]
        let dialect = resource.dialect
        node.containsEvaluatesItems = dialect >= .draft2020_12
        // Draft-04 alone says `1.0` is not an integer.
        node.integersByLiteral = dialect == .draft04
        let active = vocabularies(of: node.resource)
        // A meta-schema that lists the format-assertion vocabulary makes `format` an assertion.
        node.assertsFormat = active?.contains { $0.hasSuffix("/format-assertion") } ?? false
        // Up to draft-07 a `$ref` replaces every keyword beside it.
        let onlyRef = dialect.refOverridesSiblings && o["$ref"] != nil
        for (key, value) in o {
            let here = pointer.appending(key)
            if let keyword = SchemaKeyword.named[key] {
                if !dialect.reads(keyword) { continue }
                if let active, let vocabulary = Self.vocabulary(of: keyword),
                    !active.contains(where: {
                        $0.hasSuffix("/" + vocabulary) || ($0.hasSuffix("/format-assertion") && vocabulary == "format")
                    })
                {
                    continue
                }
                if onlyRef && keyword.role != .annotation && key != "$ref" { continue }
            }
            switch key {
            case "type":
                var set: TypeSet = []
                let names: [JSONValue] = value.arrayValue ?? [value]
                for name in names {
                    guard case .string(let text) = name,
                        let t = TypeSet.names.first(where: { $0.0 == text || $0.0.uppercased() == text })
                    else {
                        throw fail(
                            .unknownType,
                            here,
                            "unknown type \(name.jsonString()); the types are string, number, integer, boolean, array, object and null"
                        )
                    }
                    set.insert(t.1)
                }
                node.types = set
            case "nullable":
                node.nullable = value == .bool(true)
            case "enum":
                guard case .array(let values) = value else {
                    throw fail(.keywordValue, here, "enum must be a list of values")
                }
                node.enumValues = values
            case "const":
                node.constValue = value
            case "properties":
                for (name, n) in try map(value, here, key) {
                    node.propertyIndex[name, default: []].append(node.properties.count)
                    node.properties.append((name, n))
                }
            case "required":
                guard case .array(let names) = value else {
                    throw fail(.keywordValue, here, "required must be a list of property names")
                }
                for name in names {
                    guard case .string(let s) = name else {
                        throw fail(.keywordValue, here, "required must hold strings, found \(name.jsonString())")
                    }
                    node.required.append(s)
                }
            case "patternProperties":
                for (pattern, n) in try map(value, here, key) {
                    do {
                        node.patternProperties.append((try CompiledPattern(pattern), n))
                    } catch {
                        throw fail(
                            .pattern,
                            here.appending(pattern),
                            "the pattern /\(pattern)/ cannot be used: \(error.message)"
                        )
                    }
                }
            case "additionalProperties":
                node.additionalProperties = try compile(value, at: here)
            case "propertyNames":
                node.propertyNames = try compile(value, at: here)
            case "minProperties": node.minProperties = try count(value, here, key)
            case "maxProperties": node.maxProperties = try count(value, here, key)
            case "dependentRequired", "dependencies":
                guard case .object(let members) = value else {
                    throw fail(.keywordValue, here, "\(key) must be an object")
                }
                for (name, dependency) in members {
                    if case .array(let names) = dependency {
                        node.dependentRequired.append((name, names.compactMap(\.stringValue)))
                    } else if key == "dependencies" {
                        node.dependentSchemas.append((name, try compile(dependency, at: here.appending(name))))
                    } else {
                        throw fail(
                            .keywordValue,
                            here.appending(name),
                            "dependentRequired values must be lists of property names"
                        )
                    }
                }
            case "dependentSchemas":
                node.dependentSchemas += try map(value, here, key)
            case "prefixItems":
                node.prefixItems = try list(value, here, key)
            case "items":
                if case .array = value {
                    node.prefixItems = try list(value, here, key)  // draft-07 tuple form
                    node.prefixKeyword = "items"
                } else {
                    node.items = try compile(value, at: here)
                }
            case "additionalItems":
                if o["items"]?.arrayValue != nil {
                    node.items = try compile(value, at: here)
                    node.itemsKeyword = "additionalItems"
                }
            case "contains": node.contains = try compile(value, at: here)
            case "minContains": node.minContains = try count(value, here, key)
            case "maxContains": node.maxContains = try count(value, here, key)
            case "minItems": node.minItems = try count(value, here, key)
            case "maxItems": node.maxItems = try count(value, here, key)
            case "uniqueItems": node.uniqueItems = value == .bool(true)
            case "minLength": node.minLength = try count(value, here, key)
            case "maxLength": node.maxLength = try count(value, here, key)
            case "pattern":
                guard case .string(let p) = value else { throw fail(.keywordValue, here, "pattern must be a string") }
                do {
                    node.pattern = try CompiledPattern(p)
                } catch {
                    throw fail(.pattern, here, "the pattern /\(p)/ cannot be used: \(error.message)")
                }
            case "format":
                guard case .string(let f) = value else { throw fail(.keywordValue, here, "format must be a string") }
                node.format = f
            case "minimum":
                node.minimum = try number(value, here, key)
            case "maximum":
                node.maximum = try number(value, here, key)
            case "exclusiveMinimum":
                if case .bool(let b) = value {  // draft-04: makes minimum exclusive
                    if b, case .number(let m)? = o["minimum"] {
                        node.exclusiveMinimum = m
                        node.minimumIsExclusive = true
                    }
                } else {
                    node.exclusiveMinimum = try number(value, here, key)
                }
            case "exclusiveMaximum":
                if case .bool(let b) = value {
                    if b, case .number(let m)? = o["maximum"] {
                        node.exclusiveMaximum = m
                        node.maximumIsExclusive = true
                    }
                } else {
                    node.exclusiveMaximum = try number(value, here, key)
                }
            case "multipleOf":
                let m = try number(value, here, key)
                guard m > JSONNumber(0) else { throw fail(.keywordValue, here, "multipleOf must be greater than 0") }
                node.multipleOf = m
            case "allOf": node.allOf = try list(value, here, key)
            case "anyOf": node.anyOf = try list(value, here, key)
            case "oneOf": node.oneOf = try list(value, here, key)
            case "not": node.not = try compile(value, at: here)
            case "if": node.ifNode = try compile(value, at: here)
            case "then": node.thenNode = try compile(value, at: here)
            case "else": node.elseNode = try compile(value, at: here)
            case "$ref":
                guard case .string(let ref) = value else { throw fail(.keywordValue, here, "$ref must be a string") }
                let target = try resolve(ref, from: node.resource, at: here, keyword: key)
                pendingRefs.append((nodeIndex, target.place, here, .ref))
            case "$dynamicRef" where dialect == .draft2020_12, "$recursiveRef" where dialect == .draft2019_09:
                guard case .string(let ref) = value else { throw fail(.keywordValue, here, "\(key) must be a string") }
                let target = try resolve(ref, from: node.resource, at: here, keyword: key)
                pendingRefs.append((nodeIndex, target.place, here, .dynamicFallback))
                if key == "$dynamicRef" {
                    // Dynamic only when the first target is a `$dynamicAnchor` of that name
                    // (the "bookend"); otherwise it is a plain `$ref`.
                    if let name = target.anchor, index.resources[target.resource].dynamicAnchors.contains(name) {
                        dynamicRefs.append((nodeIndex, name))
                    }
                } else if index.resources[target.resource].recursiveAnchor,
                    target.place.pointer == index.resources[target.resource].pointer
                {
                    dynamicRefs.append((nodeIndex, nil))
                }
            case "$dynamicRef", "$recursiveRef":
                break  // the other draft's keyword: not read here
            case "unevaluatedProperties":
                node.unevaluatedProperties = try compile(value, at: here)
            case "unevaluatedItems":
                node.unevaluatedItems = try compile(value, at: here)
            case "default":
                node.defaultValue = value
            case "description":
                node.description = value.stringValue
            default:
                break  // annotations and unknown keywords do not affect validity
            }
        }
        // Draft-04: `exclusiveMinimum: true` turns `minimum` into an exclusive bound.
        if node.minimumIsExclusive { node.minimum = nil }
        if node.maximumIsExclusive { node.maximum = nil }
    }

    /// Where a reference leads: the place, its resource, and the anchor name when the
    /// fragment is one.
    struct Target {
        var place: DocumentPointer
        var resource: Int
        var anchor: String?
    }

    /// Resolves a `$ref` (or `$dynamicRef`, `$recursiveRef`) against the base URI of the
    /// resource it is in. Nothing is fetched: the URI must name a document the validator was
    /// given, an `$id` inside one, or a bundled meta-schema.
    mutating func resolve(
        _ ref: String,
        from resource: Int,
        at here: JSONPointer,
        keyword: String
    ) throws(SchemaError) -> Target {
        let uri = index.resources[resource].uri.resolving(ref)
        let key = uri.withoutFragment
        if index.byURI[key] == nil, let meta = MetaSchemas.byURI[key] {
            index.add(meta.schema, uri: key, file: nil, dialect: defaultDialect)
        }
        guard let r = index.byURI[key] else {
            throw fail(
                .reference,
                here,
                "\(keyword) \"\(ref)\" points to \(key), which no schema given to this validator answers to; "
                    + "nothing is fetched: pass that document in Validator(_:resources:) (on the command line, --resources)"
            )
        }
        let target = index.resources[r]
        let fragment = uri.fragment ?? ""
        if fragment.isEmpty {
            return Target(place: DocumentPointer(document: target.document, pointer: target.pointer), resource: r)
        }
        if fragment.hasPrefix("/") {
            let pointer: JSONPointer
            do {
                pointer = try JSONPointer(fragment: "#" + fragment)
            } catch {
                throw fail(
                    .reference,
                    here,
                    "\(keyword) \"\(ref)\" has an invalid JSON Pointer fragment: \(error.message)"
                )
            }
            let place = DocumentPointer(
                document: target.document,
                pointer: JSONPointer(tokens: target.pointer.tokens + pointer.tokens)
            )
            guard place.pointer.resolve(in: index.documents[target.document].root) != nil else {
                throw fail(
                    .reference,
                    here,
                    "\(keyword) \"\(ref)\" does not resolve: nothing in \(key) is at \(pointer)"
                )
            }
            return Target(place: place, resource: r)
        }
        let name = SchemaURI.percentDecoded(fragment)
        guard let pointer = target.anchors[name] else {
            let known = target.anchors.keys.sorted()
            throw fail(
                .reference,
                here,
                "\(keyword) \"\(ref)\" does not resolve: \(key) has no anchor named \"\(name)\""
                    + (known.isEmpty ? "" : " (its anchors: \(known.joined(separator: ", ")))")
            )
        }
        return Target(place: DocumentPointer(document: target.document, pointer: pointer), resource: r, anchor: name)
    }

    mutating func finish() throws(SchemaError) {
        while true {
            while let (nodeIndex, target, _, kind) = pendingRefs.popLast() {
                let compiled = try compile(at: target)
                switch kind {
                case .ref: nodes[nodeIndex].ref = compiled
                case .dynamicFallback:
                    nodes[nodeIndex].dynamicRef = DynamicTarget(fallback: compiled, candidates: [:])
                }
            }
            // A dynamic reference may land on its anchor in any resource evaluation can be
            // in: every resource with a compiled node. Compiling those targets can reach new
            // resources, so this repeats until nothing new is compiled.
            if dynamicRefs.isEmpty { break }
            let entered = Set(nodes.map(\.resource))
            let before = nodes.count
            for (nodeIndex, name) in dynamicRefs {
                for r in entered.sorted() {
                    let resource = index.resources[r]
                    let pointer: JSONPointer
                    if let name {
                        guard resource.dynamicAnchors.contains(name), let p = resource.anchors[name] else { continue }
                        pointer = p
                    } else {
                        guard resource.recursiveAnchor else { continue }
                        pointer = resource.pointer
                    }
                    let compiled = try compile(at: DocumentPointer(document: resource.document, pointer: pointer))
                    nodes[nodeIndex].dynamicRef?.candidates[r] = compiled
                }
            }
            if pendingRefs.isEmpty && nodes.count == before { break }
        }
        try checkCycles()
    }

    /// A cycle through keywords that apply to the same value ($ref, allOf, anyOf, oneOf, not,
    /// if/then/else, dependentSchemas) would never end.
    func checkCycles() throws(SchemaError) {
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on stack, 2 done
        for start in nodes.indices where state[start] == 0 {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                let edges = inPlace(top.node)
                if top.next < edges.count {
                    stack[stack.count - 1].next += 1
                    let target = edges[top.next]
                    if state[target] == 1 {
                        throw fail(
                            .referenceCycle,
                            nodes[target].location,
                            "a $ref cycle that never reaches a value: the schema at \(nodes[target].location.fragment) refers back to itself"
                        )
                    }
                    if state[target] == 0 {
                        state[target] = 1
                        stack.append((target, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
    }

    func inPlace(_ i: Int) -> [Int] {
        let n = nodes[i]
        var edges = n.allOf + n.anyOf + n.oneOf + n.dependentSchemas.map(\.1)
        for e in [n.ref, n.not, n.ifNode, n.thenNode, n.elseNode, n.dynamicRef?.fallback] {
            if let e { edges.append(e) }
        }
        if let candidates = n.dynamicRef?.candidates { edges += candidates.values.sorted() }
        return edges
    }
}
