import TestSupport
import Testing
import ToolSchema

@Suite struct SpecReadingTests {
    func specs(_ text: String, file: String = "t.json") throws -> [ToolSpec] {
        let documents = try LoadedDocument.load(SourceText(file: file, bytes: Array(text.utf8)))
        return try ToolSpec.specs(in: documents)
    }

    static let weatherSchema: JSONValue = ["type": "object", "properties": ["city": ["type": "string"]]]

    @Test(
        "every shape is detected",
        arguments: [
            (
                #"{"type": "function", "function": {"name": "w", "description": "d", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}, "strict": true}}"#,
                SpecShape.openAI
            ),
            (
                #"{"name": "w", "description": "d", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}"#,
                .function
            ),
            (
                #"{"name": "w", "description": "d", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}"#,
                .anthropic
            ),
            (
                #"{"name": "w", "description": "d", "inputSchema": {"type": "object", "properties": {"city": {"type": "string"}}}}"#,
                .mcp
            ),
            (
                #"{"functionDeclarations": [{"name": "w", "description": "d", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}]}"#,
                .gemini
            ),
        ]
    )
    func shapes(_ text: String, _ shape: SpecShape) throws {
        let found = try specs(text)
        try #require(found.count == 1)
        #expect(found[0].shape == shape)
        #expect(found[0].name == "w")
        #expect(found[0].description == "d")
        #expect(found[0].parameters == Self.weatherSchema)
        #expect(found[0].strict == (shape == .openAI ? true : nil))
    }

    @Test func bareJSONSchema() throws {
        let found = try specs(#"{"type": "object", "properties": {"q": {"type": "string"}}}"#)
        #expect(found.map(\.shape) == [.jsonSchema])
        #expect(found[0].name == nil)
    }

    @Test("lists, wrappers, request bodies and YAML documents")
    func containers() throws {
        let list = try specs(
            #"[{"name": "a"}, {"type": "function", "function": {"name": "b"}}, {"name": "c", "input_schema": {}}]"#
        )
        #expect(list.map(\.name) == ["a", "b", "c"])
        #expect(list.map(\.shape) == [.function, .openAI, .anthropic])
        let body = try specs(
            #"{"model": "m", "messages": [], "tools": [{"type": "function", "function": {"name": "x"}}], "tool_choice": "auto"}"#
        )
        #expect(body.map(\.name) == ["x"])
        let legacy = try specs(#"{"functions": [{"name": "f", "parameters": {}}]}"#)
        #expect(legacy.map(\.shape) == [.function])
        let gemini = try specs(#"{"tools": [{"functionDeclarations": [{"name": "g"}]}]}"#)
        #expect(gemini.map(\.shape) == [.gemini])
        let yaml = try specs("name: a\n---\nname: b\ndescription: 二\n", file: "t.yaml")
        #expect(yaml.map(\.name) == ["a", "b"])
        #expect(yaml[1].description == "二")
    }

    @Test("missing parameters and parameters: {} both mean no arguments")
    func noParameters() throws {
        for text in [#"{"name": "now"}"#, #"{"name": "now", "parameters": {}}"#] {
            let spec = try #require(try specs(text).first)
            #expect(spec.hasNoParameters)
            #expect(spec.argumentsSchema == ["type": "object", "properties": [:]])
        }
    }

    @Test("where a spec was written is kept")
    func origin() throws {
        let text = "tools:\n  - name: a\n    parameters:\n      type: object\n"
        let spec = try #require(try specs(text, file: "t.yaml").first)
        let origin = try #require(spec.origin)
        #expect(origin.pointer == ["tools", "0"])
        #expect(origin.parametersPointer == ["tools", "0", "parameters"])
        expectPosition(origin.document.position(of: origin.parametersPointer!), line: 4, column: 7)
    }

    @Test(
        "what is not a spec is an error at its place",
        arguments: [
            (#"{"hello": "world"}"#, 1, 1), (#"[1]"#, 1, 2), (#"{"name": 42}"#, 1, 10),
            (#"{"name": "a", "parameters": []}"#, 1, 29),
            (#"{"name": "a", "description": 5}"#, 1, 30), (#"{"type": "function", "function": "x"}"#, 1, 34),
            (#"{"tools": {"name": "a"}}"#, 1, 11), (#"{"name": "a", "strict": "yes"}"#, 1, 25),
        ]
    )
    func notSpecs(_ text: String, _ line: Int, _ column: Int) throws {
        do {
            let found = try specs(text)
            Issue.record("expected an error, found \(found.map(\.name))")
        } catch let error as LoadError {
            expectPosition(error.position, line: line, column: column)
        }
    }
}

@Suite struct EmitTests {
    static let specs = [
        ToolSpec(
            name: "get_weather",
            description: "获取天气",
            parameters: [
                "type": "object",
                "properties": [
                    "city": ["type": "string"], "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]],
                ],
                "required": ["city"],
            ]
        ),
        ToolSpec(name: "get_current_time", description: "Now"),
    ]

    @Test("every shape round-trips through the loader", arguments: [SpecShape.openAI, .function, .anthropic, .mcp])
    func roundTrip(_ shape: SpecShape) throws {
        let emitted = try ToolSpec.emit(Self.specs, as: shape)
        let value = emitted.value
        let notes = emitted.notes
        #expect(notes.isEmpty)
        let text = value.jsonString(pretty: true)
        let back = try ToolSpec.specs(in: LoadedDocument.load(SourceText(file: "out.json", bytes: Array(text.utf8))))
        #expect(back.map(\.name) == ["get_weather", "get_current_time"])
        #expect(back.map(\.shape) == [shape, shape])
        #expect(back[0].parameters == Self.specs[0].parameters)
        #expect(back[1].argumentsSchema == ["type": "object", "properties": [:]])
    }

    @Test func openAIShape() throws {
        let value = try ToolSpec.emit([Self.specs[1]], as: .openAI).value
        #expect(
            value.jsonString()
                == #"[{"type":"function","function":{"name":"get_current_time","description":"Now","parameters":{"type":"object","properties":{}}}}]"#
        )
    }

    @Test("Gemini: uppercase types, nullable, string enums, dropped keywords reported")
    func gemini() throws {
        let spec = ToolSpec(
            name: "book",
            parameters: [
                "type": "object",
                "properties": [
                    "seats": ["type": ["integer", "null"], "enum": [1, 2], "minimum": 1],
                    "note": ["type": "string", "maxLength": 80, "const": "x"],
                    "tags": ["type": "array", "items": ["$ref": "#/$defs/tag"]],
                ],
                "additionalProperties": false,
                "$defs": ["tag": ["type": "string", "pattern": "^[a-z]+$"]],
            ]
        )
        let emitted = try ToolSpec.emit([spec], as: .gemini)
        let value = emitted.value
        let notes = emitted.notes
        let parameters = try #require(value[0]?["functionDeclarations"]?[0]?["parameters"])
        #expect(parameters["type"] == "OBJECT")
        #expect(parameters["additionalProperties"] == nil)
        #expect(parameters["$defs"] == nil)
        #expect(parameters["properties"]?["seats"] == ["nullable": true, "type": "STRING", "enum": ["1", "2"]])
        #expect(parameters["properties"]?["note"] == ["type": "STRING", "maxLength": 80, "enum": ["x"]])
        #expect(parameters["properties"]?["tags"]?["items"] == ["type": "STRING", "pattern": "^[a-z]+$"])
        let messages = notes.map(\.description)
        #expect(messages.contains { $0.contains("/additionalProperties: dropped additionalProperties") })
        #expect(messages.contains { $0.contains("/properties/seats/enum: wrote the enum values as strings") })
        #expect(messages.contains { $0.contains("/properties/seats/minimum: dropped minimum") })
        #expect(messages.contains { $0.contains("inlined $ref #/$defs/tag") })
        // Gemini output loads back as Gemini specs.
        let back = try ToolSpec.specs(
            in: LoadedDocument.load(SourceText(file: "g.json", bytes: Array(value.jsonString().utf8)))
        )
        #expect(back.map(\.shape) == [.gemini])
    }

    @Test("strict: every property required, optional ones nullable, no extra properties")
    func strict() throws {
        let emitted = try ToolSpec.emit([Self.specs[0]], as: .openAI, strict: true)
        let value = emitted.value
        let notes = emitted.notes
        let function = try #require(value[0]?["function"])
        #expect(function["strict"] == true)
        let parameters = try #require(function["parameters"])
        #expect(parameters["required"] == ["city", "unit"])
        #expect(parameters["additionalProperties"] == false)
        #expect(
            parameters["properties"]?["unit"] == ["type": ["string", "null"], "enum": ["celsius", "fahrenheit", nil]]
        )
        #expect(parameters["properties"]?["city"] == ["type": "string"])
        #expect(notes.count == 2)
    }

    @Test("strict nullable wraps schemas without a type in anyOf")
    func strictAnyOf() throws {
        let spec = ToolSpec(
            name: "t",
            parameters: ["type": "object", "properties": ["x": ["anyOf": [["type": "string"], ["type": "integer"]]]]]
        )
        let value = try ToolSpec.emit([spec], as: .function, strict: true).value
        #expect(
            value[0]?["parameters"]?["properties"]?["x"] == [
                "anyOf": [["anyOf": [["type": "string"], ["type": "integer"]]], ["type": "null"]]
            ]
        )
    }

    @Test func jsonSchemaShape() throws {
        let one = try ToolSpec.emit([Self.specs[1]], as: .jsonSchema).value
        #expect(one == ["type": "object", "properties": [:]])
        let two = try ToolSpec.emit(Self.specs, as: .jsonSchema).value
        #expect(two.arrayValue?.count == 2)
    }

    @Test func bareSchemaNeedsANameForNamedShapes() throws {
        #expect(throws: EmitError.self) {
            try ToolSpec.emit([ToolSpec(name: nil, parameters: [:], shape: .jsonSchema)], as: .openAI)
        }
    }
}

@Suite struct NullableConversionTests {
    static let spec = ToolSpec(
        name: "f",
        description: "d",
        parameters: [
            "type": "object",
            "properties": [
                "n": ["anyOf": [["type": "string"], ["type": "null"]], "description": "x"],
                "r": ["$ref": "#/$defs/P", "description": "p"],
            ],
            "$defs": ["P": ["type": "string", "enum": ["a"]]],
        ]
    )

    @Test("Pydantic's Optional (anyOf with a null branch) becomes one nullable schema for Gemini")
    func gemini() throws {
        let value = try ToolSpec.emit([Self.spec], as: .gemini).value
        let n = JSONPointer(tokens: ["0", "functionDeclarations", "0", "parameters", "properties", "n"])
        #expect(n.resolve(in: value) == ["type": "STRING", "nullable": true, "description": "x"])
    }

    @Test("strict mode leaves an already nullable property alone and keeps annotations on the wrapper")
    func strict() throws {
        let value = try ToolSpec.emit([Self.spec], as: .jsonSchema, strict: true).value
        #expect(value["properties"]?["n"] == ["anyOf": [["type": "string"], ["type": "null"]], "description": "x"])
        #expect(value["properties"]?["r"] == ["description": "p", "anyOf": [["$ref": "#/$defs/P"], ["type": "null"]]])
        #expect(value["required"] == ["n", "r"])
    }
}
