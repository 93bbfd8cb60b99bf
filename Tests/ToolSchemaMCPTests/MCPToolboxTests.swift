import Foundation
import MCP
import Synchronization
import Testing
import ToolSchema
import ToolSchemaMCP

struct GetWeather: ToolArguments {
    var city: String
    var unit: Unit?
    enum Unit: String, Decodable, CaseIterable { case celsius, fahrenheit }
    static let toolDescription: String? = "Get the current weather in a city."
}

/// Valid by the schema, refused by its own `init(from:)`: a date that is not a date.
struct Booking: ToolArguments {
    var date: String
    static let toolDescription: String? = "Book a table."
    static let sampleArguments: JSONValue? = ["date": "2026-12-24"]
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        date = try container.decode(String.self, forKey: .date)
        guard date.count == 10 else {
            throw DecodingError.dataCorruptedError(
                forKey: .date,
                in: container,
                debugDescription: "not a YYYY-MM-DD date"
            )
        }
    }
    enum CodingKeys: String, CodingKey { case date }
}

struct Failure: Error, CustomStringConvertible {
    var description: String { "the backend is down" }
}

@Suite struct MCPToolboxTests {
    static let forecast = ToolSpec(
        name: "get_forecast",
        description: "The weather for the next days.",
        parameters: [
            "type": "object",
            "properties": [
                "city": ["type": "string"],
                "days": ["type": "integer", "minimum": 1, "maximum": 7],
            ],
            "required": ["city", "days"],
            "additionalProperties": false,
        ]
    )

    func toolbox() throws -> MCPToolbox {
        var toolbox = MCPToolbox()
        try toolbox.add(GetWeather.self, annotations: .init(readOnlyHint: true)) { weather in
            "Sunny in \(weather.city), unit \(weather.unit?.rawValue ?? "none")"
        }
        try toolbox.add(Self.forecast) { invocation in
            "\(invocation.name): \(JSONWriter().string(invocation.arguments))"
        }
        try toolbox.add(Booking.self) { booking in "booked \(booking.date)" }
        try toolbox.add(ToolSpec(name: "fails", description: "Fails.", parameters: ["type": "object"])) { _ in
            throw Failure()
        }
        return toolbox
    }

    func call(
        _ toolbox: MCPToolbox,
        _ name: String,
        _ arguments: [String: MCP.Value]?
    ) async throws -> (
        text: String, isError: Bool
    ) {
        let result = try await toolbox.call(CallTool.Parameters(name: name, arguments: arguments))
        guard result.content.count == 1, case .text(let text, _, _) = result.content[0] else {
            Issue.record("not one text content: \(result.content)")
            return ("", true)
        }
        return (text, result.isError ?? false)
    }

    @Test("tools/list: each tool's name, description, annotations and schema, and it lints clean as MCP")
    func listing() throws {
        let toolbox = try toolbox()
        let listing = toolbox.listing
        #expect(listing.map(\.name) == ["get_weather", "get_forecast", "booking", "fails"])
        #expect(listing[0].description == "Get the current weather in a city.")
        #expect(listing[0].annotations.readOnlyHint == true)
        #expect(JSONValue(mcp: listing[1].inputSchema) == JSONValue(mcp: MCP.Value(json: Self.forecast.parameters!)))
        #expect(JSONValue(mcp: listing[0].inputSchema)["required"] == ["city"])

        let encoder = JSONEncoder()
        let bytes = try encoder.encode(ListTools.Result(tools: listing))
        let report = Linter(profiles: [.mcp]).lint([SourceText(file: "tools-list.json", bytes: [UInt8](bytes))])
        #expect(report.toolCount == 4)
        // The properties here have no descriptions, which is all the mcp profile warns about.
        #expect(report.errorCount == 0, "\(report.rendered())")
        #expect(Set(report.findings.map(\.rule.id)) == ["missing-description"], "\(report.rendered())")

        // Without a description, the SDK would write null, which the MCP schema does not allow.
        var bare = MCPToolbox()
        try bare.add(ToolSpec(name: "bare", parameters: ["type": "object"])) { _ in "" }
        let bareBytes = try encoder.encode(ListTools.Result(tools: bare.listing))
        #expect(String(decoding: bareBytes, as: UTF8.self).contains(#""description":"""#))
        let bareReport = Linter(profiles: [.mcp]).lint([SourceText(file: "bare.json", bytes: [UInt8](bareBytes))])
        #expect(bareReport.errorCount == 0, "\(bareReport.rendered())")
    }

    @Test("a valid call runs the handler with the checked value; coercions are applied and reported")
    func validCalls() async throws {
        var toolbox = try toolbox()
        let seen = Mutex<[String]>([])
        toolbox.onCheck = { name, check in
            seen.withLock { $0.append("\(name) \(check.isValid) \(check.coercions.map(\.kind.description))") }
        }
        let weather = try await call(toolbox, "get_weather", ["city": "Beijing", "unit": "celsius"])
        #expect(weather == ("Sunny in Beijing, unit celsius", false))
        let forecast = try await call(toolbox, "get_forecast", ["city": "Beijing", "days": "3"])
        #expect(forecast == (#"get_forecast: {"city":"Beijing","days":3}"#, false))
        let wrapped = try await call(toolbox, "get_forecast", ["arguments": ["city": "上海", "days": 2]])
        #expect(wrapped == (#"get_forecast: {"city":"上海","days":2}"#, false))
        let none = try await call(toolbox, "get_weather", ["city": "Paris"])
        #expect(none == ("Sunny in Paris, unit none", false))
        #expect(
            seen.withLock { $0 } == [
                "get_weather true []", "get_forecast true [\"string-to-number\"]",
                "get_forecast true [\"unwrapped-arguments\"]", "get_weather true []",
            ]
        )
    }

    @Test("coerce mode changes values but never unwraps; strict mode changes nothing")
    func modes() async throws {
        var toolbox = try toolbox()
        toolbox.mode = .coerce
        #expect(try await call(toolbox, "get_forecast", ["city": "a", "days": "3"]).isError == false)
        #expect(try await call(toolbox, "get_forecast", ["arguments": ["city": "a", "days": 2]]).isError == true)
        toolbox.mode = .strict
        #expect(try await call(toolbox, "get_forecast", ["city": "a", "days": "3"]).isError == true)
    }

    @Test("invalid arguments get the hint as a tool execution error, and the handler does not run")
    func invalidCalls() async throws {
        let toolbox = try toolbox()
        let renamed = try await call(toolbox, "get_weather", ["cityName": "Beijing"])
        #expect(renamed.isError)
        let check = toolbox.tool(named: "get_weather")!.validator.check(value: ["cityName": "Beijing"])
        let hint = ModelHint(
            check: check,
            tool: "get_weather",
            validator: toolbox.tool(named: "get_weather")!.validator
        )
        #expect(renamed.text == hint.text)
        #expect(renamed.text.contains("did you mean `city`"))

        let outOfRange = try await call(toolbox, "get_forecast", ["city": "Beijing", "days": 9])
        #expect(outOfRange.isError)
        #expect(outOfRange.text.contains("`days`"))
        let missing = try await call(toolbox, "get_forecast", nil)
        #expect(missing.isError)
        #expect(missing.text.contains("`city` is missing"))
    }

    @Test("a value the type refuses gets the hint; a handler's error is a tool execution error")
    func refusals() async throws {
        let toolbox = try toolbox()
        let refused = try await call(toolbox, "booking", ["date": "tomorrow"])
        #expect(refused.isError)
        #expect(refused.text.contains("not a YYYY-MM-DD date"), "\(refused.text)")
        #expect(try await call(toolbox, "booking", ["date": "2026-12-24"]) == ("booked 2026-12-24", false))
        #expect(try await call(toolbox, "fails", [:]) == ("fails failed: the backend is down", true))
    }

    @Test("a call to a tool the server does not have is a protocol error (invalid params)")
    func unknownTool() async throws {
        let toolbox = try toolbox()
        do {
            _ = try await toolbox.call(CallTool.Parameters(name: "get_wether", arguments: [:]))
            Issue.record("no error")
        } catch let error as MCPError {
            #expect(error.code == -32602)
            #expect("\(error)".contains("get_wether"))
        }
    }

    @Test("tools that cannot be served are refused when added")
    func addErrors() throws {
        var toolbox = try toolbox()
        #expect(throws: MCPToolboxError.self) { try toolbox.add(Self.forecast) { _ in "" } }
        #expect(throws: MCPToolboxError.self) {
            try toolbox.add(ToolSpec(name: nil, parameters: ["type": "object"])) { _ in "" }
        }
        let huge = ToolSpec(
            name: "huge",
            parameters: [
                "type": "object",
                "properties": ["n": ["type": "number", "maximum": .number(JSONNumber(literal: "1e400")!)]],
            ]
        )
        do {
            try toolbox.add(huge) { _ in "" }
            Issue.record("no error")
        } catch {
            #expect(error.code == .invalidSchema)
            #expect(error.message.contains("1e400"))
        }
        do {
            try toolbox.add(ToolSpec(name: "bad", parameters: ["type": "object", "minimum": "x"])) { _ in "" }
            Issue.record("no error")
        } catch {
            #expect(error.code == .invalidSchema)
        }
    }

    @Test(
        "values cross between MCP's Value and JSONValue: keys sorted, numbers by kind, data URLs as the SDK writes them"
    )
    func values() throws {
        let value: MCP.Value = [
            "b": 1, "a": [1.5, "x", nil, true], "c": .data(mimeType: "image/png", Data([1, 2, 3])),
        ]
        let json = JSONValue(mcp: value)
        #expect(JSONWriter().string(json) == #"{"a":[1.5,"x",null,true],"b":1,"c":"data:image/png;base64,AQID"}"#)
        #expect(
            MCP.Value(json: ["n": 3, "d": 2.5, "big": .number(JSONNumber(literal: "12345678901234567890")!)]) == [
                "n": 3, "d": 2.5, "big": 12_345_678_901_234_567_890.0,
            ]
        )
        #expect(MCP.Value(json: .number(JSONNumber(literal: "-1e400")!)) == .double(-.greatestFiniteMagnitude))
        let decoded = try JSONDecoder().decode(MCP.Value.self, from: Data(JSONWriter().bytes(json)))
        #expect(JSONValue(mcp: decoded) == json)
    }
}
