public import JSONCore

/// The shape a tool spec was written in, which is also a shape it can be emitted in.
public enum SpecShape: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// OpenAI's `{"type": "function", "function": {name, description, parameters, strict}}`.
    case openAI = "openai"
    /// A bare function `{name, description, parameters}`: OpenAI's legacy `functions` entries,
    /// and the natural way to write a spec in YAML.
    case function = "functions"
    /// Anthropic's `{name, description, input_schema}`.
    case anthropic
    /// Gemini `functionDeclarations` entries: `{name, description, parameters}` with an
    /// OpenAPI-subset schema (uppercase type names, `nullable`).
    case gemini
    /// MCP's `{name, description, inputSchema}`.
    case mcp
    /// A bare JSON Schema with no name, for a single arguments schema.
    case jsonSchema = "jsonschema"

    /// The value in words, as messages print it.
    public var description: String { rawValue }
}

/// One tool: its name, description and the JSON Schema of its arguments.
///
/// Read from any provider's shape with `ToolSpec.specs(in:)`, and written to any with
/// ``ToolSpec/emit(_:as:strict:)``.
public struct ToolSpec: Sendable {
    /// The tool's name; nil for a bare JSON Schema.
    public var name: String?
    /// What the tool does, for the model.
    public var description: String?
    /// The arguments schema as written, or nil when the spec has none (no arguments).
    public var parameters: JSONValue?
    /// OpenAI's `strict` flag, when the spec sets it.
    public var strict: Bool?
    /// The shape it was written in.
    public var shape: SpecShape
    /// Where it was written, when it was loaded from a file.
    public var origin: Origin?

    /// Where a spec was written.
    public struct Origin: Sendable {
        /// The document holding it.
        public var document: LoadedDocument
        /// The spec object's place in the document.
        public var pointer: JSONPointer
        /// The arguments schema's place in the document, when there is one.
        public var parametersPointer: JSONPointer?
    }

    /// Creates a spec.
    public init(
        name: String?,
        description: String? = nil,
        parameters: JSONValue? = nil,
        strict: Bool? = nil,
        shape: SpecShape = .function,
        origin: Origin? = nil
    ) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.strict = strict
        self.shape = shape
        self.origin = origin
    }

    /// The schema for arguments: the written one, or, for a spec with no parameters (missing,
    /// or `{}` as several providers' examples write it), an object with no properties.
    public var argumentsSchema: JSONValue {
        switch parameters {
        case nil, .object(JSONObject())?: ["type": "object", "properties": [:]]
        case let p?: p
        }
    }

    /// Whether the spec declares no parameters (none written, or `{}`).
    public var hasNoParameters: Bool {
        parameters == nil || parameters == .object(JSONObject())
    }
}

extension ToolSpec: Equatable {
    /// Specs are equal when they say the same; where they were written does not count.
    public static func == (a: ToolSpec, b: ToolSpec) -> Bool {
        a.name == b.name && a.description == b.description && a.parameters == b.parameters && a.strict == b.strict
            && a.shape == b.shape
    }
}

// MARK: - Reading specs from documents

extension ToolSpec {
    /// Reads every tool spec in a document, whatever the shape: OpenAI tools, bare functions,
    /// Anthropic tools, MCP tools, Gemini function declarations, a list of any of these, a
    /// wrapper object with `tools`, `functions` or `functionDeclarations` (a whole request body
    /// works too), or a bare JSON Schema.
    ///
    /// - Throws: ``LoadError`` at the place that is not a spec, or whose fields have the
    ///   wrong type.
    public static func specs(in document: LoadedDocument) throws(LoadError) -> [ToolSpec] {
        var reader = SpecReader(document: document)
        try reader.read(document.value, at: .root, context: nil)
        return reader.specs
    }

    /// Reads the specs of several documents, in order.
    public static func specs(in documents: [LoadedDocument]) throws(LoadError) -> [ToolSpec] {
        var all: [ToolSpec] = []
        for document in documents { all += try specs(in: document) }
        return all
    }
}

struct SpecReader {
    let document: LoadedDocument
    var specs: [ToolSpec] = []

    func error(_ message: String, at pointer: JSONPointer, key: Bool = false) -> LoadError {
        LoadError(
            code: .notToolSpecs,
            file: document.source.file,
            position: key ? document.keyPosition(of: pointer) : document.position(of: pointer),
            message: message,
            source: document.source
        )
    }

    mutating func read(_ value: JSONValue, at pointer: JSONPointer, context: SpecShape?) throws(LoadError) {
        switch value {
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                try read(element, at: pointer.appending(index: index), context: context)
            }
        case .object(let object):
            try readObject(object, at: pointer, context: context)
        case .null where pointer == .root:
            break  // an empty YAML document holds no specs
        case .bool where pointer == .root:
            // `true` and `false` are schemas too: a bare JSON Schema file.
            let origin = ToolSpec.Origin(document: document, pointer: pointer, parametersPointer: pointer)
            specs.append(ToolSpec(name: nil, parameters: value, shape: .jsonSchema, origin: origin))
        default:
            throw error(
                "expected a tool spec (an object) or a list of them, found a \(value.typeName)",
                at: pointer
            )
        }
    }

    mutating func readObject(_ object: JSONObject, at pointer: JSONPointer, context: SpecShape?) throws(LoadError) {
        // OpenAI: {"type": "function", "function": {...}}
        if object["type"] == "function", let inner = object["function"] {
            guard case .object(let function) = inner else {
                throw error(
                    "\"function\" must be an object with name, description and parameters",
                    at: pointer.appending("function")
                )
            }
            try readFunction(function, at: pointer.appending("function"), shape: .openAI, parametersKey: "parameters")
            return
        }
        // Wrappers, including whole request bodies.
        var wrapped = false
        for (key, shape) in [("tools", context), ("functions", SpecShape.function), ("functionDeclarations", .gemini)] {
            guard let inner = object[key] else { continue }
            guard case .array = inner else {
                throw error("\"\(key)\" must be a list of tool specs", at: pointer.appending(key))
            }
            try read(inner, at: pointer.appending(key), context: shape)
            wrapped = true
        }
        if wrapped { return }
        if let name = object["name"] {
            guard case .string = name else {
                throw error(
                    "a tool's \"name\" must be a string, found a \(name.typeName)",
                    at: pointer.appending("name")
                )
            }
            if object["input_schema"] != nil {
                try readFunction(object, at: pointer, shape: .anthropic, parametersKey: "input_schema")
            } else if object["inputSchema"] != nil {
                try readFunction(object, at: pointer, shape: .mcp, parametersKey: "inputSchema")
            } else {
                try readFunction(object, at: pointer, shape: context ?? .function, parametersKey: "parameters")
            }
            return
        }
        // Any JSON Schema keyword makes a bare schema (`{"maxItems": 2}` is one).
        if object.isEmpty || object.keys.contains(where: SchemaKeyword.known.contains) {
            let origin = ToolSpec.Origin(document: document, pointer: pointer, parametersPointer: pointer)
            specs.append(ToolSpec(name: nil, parameters: .object(object), shape: .jsonSchema, origin: origin))
            return
        }
        throw error(
            "not a tool spec: expected {type: function, function: …}, {name, parameters}, {name, input_schema}, "
                + "{name, inputSchema}, a tools/functions/functionDeclarations list, or a JSON Schema",
            at: pointer
        )
    }

    mutating func readFunction(
        _ object: JSONObject,
        at pointer: JSONPointer,
        shape: SpecShape,
        parametersKey: String
    ) throws(LoadError) {
        guard case .string(let name)? = object["name"] else {
            throw error("the tool has no \"name\"; every tool needs a name", at: pointer)
        }
        var description: String? = nil
        if let d = object["description"] {
            guard case .string(let text) = d else {
                throw error(
                    "\"description\" must be a string, found a \(d.typeName)",
                    at: pointer.appending("description")
                )
            }
            description = text
        }
        var strict: Bool? = nil
        if let s = object["strict"] {
            guard case .bool(let flag) = s else {
                throw error("\"strict\" must be true or false, found a \(s.typeName)", at: pointer.appending("strict"))
            }
            strict = flag
        }
        var parameters: JSONValue? = nil
        var parametersPointer: JSONPointer? = nil
        if let p = object[parametersKey] {
            guard case .object = p else {
                throw error(
                    "\"\(parametersKey)\" must be a JSON Schema object, found a \(p.typeName)",
                    at: pointer.appending(parametersKey)
                )
            }
            parameters = p
            parametersPointer = pointer.appending(parametersKey)
        }
        let origin = ToolSpec.Origin(document: document, pointer: pointer, parametersPointer: parametersPointer)
        specs.append(
            ToolSpec(
                name: name,
                description: description,
                parameters: parameters,
                strict: strict,
                shape: shape,
                origin: origin
            )
        )
    }
}
