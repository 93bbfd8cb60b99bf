public import JSONCore

/// A JSON Schema compiled once and shared freely: checks values and reports every error with
/// its JSON Pointer.
///
/// Implements JSON Schema 2020-12 validation (with draft-07 and draft-04 spellings, OpenAPI's
/// `nullable` and Gemini's uppercase type names). `$ref`s are resolved and patterns compiled
/// when the validator is built, never per call; remote references are never fetched.
///
/// ```swift
/// let validator = try Validator(["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]])
/// validator.validate(["city": 42])   // [/city: expected a string, found the number 42]
/// ```
public struct Validator: Sendable {
    /// Choices that change what is checked.
    public struct Options: Sendable, Hashable {
        /// Whether `format` is an assertion (the default, right for tool arguments) or only an
        /// annotation, as JSON Schema 2020-12 makes it by default.
        public var assertsFormats: Bool = true

        /// Whether to accept a schema that uses an assertion keyword this validator does not
        /// implement yet (``Validator/unsupportedKeywords``), which is then not checked. Off by
        /// default: such a schema is refused, rather than letting values pass that the schema
        /// rejects. (`true` and `{}` as their value change nothing and are always accepted.)
        public var ignoresUnsupportedKeywords: Bool = false

        /// The defaults.
        public init() {}
    }

    /// Assertion keywords this validator does not implement yet. A schema that uses one (with
    /// a value other than `true` or `{}`) is refused unless
    /// ``Options/ignoresUnsupportedKeywords`` is set, and lint reports it.
    public static let unsupportedKeywords: Set<String> = [
        "unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef",
    ]

    /// Whether `value` for one of ``unsupportedKeywords`` would change a verdict: anything but
    /// `true` or `{}` (a `$dynamicRef` or `$recursiveRef` always does).
    package static func usesUnsupportedKeyword(_ key: String, _ value: JSONValue) -> Bool {
        guard unsupportedKeywords.contains(key) else { return false }
        if key.hasPrefix("$") { return true }
        return !(value == true || value == .object(JSONObject()))
    }

    /// The schema as given.
    public let schema: JSONValue
    /// The options in force.
    public let options: Options
    let nodes: [SchemaNode]
    /// The compiled node for each subschema's place in the schema.
    let nodeAt: [JSONPointer: Int]

    /// Compiles a schema.
    ///
    /// - Throws: ``SchemaError`` for a schema that cannot be checked: a keyword with a value of
    ///   the wrong kind, an unknown type name, a pattern that does not compile (or needs
    ///   backreferences or lookaround), a `$ref` that does not resolve or points outside the
    ///   schema, a `$ref` cycle that never reaches a value, or a keyword this validator does
    ///   not implement yet (``unsupportedKeywords``) unless the options accept it.
    public init(_ schema: JSONValue, options: Options = Options()) throws(SchemaError) {
        var compiler = SchemaCompiler(root: schema)
        compiler.ignoresUnsupportedKeywords = options.ignoresUnsupportedKeywords
        _ = try compiler.compile(schema, at: .root)
        try compiler.finish()
        self.schema = schema
        self.options = options
        self.nodes = compiler.nodes
        self.nodeAt = compiler.byPointer
    }

    /// Every way `value` fails the subschema at `pointer` (with `$ref`s resolved against the
    /// whole schema), or nil when no subschema was compiled there.
    package func validate(_ value: JSONValue, againstSubschemaAt pointer: JSONPointer) -> [ValidationError]? {
        guard let index = nodeAt[pointer] else { return nil }
        var context = ValidationContext(collecting: true, assertsFormats: options.assertsFormats)
        _ = check(index, value, &context)
        return context.errors
    }

    /// Compiles a tool's arguments schema; schema errors carry the file position when the spec
    /// was loaded from a file.
    public init(spec: ToolSpec, options: Options = Options()) throws(SchemaError) {
        do {
            try self.init(spec.argumentsSchema, options: options)
        } catch {
            var located = error
            if let origin = spec.origin, let base = origin.parametersPointer {
                let absolute = JSONPointer(tokens: base.tokens + error.pointer.tokens)
                located.position = origin.document.position(of: absolute)
                located.file = origin.document.source.file
            }
            throw located
        }
    }

    /// Every way `value` fails the schema; empty when it is valid.
    ///
    /// For `anyOf` and `oneOf`, only the closest branch is reported: the one whose `const` or
    /// single-value `enum` discriminator matches the value, else the one with fewest errors.
    public func validate(_ value: JSONValue) -> [ValidationError] {
        var context = ValidationContext(collecting: true, assertsFormats: options.assertsFormats)
        _ = check(0, value, &context)
        return context.errors
    }

    /// Whether `value` is valid, stopping at the first failure and building no messages.
    public func isValid(_ value: JSONValue) -> Bool {
        var context = ValidationContext(collecting: false, assertsFormats: options.assertsFormats)
        return check(0, value, &context)
    }
}

// MARK: - Compiled form

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

/// One compiled subschema. A class, so that visiting a node costs one retain instead of one
/// per field; it is filled in while compiling and never changed afterwards, which is what
/// makes sharing it across tasks safe.
final class SchemaNode: @unchecked Sendable {
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
    // annotations the checker and hints use
    var defaultValue: JSONValue? = nil
    var description: String? = nil

    init(location: JSONPointer) {
        self.location = location
    }

    func fragment(_ keyword: String) -> String {
        location.appending(keyword).fragment
    }

    func property(_ name: String) -> Int? {
        // A few properties (the usual tool schema): compare bytes; hashing costs more.
        if properties.count <= 12 {
            for p in properties where StringKey.equal(p.name, name) { return p.node }
            return nil
        }
        guard let candidates = propertyIndex[name] else { return nil }
        for k in candidates where StringKey.equal(properties[k].name, name) { return properties[k].node }
        return nil
    }
}

struct SchemaCompiler {
    let root: JSONValue
    var nodes: [SchemaNode] = []
    var byPointer: [JSONPointer: Int] = [:]
    var pendingRefs: [(node: Int, target: JSONPointer, at: JSONPointer)] = []
    var ignoresUnsupportedKeywords = false

    init(root: JSONValue) {
        self.root = root
    }

    func fail(_ pointer: JSONPointer, _ message: String) -> SchemaError {
        SchemaError(pointer: pointer, message: message)
    }

    mutating func compile(_ schema: JSONValue, at pointer: JSONPointer) throws(SchemaError) -> Int {
        if let existing = byPointer[pointer] { return existing }
        let index = nodes.count
        let node = SchemaNode(location: pointer)
        nodes.append(node)
        byPointer[pointer] = index
        switch schema {
        case .bool(let b):
            node.always = b
        case .object(let o):
            try compileKeywords(o, into: node, at: pointer, index: index)
        default:
            throw fail(pointer, "a schema must be an object or true/false, found a \(schema.typeName)")
        }
        return index
    }

    func count(_ value: JSONValue, _ pointer: JSONPointer, _ keyword: String) throws(SchemaError) -> Int {
        guard case .number(let n) = value, n.isInteger, let i = n.intValue, i >= 0 else {
            throw fail(pointer, "\(keyword) must be a non-negative integer, found \(value.jsonString())")
        }
        return i
    }

    func number(_ value: JSONValue, _ pointer: JSONPointer, _ keyword: String) throws(SchemaError) -> JSONNumber {
        guard case .number(let n) = value else {
            throw fail(pointer, "\(keyword) must be a number, found \(value.jsonString())")
        }
        return n
    }

    mutating func list(_ value: JSONValue, _ pointer: JSONPointer, _ keyword: String) throws(SchemaError) -> [Int] {
        guard case .array(let schemas) = value, !schemas.isEmpty else {
            throw fail(pointer, "\(keyword) must be a non-empty list of schemas")
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
        guard case .object(let members) = value else { throw fail(pointer, "\(keyword) must be an object of schemas") }
        var result: [(String, Int)] = []
        for (name, s) in members { result.append((name, try compile(s, at: pointer.appending(name)))) }
        return result
    }

    mutating func compileKeywords(
        _ o: JSONObject,
        into node: SchemaNode,
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
                guard case .array(let values) = value else { throw fail(here, "enum must be a list of values") }
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
                    throw fail(here, "required must be a list of property names")
                }
                for name in names {
                    guard case .string(let s) = name else {
                        throw fail(here, "required must hold strings, found \(name.jsonString())")
                    }
                    node.required.append(s)
                }
            case "patternProperties":
                for (pattern, n) in try map(value, here, key) {
                    do {
                        node.patternProperties.append((try CompiledPattern(pattern), n))
                    } catch {
                        throw fail(here.appending(pattern), "the pattern /\(pattern)/ cannot be used: \(error.message)")
                    }
                }
            case "additionalProperties":
                node.additionalProperties = try compile(value, at: here)
            case "propertyNames":
                node.propertyNames = try compile(value, at: here)
            case "minProperties": node.minProperties = try count(value, here, key)
            case "maxProperties": node.maxProperties = try count(value, here, key)
            case "dependentRequired", "dependencies":
                guard case .object(let members) = value else { throw fail(here, "\(key) must be an object") }
                for (name, dependency) in members {
                    if case .array(let names) = dependency {
                        node.dependentRequired.append((name, names.compactMap(\.stringValue)))
                    } else if key == "dependencies" {
                        node.dependentSchemas.append((name, try compile(dependency, at: here.appending(name))))
                    } else {
                        throw fail(here.appending(name), "dependentRequired values must be lists of property names")
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
                guard case .string(let p) = value else { throw fail(here, "pattern must be a string") }
                do {
                    node.pattern = try CompiledPattern(p)
                } catch {
                    throw fail(here, "the pattern /\(p)/ cannot be used: \(error.message)")
                }
            case "format":
                guard case .string(let f) = value else { throw fail(here, "format must be a string") }
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
                guard m > JSONNumber(0) else { throw fail(here, "multipleOf must be greater than 0") }
                node.multipleOf = m
            case "allOf": node.allOf = try list(value, here, key)
            case "anyOf": node.anyOf = try list(value, here, key)
            case "oneOf": node.oneOf = try list(value, here, key)
            case "not": node.not = try compile(value, at: here)
            case "if": node.ifNode = try compile(value, at: here)
            case "then": node.thenNode = try compile(value, at: here)
            case "else": node.elseNode = try compile(value, at: here)
            case "$ref":
                guard case .string(let ref) = value else { throw fail(here, "$ref must be a string") }
                guard ref.hasPrefix("#") else {
                    throw fail(here, "$ref \"\(ref)\" points outside this schema; remote references are never fetched")
                }
                let target: JSONPointer
                do {
                    target = try JSONPointer(fragment: ref)
                } catch {
                    throw fail(
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
                throw fail(at, "$ref \"\(target.fragment)\" does not resolve: nothing in the schema is at \(target)")
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

// MARK: - Checking

struct ValidationContext {
    let collecting: Bool
    let assertsFormats: Bool
    var errors: [ValidationError] = []
    var path: [String] = []

    init(collecting: Bool, assertsFormats: Bool) {
        self.collecting = collecting
        self.assertsFormats = assertsFormats
    }

    /// Records a failure (when collecting), marks `valid` false, and says whether checking
    /// should stop here: at the first failure unless every error is being collected.
    mutating func reject(
        _ node: SchemaNode,
        _ keyword: String,
        _ message: @autoclosure () -> String,
        _ details: @autoclosure () -> ValidationError.Details = ValidationError.Details(),
        extraPath: String? = nil,
        setting valid: inout Bool
    ) -> Bool {
        valid = false
        fail(node, keyword, message(), details(), extraPath: extraPath)
        return !collecting
    }

    mutating func fail(
        _ node: SchemaNode,
        _ keyword: String,
        _ message: @autoclosure () -> String,
        _ details: @autoclosure () -> ValidationError.Details = ValidationError.Details(),
        extraPath: String? = nil
    ) {
        guard collecting else { return }
        var tokens = path
        if let extraPath { tokens.append(extraPath) }
        errors.append(
            ValidationError(
                instancePath: JSONPointer(tokens: tokens),
                schemaPath: node.fragment(keyword),
                keyword: keyword,
                message: message(),
                details: details()
            )
        )
    }
}

/// Short descriptions of values for messages: `"Paris"`, `the number 42`, `an object`.
enum Describe {
    static func value(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n):
            return "the number \(n.literal.count > 40 ? String(n.literal.prefix(40)) + "…" : n.literal)"
        case .string(let s): return "the string " + quoted(s)
        case .array(let a): return a.isEmpty ? "an empty array" : "an array of \(a.count)"
        case .object(let o): return o.isEmpty ? "an empty object" : "an object"
        }
    }

    static func quoted(_ s: String) -> String {
        let short =
            s.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(40))) + "…" : s
        return JSONValue.string(short).jsonString()
    }

    static func list(_ values: [JSONValue]) -> String {
        let shown = values.prefix(10).map { $0.jsonString() }.joined(separator: ", ")
        return values.count > 10 ? shown + ", … (\(values.count) in all)" : shown
    }

    static func types(_ t: TypeSet) -> String {
        let names = t.names.map { name in
            switch name {
            case "integer": "an integer"
            case "array", "object": "an \(name)"
            case "null": "null"
            default: "a \(name)"
            }
        }
        if names.count <= 1 { return names.first ?? "nothing" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}

extension Validator {
    /// Checks `value` against node `i`. In collecting mode every failure is recorded; otherwise
    /// it returns at the first.
    func check(_ i: Int, _ value: JSONValue, _ c: inout ValidationContext) -> Bool {
        let node = nodes[i]
        if let always = node.always {
            if !always { c.fail(node, "false", "no value is allowed here") }
            return always
        }
        var valid = true
        @inline(__always) func failed() -> Bool {
            valid = false
            return !c.collecting
        }

        if let ref = node.ref, descend(ref, value, at: nil, &c, &valid) { return false }

        // type, enum, const
        let isNullAllowed = node.nullable && value.isNull
        if let types = node.types, !types.admits(value), !isNullAllowed {
            if c.reject(
                node,
                "type",
                "expected \(Describe.types(types))\(node.nullable ? " or null" : ""), found \(Describe.value(value))",
                ValidationError.Details(
                    expectedTypes: types.names + (node.nullable ? ["null"] : []),
                    actualType: Self.kind(value)
                ),
                setting: &valid
            ) {
                return false
            }
        }
        if let allowed = node.enumValues, !isNullAllowed, !allowed.contains(value) {
            if c.reject(
                node,
                "enum",
                "expected one of \(Describe.list(allowed)), found \(Describe.value(value))",
                ValidationError.Details(actualType: Self.kind(value), allowedValues: allowed),
                setting: &valid
            ) {
                return false
            }
        }
        if let constant = node.constValue, constant != value {
            if c.reject(
                node,
                "const",
                "expected \(constant.jsonString()), found \(Describe.value(value))",
                ValidationError.Details(actualType: Self.kind(value), allowedValues: [constant]),
                setting: &valid
            ) {
                return false
            }
        }

        switch value {
        case .object(let object):
            if !checkObject(node, object, &c) && failed() { return false }
        case .array(let elements):
            if !checkArray(node, elements, &c) && failed() { return false }
        case .string(let s):
            if !checkString(node, s, &c) && failed() { return false }
        case .number(let n):
            if !checkNumber(node, n, &c) && failed() { return false }
        default:
            break
        }

        // Composition.
        for sub in node.allOf where descend(sub, value, at: nil, &c, &valid) { return false }
        if !node.anyOf.isEmpty && !checkUnion(node, node.anyOf, "anyOf", value, &c) && failed() { return false }
        if !node.oneOf.isEmpty && !checkUnion(node, node.oneOf, "oneOf", value, &c) && failed() { return false }
        if let not = node.not, isValid(not, value, &c) {
            if c.reject(
                node,
                "not",
                "expected a value that does not match the schema at \(node.fragment("not")), found \(Describe.value(value))",
                setting: &valid
            ) {
                return false
            }
        }
        if let ifNode = node.ifNode {
            let branch = isValid(ifNode, value, &c) ? node.thenNode : node.elseNode
            if let branch, descend(branch, value, at: nil, &c, &valid) { return false }
        }
        return valid
    }

    static func kind(_ v: JSONValue) -> String {
        if case .number(let n) = v { return n.isInteger ? "integer" : "number" }
        return v.typeName
    }

    /// Checks a child value (at `token` below the current path, or the same value when nil);
    /// on failure marks `valid` false and says whether checking should stop here.
    func descend(
        _ i: Int,
        _ value: JSONValue,
        at token: String?,
        _ c: inout ValidationContext,
        _ valid: inout Bool
    ) -> Bool {
        if let token { c.path.append(token) }
        defer { if token != nil { c.path.removeLast() } }
        if check(i, value, &c) { return false }
        valid = false
        return !c.collecting
    }

    /// Checks without recording errors, whatever the context collects.
    func isValid(_ i: Int, _ value: JSONValue, _ c: inout ValidationContext) -> Bool {
        var quiet = ValidationContext(collecting: false, assertsFormats: c.assertsFormats)
        return check(i, value, &quiet)
    }

    func checkUnion(
        _ node: SchemaNode,
        _ branches: [Int],
        _ keyword: String,
        _ value: JSONValue,
        _ c: inout ValidationContext
    ) -> Bool {
        var matching: [Int] = []
        for (k, b) in branches.enumerated() where isValid(b, value, &c) {
            matching.append(k)
            if keyword == "anyOf" { return true }
        }
        if keyword == "oneOf" && matching.count == 1 { return true }
        guard c.collecting else { return false }
        if matching.count > 1 {
            c.fail(
                node,
                keyword,
                "matches \(matching.count) of the oneOf schemas (\(matching.map(String.init).joined(separator: ", "))); expected exactly one"
            )
            return false
        }
        // Report the closest branch only: a matching discriminator first, then a branch whose
        // type fits the value, then the fewest errors; the first branch wins a tie.
        var best: (errors: [ValidationError], rank: (Int, Int, Int))? = nil
        for b in branches {
            var sub = ValidationContext(collecting: true, assertsFormats: c.assertsFormats)
            sub.path = c.path
            _ = check(b, value, &sub)
            let typeMiss = sub.errors.contains { $0.keyword == "type" && $0.instancePath.tokens == c.path }
            let rank = (discriminatorMatches(b, value) ? 0 : 1, typeMiss ? 1 : 0, sub.errors.count)
            if best == nil || rank < best!.rank { best = (sub.errors, rank) }
        }
        c.errors += best?.errors ?? []
        return false
    }

    /// Whether a branch's `const` (or one-value `enum`) property matches the value's.
    func discriminatorMatches(_ branch: Int, _ value: JSONValue) -> Bool {
        guard case .object(let object) = value else { return false }
        var node = nodes[branch]
        if let ref = node.ref, node.properties.isEmpty { node = nodes[ref] }
        for (name, p) in node.properties {
            let property = nodes[p]
            let tag = property.constValue ?? (property.enumValues?.count == 1 ? property.enumValues?.first : nil)
            if let tag, let actual = object[name] {
                if tag == actual { return true }
            }
        }
        return false
    }

    func checkObject(_ node: SchemaNode, _ object: JSONObject, _ c: inout ValidationContext) -> Bool {
        var valid = true
        for name in node.required where object[name] == nil {
            // The message is an autoclosure: built only when errors are collected.
            let stop = c.reject(
                node,
                "required",
                "missing required property \"\(name)\""
                    + (node.property(name).flatMap { nodes[$0].description }.map { " (\($0))" } ?? ""),
                ValidationError.Details(properties: [name]),
                setting: &valid
            )
            if stop { return false }
        }
        if let min = node.minProperties, object.count < min {
            if c.reject(
                node,
                "minProperties",
                "expected at least \(min) properties, found \(object.count)",
                .init(limit: .number(JSONNumber(min))),
                setting: &valid
            ) {
                return false
            }
        }
        if let max = node.maxProperties, object.count > max {
            if c.reject(
                node,
                "maxProperties",
                "expected at most \(max) properties, found \(object.count)",
                .init(limit: .number(JSONNumber(max))),
                setting: &valid
            ) {
                return false
            }
        }
        for (name, dependencies) in node.dependentRequired where object[name] != nil {
            for d in dependencies where object[d] == nil {
                if c.reject(
                    node,
                    "dependentRequired",
                    "missing property \"\(d)\", which is required when \"\(name)\" is present",
                    .init(properties: [d, name]),
                    setting: &valid
                ) {
                    return false
                }
            }
        }
        for (name, schema) in node.dependentSchemas where object[name] != nil {
            if descend(schema, .object(object), at: nil, &c, &valid) { return false }
        }
        let checksMembers =
            !node.properties.isEmpty || !node.patternProperties.isEmpty || node.additionalProperties != nil
            || node.propertyNames != nil
        guard checksMembers else { return valid }
        for (name, member) in object {
            if let names = node.propertyNames {
                if descend(names, .string(name), at: name, &c, &valid) { return false }
            }
            var matched = false
            if let p = node.property(name) {
                matched = true
                if descend(p, member, at: name, &c, &valid) { return false }
            }
            for (pattern, p) in node.patternProperties where pattern.matches(name) {
                matched = true
                if descend(p, member, at: name, &c, &valid) { return false }
            }
            if !matched, let additional = node.additionalProperties {
                if nodes[additional].always == false {
                    if c.reject(
                        node,
                        "additionalProperties",
                        "unexpected property \"\(name)\"; the allowed properties are \(node.properties.map { "\"\($0.name)\"" }.joined(separator: ", "))",
                        .init(properties: [name]),
                        extraPath: name,
                        setting: &valid
                    ) {
                        return false
                    }
                } else if descend(additional, member, at: name, &c, &valid) {
                    return false
                }
            }
        }
        return valid
    }

    func checkArray(_ node: SchemaNode, _ elements: [JSONValue], _ c: inout ValidationContext) -> Bool {
        var valid = true
        if let min = node.minItems, elements.count < min {
            if c.reject(
                node,
                "minItems",
                "expected at least \(min) items, found \(elements.count)",
                .init(limit: .number(JSONNumber(min))),
                setting: &valid
            ) {
                return false
            }
        }
        if let max = node.maxItems, elements.count > max {
            if c.reject(
                node,
                "maxItems",
                "expected at most \(max) items, found \(elements.count)",
                .init(limit: .number(JSONNumber(max))),
                setting: &valid
            ) {
                return false
            }
        }
        if node.uniqueItems, let (a, b) = Self.firstDuplicate(elements) {
            if c.reject(
                node,
                "uniqueItems",
                "expected unique items, but items \(a) and \(b) are equal (\(elements[a].jsonString()))",
                setting: &valid
            ) {
                return false
            }
        }
        for (k, element) in elements.enumerated() {
            let schema: Int?
            if k < node.prefixItems.count {
                schema = node.prefixItems[k]
            } else {
                schema = node.items
            }
            guard let schema else { continue }
            if descend(schema, element, at: String(k), &c, &valid) { return false }
        }
        if let contains = node.contains {
            var matches = 0
            for element in elements where isValid(contains, element, &c) { matches += 1 }
            let min = node.minContains ?? 1
            if matches < min {
                if c.reject(
                    node,
                    node.minContains == nil ? "contains" : "minContains",
                    "expected at least \(min) item\(min == 1 ? "" : "s") matching the schema at \(node.fragment("contains")), found \(matches)",
                    .init(limit: .number(JSONNumber(min))),
                    setting: &valid
                ) {
                    return false
                }
            }
            if let max = node.maxContains, matches > max {
                if c.reject(
                    node,
                    "maxContains",
                    "expected at most \(max) items matching the schema at \(node.fragment("contains")), found \(matches)",
                    .init(limit: .number(JSONNumber(max))),
                    setting: &valid
                ) {
                    return false
                }
            }
        }
        return valid
    }

    static func firstDuplicate(_ elements: [JSONValue]) -> (Int, Int)? {
        if elements.count < 32 {
            for a in elements.indices {
                for b in (a + 1)..<elements.count where elements[a] == elements[b] { return (a, b) }
            }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        for (k, e) in elements.enumerated() {
            if let first = seen[e] { return (first, k) }
            seen[e] = k
        }
        return nil
    }

    func checkString(_ node: SchemaNode, _ s: String, _ c: inout ValidationContext) -> Bool {
        var valid = true
        if node.minLength != nil || node.maxLength != nil {
            let length = StringKey.scalarCount(s)  // code points, not Characters
            if let min = node.minLength, length < min {
                if c.reject(
                    node,
                    "minLength",
                    "expected at least \(min) characters, found \(length)",
                    .init(limit: .number(JSONNumber(min))),
                    setting: &valid
                ) {
                    return false
                }
            }
            if let max = node.maxLength, length > max {
                if c.reject(
                    node,
                    "maxLength",
                    "expected at most \(max) characters, found \(length)",
                    .init(limit: .number(JSONNumber(max))),
                    setting: &valid
                ) {
                    return false
                }
            }
        }
        if let pattern = node.pattern, !pattern.matches(s) {
            if c.reject(
                node,
                "pattern",
                "expected a string matching /\(pattern.source)/, found \(Describe.quoted(s))",
                .init(format: pattern.source),
                setting: &valid
            ) {
                return false
            }
        }
        if c.assertsFormats, let format = node.format, let checker = Formats.checker(format), !checker.isValid(s) {
            if c.reject(
                node,
                "format",
                "expected \(checker.description), found \(Describe.quoted(s))",
                .init(format: format),
                setting: &valid
            ) {
                return false
            }
        }
        return valid
    }

    func checkNumber(_ node: SchemaNode, _ n: JSONNumber, _ c: inout ValidationContext) -> Bool {
        var valid = true
        func limit(_ l: JSONNumber) -> ValidationError.Details { .init(limit: .number(l)) }
        if let m = node.minimum, n < m {
            if c.reject(node, "minimum", "expected at least \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.exclusiveMinimum, n <= m {
            if c.reject(node, "exclusiveMinimum", "expected more than \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.maximum, n > m {
            if c.reject(node, "maximum", "expected at most \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.exclusiveMaximum, n >= m {
            if c.reject(node, "exclusiveMaximum", "expected less than \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.multipleOf, !DecimalMath.isMultiple(n, of: m) {
            if c.reject(node, "multipleOf", "expected a multiple of \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        return valid
    }
}

// MARK: - Schema facts for hints

/// What the schema says about one place in the arguments, for messages.
package struct SchemaFacts: Sendable {
    package var types: [String]
    package var description: String?
    package var enumValues: [JSONValue]?
    package var constValue: JSONValue?
    package var propertyNames: [String]
    package var required: [String]
    package var itemTypes: [String]
}

extension Validator {
    /// What the schema says about the value at `path`, following `properties`, `items` and
    /// `$ref`; nil when no single subschema applies there.
    package func facts(at path: JSONPointer) -> SchemaFacts? {
        nodeIndex(atInstancePath: path).map(facts(ofNode:))
    }

    /// The compiled subschema that applies to the value at an instance path: `properties`,
    /// `prefixItems`, `items` and `additionalProperties` followed from the root, through `$ref`
    /// and into `allOf` branches. Nil when none does: hints, coercion and decoding then treat
    /// the place as unknown rather than guessing the schema's layout.
    package func nodeIndex(atInstancePath path: JSONPointer) -> Int? {
        var index = 0
        for token in path.tokens {
            guard let next = child(of: index, token, depth: 0) else { return nil }
            index = next
        }
        return index
    }

    private func child(of index: Int, _ token: String, depth: Int) -> Int? {
        guard depth < 16 else { return nil }
        let node = resolvedNode(index)
        if let p = node.property(token) { return p }
        if let k = Int(token), k < node.prefixItems.count { return node.prefixItems[k] }
        if Int(token) != nil, let items = node.items { return items }
        for branch in node.allOf {
            if let found = child(of: branch, token, depth: depth + 1) { return found }
        }
        if let additional = node.additionalProperties, nodes[additional].always == nil { return additional }
        return nil
    }

    /// Every way `value` fails the subschema that applies at an instance path (see
    /// ``nodeIndex(atInstancePath:)``), or nil when none does.
    package func validate(_ value: JSONValue, atInstancePath path: JSONPointer) -> [ValidationError]? {
        guard let index = nodeIndex(atInstancePath: path) else { return nil }
        var context = ValidationContext(collecting: true, assertsFormats: options.assertsFormats)
        _ = check(index, value, &context)
        return context.errors
    }

    func resolvedNode(_ i: Int) -> SchemaNode {
        var node = nodes[i]
        var hops = 0
        while let ref = node.ref, node.types == nil, node.properties.isEmpty, hops < 32 {
            node = nodes[ref]
            hops += 1
        }
        return node
    }

    func facts(ofNode i: Int) -> SchemaFacts {
        let original = nodes[i]
        let node = resolvedNode(i)
        var itemTypes: [String] = []
        if let items = node.items { itemTypes = resolvedNode(items).types?.names ?? [] }
        return SchemaFacts(
            types: node.types?.names ?? [],
            description: original.description ?? node.description,
            enumValues: node.enumValues,
            constValue: node.constValue,
            propertyNames: node.properties.map(\.name),
            required: node.required,
            itemTypes: itemTypes
        )
    }
}
