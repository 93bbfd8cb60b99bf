public import JSONCore

/// A change a conversion made to a schema, or something it had to drop.
public struct ConversionNote: Hashable, Sendable, CustomStringConvertible {
    /// The tool, when it has a name.
    public var tool: String?
    /// Where in the tool's emitted schema the change was made.
    public var schemaPath: JSONPointer
    /// What was changed, in one line.
    public var message: String

    /// Creates a note.
    public init(tool: String?, schemaPath: JSONPointer, message: String) {
        self.tool = tool
        self.schemaPath = schemaPath
        self.message = message
    }

    /// `tool: /pointer: message`.
    public var description: String {
        let place = schemaPath == .root ? "(root)" : schemaPath.description
        return "\(tool ?? "(schema)"): \(place): \(message)"
    }
}

/// Specs written in one shape: the JSON to send, and every change the conversion made.
public struct EmittedSpecs: Hashable, Sendable {
    /// The JSON a request needs (see ``ToolSpec/emit(_:as:strict:)`` for each shape's form).
    public var value: JSONValue
    /// What the conversion changed or dropped, in the order it did so.
    public var notes: [ConversionNote]

    /// Creates the result of an emit.
    public init(value: JSONValue, notes: [ConversionNote]) {
        self.value = value
        self.notes = notes
    }
}

/// Why specs could not be written in a shape.
public struct EmitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        private init(_ name: String) { description = name }

        /// A spec without a name (a bare JSON Schema) in a shape that needs one.
        public static let missingName = Code("missing-name")
    }

    /// What kind of problem it is.
    public var code: Code
    /// Which spec, by its position in the list given to ``ToolSpec/emit(_:as:strict:)``.
    public var specIndex: Int
    /// What is wrong, naming the spec.
    public var message: String
    /// The message.
    public var description: String { message }
}

extension ToolSpec {
    /// Writes specs as the JSON a request needs in `shape`, with every change reported.
    ///
    /// - `openai`: the `tools` array, `[{"type": "function", "function": {…}}]`;
    /// - `functions`: the legacy `functions` array, `[{name, description, parameters}]`;
    /// - `anthropic`: `[{name, description, input_schema}]`;
    /// - `gemini`: `[{"functionDeclarations": […]}]`, schemas mapped to Gemini's OpenAPI subset
    ///   (uppercase types, `nullable` for `["T", "null"]`, enum values as strings); everything
    ///   the subset lacks is dropped and reported;
    /// - `mcp`: `[{name, description, inputSchema}]`, as in a `tools/list` result;
    /// - `jsonschema`: the arguments schema for one spec, an array of them for several.
    ///
    /// With `strict`, each schema is made an OpenAI strict-mode schema first: every object
    /// gets `additionalProperties: false`, and every optional property becomes required and
    /// nullable. For `openai`, `"strict": true` is set.
    ///
    /// - Throws: ``EmitError`` when a spec without a name (a bare JSON Schema) must be written
    ///   in a shape that needs one.
    public static func emit(
        _ specs: [ToolSpec],
        as shape: SpecShape,
        strict: Bool = false
    ) throws(EmitError) -> EmittedSpecs {
        var notes: [ConversionNote] = []
        var entries: [JSONValue] = []
        for (index, spec) in specs.enumerated() {
            var schema = spec.argumentsSchema
            if strict {
                var converter = StrictConverter(tool: spec.name)
                schema = converter.convert(schema, at: .root)
                notes += converter.notes
            }
            if shape == .jsonSchema {
                entries.append(schema)
                continue
            }
            guard let name = spec.name else {
                throw EmitError(
                    code: .missingName,
                    specIndex: index,
                    message:
                        "a bare JSON Schema has no tool name, so it cannot be written as \(shape); wrap it as {name, description, parameters}"
                )
            }
            var object = JSONObject()
            object["name"] = .string(name)
            if let description = spec.description { object["description"] = .string(description) }
            switch shape {
            case .openAI:
                object["parameters"] = schema
                if strict || spec.strict != nil { object["strict"] = .bool(strict || spec.strict == true) }
                entries.append(["type": "function", "function": .object(object)])
            case .function:
                object["parameters"] = schema
                entries.append(.object(object))
            case .anthropic:
                object["input_schema"] = schema
                entries.append(.object(object))
            case .mcp:
                object["inputSchema"] = schema
                entries.append(.object(object))
            case .gemini:
                if !(spec.hasNoParameters && !strict) {
                    var converter = GeminiConverter(tool: name, root: schema)
                    object["parameters"] = converter.convert(schema, at: .root, depth: 0)
                    notes += converter.notes
                }
                entries.append(.object(object))
            case .jsonSchema:
                break
            }
        }
        switch shape {
        case .gemini: return EmittedSpecs(value: [["functionDeclarations": .array(entries)]], notes: notes)
        case .jsonSchema where entries.count == 1: return EmittedSpecs(value: entries[0], notes: notes)
        default: return EmittedSpecs(value: .array(entries), notes: notes)
        }
    }
}

// MARK: - OpenAI strict mode

struct StrictConverter {
    let tool: String?
    var notes: [ConversionNote] = []

    mutating func note(_ pointer: JSONPointer, _ message: String) {
        notes.append(ConversionNote(tool: tool, schemaPath: pointer, message: message))
    }

    static func isObjectSchema(_ o: JSONObject) -> Bool {
        if o["properties"] != nil { return true }
        switch o["type"] {
        case .string("object")?: return true
        case .array(let types)?: return types.contains("object")
        default: return false
        }
    }

    mutating func convert(_ schema: JSONValue, at pointer: JSONPointer) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        for (key, value) in o {
            guard let keyword = SchemaKeyword.named[key], keyword.shape.holdsSchemas else { continue }
            let subschemas = keyword.subschemas(in: value)
            guard !subschemas.isEmpty else { continue }
            var converted = value
            for (tokens, sub) in subschemas where sub.objectValue != nil {
                let place = JSONPointer(tokens: pointer.appending(key).tokens + tokens)
                converted = converted.replacing(at: JSONPointer(tokens: tokens), with: convert(sub, at: place))
            }
            o[key] = converted
        }
        for keyword in SchemaKeyword.table where !keyword.providers.contains(.openAIStrict) && o[keyword.name] != nil {
            note(pointer, "OpenAI strict mode does not support \(keyword.name); left as is, so the API will reject it")
        }
        guard Self.isObjectSchema(o) else { return .object(o) }
        if o["additionalProperties"] != .bool(false) {
            let had = o["additionalProperties"] != nil
            o["additionalProperties"] = false
            note(
                pointer,
                had
                    ? "set additionalProperties to false (strict mode allows no other value)"
                    : "added additionalProperties: false"
            )
        }
        guard case .object(var properties)? = o["properties"] else {
            if o["properties"] == nil { o["properties"] = [:] }
            if o["required"] == nil { o["required"] = [] }
            return .object(o)
        }
        let required = Set((o["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        var requiredList = (o["required"]?.arrayValue ?? []).filter {
            $0.stringValue.map { properties[$0] != nil } ?? false
        }
        for (name, sub) in properties where !required.contains(name) {
            requiredList.append(.string(name))
            properties[name] = Self.nullable(sub)
            note(
                pointer.appending("properties").appending(name),
                "made the optional property \"\(name)\" required and nullable (strict mode requires every property)"
            )
        }
        o["properties"] = .object(properties)
        o["required"] = .array(requiredList)
        return .object(o)
    }

    /// The schema that also accepts null.
    /// Whether a schema is `{"type": "null"}` (with annotations at most).
    static func isNullSchema(_ schema: JSONValue) -> Bool {
        schema.objectValue?["type"] == "null" && schema.objectValue?["anyOf"] == nil
    }

    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        switch o["type"] {
        case .string(let t)?:
            if t != "null" { o["type"] = [.string(t), "null"] }
        case .array(var types)?:
            if !types.contains("null") { types.append("null") }
            o["type"] = .array(types)
        default:
            // Already nullable: a union with a null branch (Pydantic's `Optional`).
            for key in ["anyOf", "oneOf"] where o[key]?.arrayValue?.contains(where: isNullSchema) == true {
                return schema
            }
            // Wrapped, with the annotations on the wrapper, where readers (and lint) look.
            var wrapper = JSONObject()
            for key in ["title", "description", "default", "examples"] {
                if let value = o.removeValue(forKey: key) { wrapper[key] = value }
            }
            wrapper["anyOf"] = [.object(o), ["type": "null"]]
            return .object(wrapper)
        }
        if case .array(var values)? = o["enum"], !values.contains(.null) {
            values.append(.null)
            o["enum"] = .array(values)
        }
        return .object(o)
    }
}

// MARK: - Gemini's OpenAPI subset

struct GeminiConverter {
    let tool: String
    let root: JSONValue
    var notes: [ConversionNote] = []
    var expanding: Set<String> = []

    /// The fields of Gemini's `Schema` object.
    static let supported = SchemaKeyword.supported(by: .gemini)

    init(tool: String, root: JSONValue) {
        self.tool = tool
        self.root = root
    }

    mutating func note(_ pointer: JSONPointer, _ message: String) {
        notes.append(ConversionNote(tool: tool, schemaPath: pointer, message: message))
    }

    static func geminiType(_ name: String) -> String? {
        switch name {
        case "string": "STRING"
        case "number": "NUMBER"
        case "integer": "INTEGER"
        case "boolean": "BOOLEAN"
        case "array": "ARRAY"
        case "object": "OBJECT"
        case "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT": name
        default: nil
        }
    }

    mutating func convert(_ schema: JSONValue, at pointer: JSONPointer, depth: Int) -> JSONValue {
        guard case .object(var source) = schema else {
            if schema == .bool(true) {
                note(pointer, "replaced the schema true (anything) with an empty schema")
            } else {
                note(pointer, "replaced the schema \(schema) with an empty schema; Gemini has no boolean schemas")
            }
            return [:]
        }
        // Local references are inlined; recursive ones cannot be.
        if case .string(let ref)? = source["$ref"] {
            source.removeValue(forKey: "$ref")
            if expanding.contains(ref) || depth > 32 {
                note(pointer, "dropped the recursive $ref \(ref); Gemini schemas cannot refer to themselves")
            } else if let target = try? JSONPointer(fragment: ref), let resolved = target.resolve(in: root) {
                note(pointer, "inlined $ref \(ref); Gemini has no references")
                expanding.insert(ref)
                let inlined = convert(resolved, at: pointer, depth: depth + 1)
                expanding.remove(ref)
                var merged = inlined.objectValue ?? JSONObject()
                for (k, v) in source where k != "$defs" && k != "definitions" {
                    merged[k] = convert(.object([k: v]), at: pointer, depth: depth + 1)[k]
                }
                return .object(merged)
            } else {
                note(pointer, "dropped the $ref \(ref), which does not resolve to a local definition")
            }
        }
        var out = JSONObject()
        var enumAsStrings = false
        for (key, value) in source {
            let here = pointer.appending(key)
            switch key {
            case "type":
                switch value {
                case .string(let t):
                    if let g = Self.geminiType(t) {
                        out["type"] = .string(g)
                    } else if t == "null" {
                        out["nullable"] = true
                        note(here, "replaced type null with nullable: true")
                    } else {
                        note(here, "dropped the unknown type \"\(t)\"")
                    }
                case .array(let types):
                    let nonNull = types.compactMap(\.stringValue).filter { $0 != "null" }
                    if types.contains("null") {
                        out["nullable"] = true
                        note(here, "replaced \"null\" in the type list with nullable: true")
                    }
                    if nonNull.count == 1, let g = Self.geminiType(nonNull[0]) {
                        out["type"] = .string(g)
                    } else if nonNull.count > 1 {
                        out["anyOf"] = .array(nonNull.compactMap(Self.geminiType).map { ["type": .string($0)] })
                        note(here, "replaced the type list \(value) with anyOf, since Gemini takes one type")
                    }
                default:
                    note(here, "dropped a type that is neither a name nor a list")
                }
            case "enum", "const":
                let values = key == "const" ? [value] : (value.arrayValue ?? [])
                if key == "const" { note(here, "replaced const with a one-value enum") }
                var strings: [JSONValue] = []
                var converted = false
                for v in values {
                    switch v {
                    case .string: strings.append(v)
                    case .null:
                        out["nullable"] = true
                        converted = true
                    default:
                        strings.append(.string(v.jsonString()))
                        converted = true
                    }
                }
                if converted {
                    note(
                        here,
                        "wrote the enum values as strings, as Gemini requires; the model will send \(JSONValue.array(strings))"
                    )
                    enumAsStrings = true
                }
                out["enum"] = .array(strings)
            case "properties":
                guard case .object(let members) = value else { continue }
                var converted = JSONObject()
                for (name, sub) in members {
                    converted[name] = convert(sub, at: here.appending(name), depth: depth + 1)
                }
                out["properties"] = .object(converted)
            case "items":
                if case .array(let list) = value {
                    note(here, "kept only the first schema of an items list; Gemini has no tuples")
                    out["items"] = list.first.map { convert($0, at: here.appending(index: 0), depth: depth + 1) } ?? [:]
                } else {
                    out["items"] = convert(value, at: here, depth: depth + 1)
                }
            case "anyOf", "oneOf":
                if key == "oneOf" { note(here, "replaced oneOf with anyOf, the only union Gemini has") }
                let list = value.arrayValue ?? []
                let branches = list.enumerated().filter { !StrictConverter.isNullSchema($0.element) }
                if branches.count < list.count {
                    out["nullable"] = true
                    note(here, "replaced the null branch of \(key) with nullable: true")
                }
                let converted = branches.map {
                    convert($0.element, at: here.appending(index: $0.offset), depth: depth + 1)
                }
                if converted.count == 1, case .object(let only) = converted[0] {
                    // `anyOf: [T, null]` is T, nullable: Gemini needs the type on the schema itself.
                    for (k, v) in only where out[k] == nil { out[k] = v }
                    note(here, "replaced \(key) with its one remaining branch")
                } else {
                    out["anyOf"] = .array(converted)
                }
            case "examples":
                if let first = value.arrayValue?.first {
                    out["example"] = first
                    note(here, "kept the first of examples as example")
                } else {
                    note(here, "dropped examples, which holds no example")
                }
            case "$defs", "definitions":
                note(here, "dropped \(key) after inlining the references to it")
            case let key where Self.supported.contains(key):
                out[key] = value  // the same in Gemini's subset
            default:
                note(here, "dropped \(key), which Gemini's schema does not have")
            }
        }
        if out["type"] == nil, out["anyOf"] == nil, let values = out["enum"]?.arrayValue,
            values.allSatisfy({ $0.stringValue != nil })
        {
            out["type"] = "STRING"
            note(pointer, "added type STRING, which Gemini needs on every schema")
        }
        if enumAsStrings {
            out["type"] = "STRING"
            for bound in ["minimum", "maximum"] where out[bound] != nil {
                out.removeValue(forKey: bound)
                note(
                    pointer.appending(bound),
                    "dropped \(bound), which does not apply once the enum values are strings"
                )
            }
        }
        return .object(out)
    }
}
