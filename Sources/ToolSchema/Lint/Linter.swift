internal import JSONCore

/// Checks tool specs against JSON Schema's rules and the providers' own, with the file, line
/// and column of each problem.
///
/// ```swift
/// let source = SourceText(file: "tools.yaml", bytes: bytes)
/// let report = Linter(profiles: [.portable, .openAIStrict]).lint([source])
/// for finding in report.findings { print(finding.message) }
/// ```
public struct Linter: Sendable {
    /// The profiles whose rules run. `portable` is the default.
    public var profiles: Set<LintProfile>

    /// Creates a linter; `portable` always runs, since the other profiles build on it.
    public init(profiles: Set<LintProfile> = [.portable]) {
        self.profiles = profiles.union([.portable])
    }

    /// Loads and lints files. A file that cannot be read as JSON or YAML, or that holds
    /// something other than tool specs, becomes an error finding.
    public func lint(_ sources: [SourceText]) -> LintReport {
        var findings: [LintFinding] = []
        var specs: [ToolSpec] = []
        for source in sources {
            do {
                let documents = try LoadedDocument.load(source)
                specs += try ToolSpec.specs(in: documents)
            } catch {
                findings.append(
                    LintFinding(
                        file: error.file,
                        position: error.position,
                        pointer: .root,
                        rule: "syntax",
                        severity: .error,
                        message: error.message,
                        excerpt: error.excerpt,
                        caret: error.caret
                    )
                )
            }
        }
        var report = lint(specs)
        report.findings = (findings + report.findings).sorted(by: Self.order)
        report.fileCount = sources.count
        return report
    }

    /// Lints specs that are already loaded.
    public func lint(_ specs: [ToolSpec]) -> LintReport {
        var findings: [LintFinding] = []
        // Names must be unique among the tools that can be sent together: one provider family.
        // The same tool written for OpenAI and for Anthropic is not a clash.
        var firstByName: [String: ToolSpec] = [:]
        for spec in specs {
            var checker = SpecChecker(spec: spec, profiles: profiles)
            checker.check()
            findings += checker.findings
            if let name = spec.name {
                let key = "\(Self.family(spec.shape))/\(name)"
                if let first = firstByName[key] {
                    let where_ = first.origin.map { o in
                        "\(o.document.source.file)"
                            + (o.document.position(of: o.pointer).map { ":\($0.line):\($0.column)" } ?? "")
                    }
                    checker.findings = []
                    checker.report(
                        "duplicate-name",
                        .error,
                        at: ["name"],
                        relativeTo: .tool,
                        "the tool name \"\(name)\" is used twice (first at \(where_ ?? "another spec")); tool names must be unique"
                    )
                    findings += checker.findings
                } else {
                    firstByName[key] = spec
                }
            }
        }
        let named = specs.filter { $0.name != nil }
        if profiles.contains(.openAI) && named.count > 128, let spec = named.dropFirst(128).first {
            var checker = SpecChecker(spec: spec, profiles: profiles)
            checker.report(
                "openai-tool-count",
                .error,
                at: .root,
                relativeTo: .tool,
                "\(named.count) tools: OpenAI accepts at most 128 in one request; this is the 129th"
            )
            findings += checker.findings
        }
        return LintReport(findings: findings.sorted(by: Self.order), fileCount: 0, toolCount: named.count)
    }

    /// The provider family whose requests a shape's tools go into.
    static func family(_ shape: SpecShape) -> String {
        switch shape {
        case .openAI, .function: "openai"
        case .anthropic: "anthropic"
        case .gemini: "gemini"
        case .mcp: "mcp"
        case .jsonSchema: "schema"
        }
    }

    static func order(_ a: LintFinding, _ b: LintFinding) -> Bool {
        if a.file != b.file { return a.file < b.file }
        let pa = a.position?.offset ?? -1
        let pb = b.position?.offset ?? -1
        if pa != pb { return pa < pb }
        if a.severity != b.severity { return a.severity < b.severity }
        return a.rule < b.rule
    }
}

/// The rules, run over one spec.
struct SpecChecker {
    let spec: ToolSpec
    let profiles: Set<LintProfile>
    var findings: [LintFinding] = []
    /// The schema's root, for resolving `$ref`.
    let root: JSONValue
    let isGemini: Bool
    /// The compiled schema, for checking default, examples and const; nil when the schema has
    /// errors that the other rules report.
    let validator: Validator?
    // openai-strict totals
    var propertyCount = 0
    var totalTextLength = 0

    init(spec: ToolSpec, profiles: Set<LintProfile>) {
        self.spec = spec
        self.profiles = profiles
        self.root = spec.parameters ?? [:]
        self.isGemini = spec.shape == .gemini
        self.validator = try? Validator(spec.parameters ?? [:])
    }

    enum Base { case tool, schema }

    mutating func report(
        _ rule: String,
        _ severity: LintFinding.Severity,
        at pointer: JSONPointer,
        relativeTo base: Base = .schema,
        key: Bool = false,
        _ message: String
    ) {
        let origin = spec.origin
        let basePointer: JSONPointer
        switch base {
        case .tool: basePointer = origin?.pointer ?? .root
        case .schema: basePointer = origin?.parametersPointer ?? origin?.pointer ?? .root
        }
        let absolute = JSONPointer(tokens: basePointer.tokens + pointer.tokens)
        let position: SourcePosition? =
            origin.flatMap { key ? $0.document.keyPosition(of: absolute) : $0.document.position(of: absolute) }
        var excerpt = ""
        var caret = ""
        if let origin, let position { (excerpt, caret) = origin.document.source.excerpt(at: position) }
        findings.append(
            LintFinding(
                file: origin?.document.source.file ?? "<spec>",
                position: position,
                pointer: absolute,
                rule: rule,
                severity: severity,
                message: message,
                excerpt: excerpt,
                caret: caret
            )
        )
    }

    mutating func check() {
        checkTool()
        guard let parameters = spec.parameters, !spec.hasNoParameters else {
            if profiles.contains(.openAIStrict) && spec.name != nil {
                // Strict mode still needs an object schema; no parameters is fine (emitted as one).
            }
            return
        }
        // The root must describe an object of named arguments.
        if case .object(let o) = parameters {
            if o["type"] != "object" && !(isGemini && o["type"] == "OBJECT") {
                let rule =
                    spec.shape == .anthropic && profiles.contains(.anthropic) ? "anthropic-root-type" : "root-type"
                report(
                    rule,
                    .error,
                    at: o["type"] != nil ? ["type"] : .root,
                    "the arguments schema must have type: object at its root"
                        + (o["type"].map { ", found type: \($0.jsonString())" } ?? "")
                )
            }
            if profiles.contains(.openAIStrict), o["anyOf"] != nil {
                report(
                    "strict-root-anyof",
                    .error,
                    at: ["anyOf"],
                    key: true,
                    "OpenAI strict mode does not allow anyOf at the root; the root must be one object"
                )
            }
        }
        visit(parameters, at: .root, depth: 1)
        if profiles.contains(.openAIStrict) {
            if propertyCount > 5_000 {
                report(
                    "strict-limits",
                    .error,
                    at: .root,
                    "\(propertyCount) properties: OpenAI strict mode allows at most 5,000"
                )
            }
            if totalTextLength > 120_000 {
                report(
                    "strict-limits",
                    .error,
                    at: .root,
                    "property names, definition names and enum and const values total \(totalTextLength) characters; strict mode allows 120,000"
                )
            }
        }
    }

    // MARK: Tool-level rules

    mutating func checkTool() {
        guard let name = spec.name else { return }
        func matches(_ allowed: (Unicode.Scalar) -> Bool, max: Int) -> Bool {
            !name.isEmpty && name.unicodeScalars.count <= max && name.unicodeScalars.allSatisfy(allowed)
        }
        let alnum: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        if profiles.contains(.openAI) && !matches({ alnum($0) || $0 == "_" || $0 == "-" }, max: 64) {
            report(
                "openai-name",
                .error,
                at: ["name"],
                relativeTo: .tool,
                "OpenAI tool names must match ^[a-zA-Z0-9_-]{1,64}$, found \"\(name)\""
            )
        }
        if profiles.contains(.anthropic) && !matches({ alnum($0) || $0 == "_" || $0 == "-" }, max: 64) {
            report(
                "anthropic-name",
                .error,
                at: ["name"],
                relativeTo: .tool,
                "Anthropic tool names must match ^[a-zA-Z0-9_-]{1,64}$, found \"\(name)\""
            )
        }
        if profiles.contains(.gemini) {
            let first = name.unicodeScalars.first
            let startsWell = first.map { ($0.isASCII && $0.properties.isAlphabetic) || $0 == "_" } ?? false
            if !startsWell || !matches({ alnum($0) || $0 == "_" || $0 == "." || $0 == "-" }, max: 64) {
                report(
                    "gemini-name",
                    .error,
                    at: ["name"],
                    relativeTo: .tool,
                    "Gemini function names must start with a letter or underscore and use only a-z, A-Z, 0-9, _, . and -, at most 64; found \"\(name)\""
                )
            }
        }
        if profiles.contains(.mcp) && !matches({ alnum($0) || $0 == "_" || $0 == "." || $0 == "-" }, max: 128) {
            report(
                "mcp-name",
                .error,
                at: ["name"],
                relativeTo: .tool,
                "MCP tool names must be 1 to 128 characters of A-Z, a-z, 0-9, _, . and -, found \"\(name)\""
            )
        }
        if spec.description?.trimmingWhitespace.isEmpty ?? true {
            report(
                "missing-description",
                .warning,
                at: spec.description == nil ? .root : ["description"],
                relativeTo: .tool,
                "the tool \"\(name)\" has no description; the model decides when to call it from the description"
            )
        }
    }

    // MARK: The schema walk

    mutating func visit(_ schema: JSONValue, at pointer: JSONPointer, depth: Int) {
        let o: JSONObject
        switch schema {
        case .bool:
            if isGemini || profiles.contains(.gemini) {
                report(
                    "gemini-unsupported-keyword",
                    .error,
                    at: pointer,
                    "Gemini has no boolean schemas; write an object schema"
                )
            }
            return
        case .object(let object):
            o = object
        default:
            report(
                "schema-type",
                .error,
                at: pointer,
                "a schema must be an object (or true/false), found a \(schema.typeName)"
            )
            return
        }
        let types = checkType(o, at: pointer)
        checkKeywords(o, at: pointer)
        checkRequiredAndProperties(o, at: pointer, depth: depth)
        checkEnum(o, at: pointer, types: types)
        checkValues(o, at: pointer, types: types)
        checkBounds(o, at: pointer)
        checkRef(o, at: pointer)
        checkUnsupported(o, at: pointer)
        checkPattern(o, at: pointer)
        checkProviderRules(o, at: pointer, types: types, depth: depth)

        // Descend into subschemas, by the keyword table's shapes.
        let isObjectLevel = depth + (types.contains("object") ? 1 : 0)
        for (key, value) in o {
            guard let keyword = SchemaKeyword.named[key], keyword.shape.holdsSchemas else { continue }
            let here = pointer.appending(key)
            switch keyword.shape {
            case .schemaMap, .schemaOrNamesMap:
                guard case .object(let members) = value else {
                    if key != "properties" {  // properties has its own rule
                        report(
                            "keyword-value",
                            .error,
                            at: here,
                            "\(key) must be an object of schemas, found a \(value.typeName)"
                        )
                    }
                    continue
                }
                if key == "$defs" || key == "definitions" { for name in members.keys { totalTextLength += name.count } }
            case .schemaList:
                guard case .array(let list) = value, !list.isEmpty else {
                    report("keyword-value", .error, at: here, "\(key) must be a non-empty list of schemas")
                    continue
                }
            case .schema:
                if key == "additionalProperties" || key == "additionalItems", case .bool = value { continue }
            case .schemaOrSchemaList, .value:
                break
            }
            for (tokens, sub) in keyword.subschemas(in: value) {
                visit(sub, at: JSONPointer(tokens: here.tokens + tokens), depth: isObjectLevel)
            }
        }
    }

    // MARK: type

    static let typeNames: Set<String> = ["string", "number", "integer", "boolean", "array", "object", "null"]
    static let typeSuggestions: [String: String] = [
        "dict": "object", "map": "object", "hashmap": "object", "hash": "object", "struct": "object",
        "record": "object",
        "float": "number", "double": "number", "decimal": "number", "real": "number", "numeric": "number",
        "int": "integer", "long": "integer", "short": "integer", "int32": "integer", "int64": "integer",
        "i32": "integer",
        "i64": "integer", "uint": "integer", "u32": "integer", "u64": "integer", "str": "string", "text": "string",
        "char": "string", "date": "string (with format: date)", "datetime": "string (with format: date-time)",
        "uuid": "string (with format: uuid)", "bool": "boolean", "list": "array", "tuple": "array (with prefixItems)",
        "vec": "array", "set": "array (with uniqueItems: true)", "none": "null", "nil": "null",
    ]

    /// Checks `type`; returns the declared type names (lowercased).
    mutating func checkType(_ o: JSONObject, at pointer: JSONPointer) -> Set<String> {
        guard let type = o["type"] else { return [] }
        let here = pointer.appending("type")
        var names: [String] = []
        switch type {
        case .string(let name): names = [name]
        case .array(let list):
            if list.isEmpty { report("type-name", .error, at: here, "type must not be an empty list") }
            for item in list {
                guard case .string(let name) = item else {
                    report("type-name", .error, at: here, "type lists hold type names, found a \(item.typeName)")
                    continue
                }
                names.append(name)
            }
            if Set(list).count != list.count { report("type-name", .error, at: here, "type lists the same type twice") }
        default:
            report(
                "type-name",
                .error,
                at: here,
                "type must be a type name or a list of them, found a \(type.typeName)"
            )
            return []
        }
        var result: Set<String> = []
        for name in names {
            if Self.typeNames.contains(name) {
                result.insert(name)
                continue
            }
            let upper = name.uppercased() == name && Self.typeNames.contains(name.lowercased())
            if upper && (isGemini || spec.shape == .gemini) {
                result.insert(name.lowercased())
                continue
            }
            if name == "any" || name.lowercased() == "any" || name.lowercased() == "mixed" {
                report(
                    "type-name",
                    .error,
                    at: here,
                    "\"\(name)\" is not a JSON Schema type; to allow any value, leave type out"
                )
            } else if upper || Self.typeNames.contains(name.lowercased()) {
                report(
                    "type-name",
                    .error,
                    at: here,
                    "\"\(name)\" is not a JSON Schema type; type names are lowercase: use \"\(name.lowercased())\""
                )
                result.insert(name.lowercased())
            } else if let suggestion = Self.typeSuggestions[name.lowercased()] {
                report("type-name", .error, at: here, "\"\(name)\" is not a JSON Schema type; use \(suggestion)")
            } else {
                report(
                    "type-name",
                    .error,
                    at: here,
                    "\"\(name)\" is not a JSON Schema type; the types are string, number, integer, boolean, array, object and null"
                )
            }
        }
        return result
    }

    // MARK: keywords

    mutating func checkKeywords(_ o: JSONObject, at pointer: JSONPointer) {
        for key in o.keys where !SchemaKeyword.known.contains(key) && !key.hasPrefix("x-") {
            let here = pointer.appending(key)
            if let advice = JSONSchemaKeywords.nonStandard[key] {
                report("non-standard-keyword", .warning, at: here, key: true, advice)
            } else if let suggestion = JSONSchemaKeywords.suggestion(for: key) {
                report(
                    "misspelled-keyword",
                    .error,
                    at: here,
                    key: true,
                    "unknown keyword \"\(key)\"; did you mean \"\(suggestion)\"?"
                )
            } else {
                report(
                    "unknown-keyword",
                    .warning,
                    at: here,
                    key: true,
                    "unknown keyword \"\(key)\" is ignored by validators and providers"
                )
            }
        }
    }

    // MARK: required and properties

    mutating func checkRequiredAndProperties(_ o: JSONObject, at pointer: JSONPointer, depth: Int) {
        var propertyNames: Set<String>? = nil
        if let properties = o["properties"] {
            if case .object(let members) = properties {
                propertyNames = Set(members.keys)
                propertyCount += members.count
                for (name, sub) in members {
                    totalTextLength += name.count
                    if case .object(let s) = sub, s["description"] == nil, s["$ref"] == nil {
                        report(
                            "missing-description",
                            .warning,
                            at: pointer.appending("properties").appending(name),
                            key: true,
                            "the property \"\(name)\" has no description; the model fills it in from its name alone"
                        )
                    }
                }
            } else {
                report(
                    "properties",
                    .error,
                    at: pointer.appending("properties"),
                    "properties must be an object mapping names to schemas, found a \(properties.typeName)"
                )
            }
        }
        guard let required = o["required"] else { return }
        let here = pointer.appending("required")
        guard case .array(let list) = required else {
            let hint =
                required.boolValue != nil
                ? "; required: true on a property is not JSON Schema: list the names in the parent's required" : ""
            report(
                "required",
                .error,
                at: here,
                "required must be a list of property names, found a \(required.typeName)\(hint)"
            )
            return
        }
        var seen: Set<String> = []
        for (index, item) in list.enumerated() {
            guard case .string(let name) = item else {
                report(
                    "required",
                    .error,
                    at: here.appending(index: index),
                    "required lists property names (strings), found a \(item.typeName)"
                )
                continue
            }
            if !seen.insert(name).inserted {
                report("required", .error, at: here.appending(index: index), "\"\(name)\" is listed twice in required")
            } else if let propertyNames, !propertyNames.contains(name),
                o["additionalProperties"] == .bool(false) || o["patternProperties"] == nil
            {
                let suggestion =
                    JSONSchemaKeywords.closest(to: name, in: propertyNames).map { "; did you mean \"\($0)\"?" } ?? ""
                report(
                    "required",
                    .error,
                    at: here.appending(index: index),
                    "required names \"\(name)\", which is not in properties\(suggestion)"
                )
            }
        }
    }

    // MARK: enum

    mutating func checkEnum(_ o: JSONObject, at pointer: JSONPointer, types: Set<String>) {
        guard let value = o["enum"] else { return }
        let here = pointer.appending("enum")
        guard case .array(let list) = value else {
            report("enum", .error, at: here, "enum must be a list of the allowed values, found a \(value.typeName)")
            return
        }
        if list.isEmpty {
            report("enum", .error, at: here, "enum is empty, so no value is valid; list at least one")
            return
        }
        var seen: Set<JSONValue> = []
        for (index, item) in list.enumerated() {
            if case .string(let s) = item { totalTextLength += s.count }
            if !seen.insert(item).inserted {
                report("enum", .error, at: here.appending(index: index), "enum lists \(item.jsonString()) twice")
            }
            if !types.isEmpty && !Self.matches(item, types) {
                report(
                    "enum",
                    .error,
                    at: here.appending(index: index),
                    "enum value \(item.jsonString()) is a \(Self.kind(item)), but type allows only \(types.sorted().joined(separator: ", "))"
                )
            }
        }
        if profiles.contains(.openAIStrict) {
            if list.count > 1_000 {
                report(
                    "strict-limits",
                    .error,
                    at: here,
                    "\(list.count) enum values: OpenAI strict mode allows at most 1,000"
                )
            }
            let strings = list.compactMap(\.stringValue)
            let total = strings.reduce(0) { $0 + $1.count }
            if strings.count > 250 && total > 15_000 {
                report(
                    "strict-limits",
                    .error,
                    at: here,
                    "a string enum of \(strings.count) values totals \(total) characters; strict mode allows 15,000 for enums over 250 values"
                )
            }
        }
    }

    static func kind(_ v: JSONValue) -> String {
        if case .number(let n) = v { return n.isInteger ? "integer" : "number" }
        return v.typeName
    }

    static func matches(_ v: JSONValue, _ types: Set<String>) -> Bool {
        switch v {
        case .null: types.contains("null")
        case .bool: types.contains("boolean")
        case .string: types.contains("string")
        case .array: types.contains("array")
        case .object: types.contains("object")
        case .number(let n): types.contains("number") || (types.contains("integer") && n.isInteger)
        }
    }

    // MARK: default, examples, const

    /// Checks that `default`, `examples` and `const` are valid against the schema they sit in
    /// (with `$ref`s resolved); when the schema does not compile, against its type and enum.
    mutating func checkValues(_ o: JSONObject, at pointer: JSONPointer, types: Set<String>) {
        let allowed = o["enum"]?.arrayValue
        let validator = self.validator
        func check(_ value: JSONValue, _ here: JSONPointer, _ what: String) {
            if let validator, let errors = validator.validate(value, againstSubschemaAt: pointer) {
                if let first = errors.first {
                    let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
                    let place = first.instancePath == .root ? "" : " at \(first.instancePath)"
                    report(
                        "value-type",
                        .error,
                        at: here,
                        "\(what) \(value.jsonString()) is not valid against its own schema\(place): \(first.message)\(more)"
                    )
                }
                return
            }
            if !types.isEmpty && !Self.matches(value, types) {
                report(
                    "value-type",
                    .error,
                    at: here,
                    "\(what) \(value.jsonString()) is a \(Self.kind(value)), but type allows only \(types.sorted().joined(separator: ", "))"
                )
            } else if let allowed, !allowed.contains(value) {
                report("value-type", .error, at: here, "\(what) \(value.jsonString()) is not one of the enum values")
            }
        }
        if let d = o["default"] { check(d, pointer.appending("default"), "default") }
        if let c = o["const"] {
            check(c, pointer.appending("const"), "const")
            if case .string(let s) = c { totalTextLength += s.count }
        }
        if let examples = o["examples"] {
            if case .array(let list) = examples {
                for (index, e) in list.enumerated() {
                    check(e, pointer.appending("examples").appending(index: index), "example")
                }
            } else {
                report(
                    "keyword-value",
                    .error,
                    at: pointer.appending("examples"),
                    "examples must be a list of example values"
                )
            }
        }
    }

    // MARK: bounds

    mutating func checkBounds(_ o: JSONObject, at pointer: JSONPointer) {
        for key in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] {
            guard let v = o[key] else { continue }
            if case .bool = v, key.hasPrefix("exclusive") { continue }  // draft-04 form
            guard case .number(let n) = v else {
                report(
                    "keyword-value",
                    .error,
                    at: pointer.appending(key),
                    "\(key) must be a number, found \(v.jsonString())"
                )
                continue
            }
            if key == "multipleOf" && n <= JSONNumber(0) {
                report("keyword-value", .error, at: pointer.appending(key), "multipleOf must be greater than 0")
            }
        }
        for key in [
            "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains",
            "maxContains",
        ] {
            guard let v = o[key] else { continue }
            guard case .number(let n) = v, n.isInteger, n >= JSONNumber(0) else {
                report(
                    "keyword-value",
                    .error,
                    at: pointer.appending(key),
                    "\(key) must be a non-negative integer, found \(v.jsonString())"
                )
                continue
            }
        }
        let pairs = [
            ("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems"),
            ("minProperties", "maxProperties"), ("minContains", "maxContains"),
            ("exclusiveMinimum", "exclusiveMaximum"),
            ("minimum", "exclusiveMaximum"), ("exclusiveMinimum", "maximum"),
        ]
        for (lowKey, highKey) in pairs {
            guard case .number(let low)? = o[lowKey], case .number(let high)? = o[highKey] else { continue }
            let strict = lowKey.hasPrefix("exclusive") || highKey.hasPrefix("exclusive")
            if high < low || (strict && high == low) {
                report(
                    "bounds",
                    .error,
                    at: pointer.appending(lowKey),
                    "\(lowKey) \(low) is \(high < low ? "above" : "equal to") \(highKey) \(high), so no value is valid"
                )
            }
        }
    }

    // MARK: $ref

    mutating func checkRef(_ o: JSONObject, at pointer: JSONPointer) {
        guard let ref = o["$ref"] else { return }
        let here = pointer.appending("$ref")
        guard case .string(let text) = ref else {
            report("ref", .error, at: here, "$ref must be a string, found a \(ref.typeName)")
            return
        }
        guard text.hasPrefix("#") else {
            report(
                "ref",
                .error,
                at: here,
                "$ref \"\(text)\" points outside this schema; remote references are never fetched, so define it under $defs"
            )
            return
        }
        do {
            let target = try JSONPointer(fragment: text)
            if target.resolve(in: root) == nil {
                report(
                    "ref",
                    .error,
                    at: here,
                    "$ref \"\(text)\" does not resolve: nothing in this schema is at \(target)"
                )
            }
        } catch {
            report("ref", .error, at: here, "$ref \"\(text)\" is not a valid JSON Pointer fragment: \(error.message)")
        }
    }

    // MARK: Keywords the validator does not implement yet

    mutating func checkUnsupported(_ o: JSONObject, at pointer: JSONPointer) {
        for (key, value) in o where Validator.usesUnsupportedKeyword(key, value) {
            report(
                "unsupported-keyword",
                .error,
                at: pointer.appending(key),
                key: true,
                "\(key) is not checked by ToolSchema's validator yet, so arguments would be validated without it; "
                    + "remove it (or compile with ignoresUnsupportedKeywords to accept that)"
            )
        }
    }

    // MARK: pattern

    mutating func checkPattern(_ o: JSONObject, at pointer: JSONPointer) {
        var patterns: [(String, JSONPointer)] = []
        if let p = o["pattern"] {
            guard case .string(let text) = p else {
                report(
                    "pattern",
                    .error,
                    at: pointer.appending("pattern"),
                    "pattern must be a string, found a \(p.typeName)"
                )
                return
            }
            patterns.append((text, pointer.appending("pattern")))
        }
        if case .object(let members)? = o["patternProperties"] {
            for name in members.keys { patterns.append((name, pointer.appending("patternProperties").appending(name))) }
        }
        for (text, here) in patterns {
            do {
                let node = try RegexParser.parse(text)
                if let unsupported = node.unsupportedConstruct {
                    report(
                        "pattern",
                        .error,
                        at: here,
                        key: here.parent?.tokens.last == "patternProperties",
                        "the pattern uses \(unsupported), which a linear-time engine cannot run; rewrite it without"
                    )
                }
            } catch {
                report(
                    "pattern",
                    .error,
                    at: here,
                    key: here.parent?.tokens.last == "patternProperties",
                    "the pattern /\(text)/ does not compile: \(error.message) (at character \(error.index + 1))"
                )
            }
        }
    }

    // MARK: provider profiles

    static let strictFormats: Set<String> = [
        "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid",
    ]

    mutating func checkProviderRules(_ o: JSONObject, at pointer: JSONPointer, types: Set<String>, depth: Int) {
        let isObject = types.contains("object") || o["properties"] != nil
        if profiles.contains(.openAIStrict) {
            for keyword in SchemaKeyword.table
            where !keyword.providers.contains(.openAIStrict) && o[keyword.name] != nil {
                let keyword = keyword.name
                report(
                    "strict-unsupported-keyword",
                    .error,
                    at: pointer.appending(keyword),
                    key: true,
                    "OpenAI strict mode does not support \(keyword)"
                )
            }
            if case .string(let format)? = o["format"], !Self.strictFormats.contains(format) {
                report(
                    "strict-format",
                    .error,
                    at: pointer.appending("format"),
                    "OpenAI strict mode does not support format \"\(format)\"; it supports \(Self.strictFormats.sorted().joined(separator: ", "))"
                )
            }
            if isObject {
                if o["additionalProperties"] != .bool(false) {
                    report(
                        "strict-additional-properties",
                        .error,
                        at: o["additionalProperties"] != nil ? pointer.appending("additionalProperties") : pointer,
                        "OpenAI strict mode needs additionalProperties: false on every object"
                    )
                }
                if case .object(let members)? = o["properties"] {
                    let required = Set((o["required"]?.arrayValue ?? []).compactMap(\.stringValue))
                    for name in members.keys where !required.contains(name) {
                        report(
                            "strict-required",
                            .error,
                            at: pointer.appending("properties").appending(name),
                            key: true,
                            "OpenAI strict mode needs every property in required; add \"\(name)\" there (make it nullable if it is optional)"
                        )
                    }
                }
                if depth > 10 {
                    report(
                        "strict-limits",
                        .error,
                        at: pointer,
                        "objects are nested \(depth) levels deep; OpenAI strict mode allows 10"
                    )
                }
            }
        }
        if profiles.contains(.gemini) {
            if o["additionalProperties"] != nil {
                report(
                    "gemini-additional-properties",
                    .error,
                    at: pointer.appending("additionalProperties"),
                    key: true,
                    "Gemini's schema has no additionalProperties; remove it"
                )
            }
            if case .array(let values)? = o["enum"], values.contains(where: { $0.stringValue == nil }) {
                report(
                    "gemini-enum-type",
                    .error,
                    at: pointer.appending("enum"),
                    "Gemini accepts only string enum values; numeric and other values are rejected by the API"
                )
            }
            if o["type"] == nil && o["anyOf"] == nil && o["$ref"] == nil {
                report("gemini-missing-type", .error, at: pointer, "Gemini needs a type on every schema")
            }
            for key in o.keys where !GeminiConverter.supported.contains(key) && SchemaKeyword.known.contains(key) {
                report(
                    "gemini-unsupported-keyword",
                    .error,
                    at: pointer.appending(key),
                    key: true,
                    "\(key) is outside Gemini's schema subset; `toolschema derive --to gemini` drops or converts it"
                )
            }
        }
    }
}

/// Advice for keywords that are not JSON Schema (the known ones are ``SchemaKeyword/table``).
enum JSONSchemaKeywords {
    static let nonStandard: [String: String] = [
        "optional": "\"optional\" is not JSON Schema; leave the property out of the parent's required instead",
        "requiredProperties": "\"requiredProperties\" is not JSON Schema; use required on the object",
        "allowNull": "\"allowNull\" is not JSON Schema; add \"null\" to type instead",
        "values": "\"values\" is not JSON Schema; use enum for allowed values",
        "choices": "\"choices\" is not JSON Schema; use enum for allowed values",
        "options": "\"options\" is not JSON Schema; use enum for allowed values",
    ]

    static let misspellings: [String: String] = [
        "require": "required", "requires": "required", "enums": "enum", "additionalProperty": "additionalProperties",
        "additionalProperites": "additionalProperties", "minimun": "minimum", "maximun": "maximum",
        "property": "properties",
        "props": "properties", "item": "items", "desc": "description", "descriptions": "description", "types": "type",
        "patterns": "pattern", "formats": "format", "defaults": "default", "definition": "definitions", "defs": "$defs",
        "ref": "$ref", "min": "minimum", "max": "maximum", "minLen": "minLength", "maxLen": "maxLength",
        "exclusiveMin": "exclusiveMinimum", "exclusiveMax": "exclusiveMaximum", "const_": "const", "oneof": "oneOf",
    ]

    /// A keyword `key` was probably meant as, or nil.
    static func suggestion(for key: String) -> String? {
        if let s = misspellings[key] { return s }
        if let s = SchemaKeyword.known.first(where: { $0.lowercased() == key.lowercased() }) { return s }
        return closest(to: key, in: SchemaKeyword.known, maxDistance: key.count >= 6 ? 2 : (key.count >= 4 ? 1 : 0))
    }

    /// The closest candidate by edit distance (ignoring case), when close enough.
    static func closest(to word: String, in candidates: some Collection<String>, maxDistance: Int? = nil) -> String? {
        let limit = maxDistance ?? max(1, word.count / 3)
        guard limit > 0 else { return nil }
        var best: (String, Int)? = nil
        for c in candidates.sorted() {
            let d = editDistance(word.lowercased(), c.lowercased())
            if d <= limit && d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[y.count]
    }
}

extension String {
    /// The text without leading and trailing whitespace, without copying it.
    package var trimmingWhitespace: Substring {
        let scalars = unicodeScalars
        let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
        let end = scalars.lastIndex { !$0.properties.isWhitespace }.map { scalars.index(after: $0) } ?? start
        return Substring(scalars[start..<max(start, end)])
    }
}
