import JSONCore

/// Compiles a schema into ``SchemaKeywords`` for every subschema reached from the root, then
/// resolves `$ref`s and refuses cycles that never reach a value.
struct SchemaCompiler {
    let root: JSONValue
    var nodes: [SchemaKeywords] = []
    var byPointer: [JSONPointer: Int] = [:]
    var pendingRefs: [(node: Int, target: JSONPointer, at: JSONPointer)] = []
    var ignoresUnsupportedKeywords = false

    init(root: JSONValue) {
        self.root = root
    }

    func fail(_ code: SchemaError.Code, _ pointer: JSONPointer, _ message: String) -> SchemaError {
        SchemaError(code: code, schemaPath: pointer, message: message)
    }

    mutating func compile(_ schema: JSONValue, at pointer: JSONPointer) throws(SchemaError) -> Int {
        if let existing = byPointer[pointer] { return existing }
        let index = nodes.count
        var node = SchemaKeywords(location: pointer)
        nodes.append(node)
        byPointer[pointer] = index
        switch schema {
        case .bool(let b):
            node.always = b
        case .object(let o):
            try compileKeywords(o, into: &node, at: pointer, index: index)
        default:
            throw fail(.notASchema, pointer, "a schema must be an object or true/false, found a \(schema.typeName)")
        }
        nodes[index] = node
        return index
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
        at pointer: JSONPointer,
        index: Int
    ) throws(SchemaError) {
        for (key, value) in o {
            let here = pointer.appending(key)
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
                guard ref.hasPrefix("#") else {
                    throw fail(
                        .reference,
                        here,
                        "$ref \"\(ref)\" points outside this schema; remote references are never fetched"
                    )
                }
                let target: JSONPointer
                do {
                    target = try JSONPointer(fragment: ref)
                } catch {
                    throw fail(
                        .reference,
                        here,
                        "$ref \"\(ref)\" is not a JSON Pointer fragment (anchors are not supported): \(error.message)"
                    )
                }
                pendingRefs.append((index, target, here))
            case "default":
                node.defaultValue = value
            case "description":
                node.description = value.stringValue
            case let key where Validator.usesUnsupportedKeyword(key, value):
                guard ignoresUnsupportedKeywords else {
                    throw fail(
                        .unsupportedKeyword,
                        here,
                        "\(key) is not supported by this validator yet, so the schema cannot be checked as written; "
                            + "remove it, or set Validator.Options.ignoresUnsupportedKeywords to accept the schema without checking it"
                    )
                }
            default:
                break  // annotations and unknown keywords do not affect validity
            }
        }
        // Draft-04: `exclusiveMinimum: true` turns `minimum` into an exclusive bound.
        if node.minimumIsExclusive { node.minimum = nil }
        if node.maximumIsExclusive { node.maximum = nil }
    }

    mutating func finish() throws(SchemaError) {
        while let (index, target, at) = pendingRefs.popLast() {
            guard let resolved = target.resolve(in: root) else {
                throw fail(
                    .reference,
                    at,
                    "$ref \"\(target.fragment)\" does not resolve: nothing in the schema is at \(target)"
                )
            }
            let compiled = try compile(resolved, at: target)
            nodes[index].ref = compiled
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
        for e in [n.ref, n.not, n.ifNode, n.thenNode, n.elseNode] { if let e { edges.append(e) } }
        return edges
    }
}
