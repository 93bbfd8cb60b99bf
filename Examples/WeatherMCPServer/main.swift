// An MCP server with two tools over stdio: one from a Swift type, one from a YAML spec. Every
// tools/call is checked (and coerced, and decoded) before the handler runs; bad arguments are
// answered with the hint as a tool execution error (isError: true).
//
//     swift run weather-mcp-server     # then speak JSON-RPC on its stdin, one message a line
import MCP
import ToolSchema
import ToolSchemaMCP

struct GetWeather: ToolArguments {
    var city: String
    var unit: Unit?

    enum Unit: String, Decodable, CaseIterable { case celsius, fahrenheit }

    static let toolDescription: String? = "获取城市的当前天气。Get the current weather in a city."
    static let parameterDescriptions = ["city": "城市，例如：北京。The city, e.g. Beijing.", "unit": "温度单位。"]
}

let forecastYAML = """
    name: get_forecast
    description: The weather for the next days in a city.
    parameters:
      type: object
      properties:
        city: {type: string, description: The city.}
        days: {type: integer, minimum: 1, maximum: 7, description: "How many days, 1 to 7."}
      required: [city, days]
      additionalProperties: false
    """

var toolbox = MCPToolbox()
try toolbox.add(GetWeather.self, annotations: .init(readOnlyHint: true)) { weather in
    let unit = weather.unit ?? .celsius
    return "Sunny in \(weather.city), \(unit == .celsius ? "24 °C" : "75 °F")"
}
let source = SourceText(file: "forecast.yaml", bytes: Array(forecastYAML.utf8))
for spec in try SpecFiles.specs(in: source) {
    try toolbox.add(spec, annotations: .init(readOnlyHint: true)) { invocation in
        let city = invocation.arguments["city"]?.stringValue ?? ""
        let days = invocation.arguments["days"]?.numberValue?.intValue ?? 0
        return "\(city): sunny for \(days) day\(days == 1 ? "" : "s")"
    }
}

let server = Server(
    name: "weather",
    version: ToolSchemaInfo.version,
    capabilities: .init(tools: .init(listChanged: false))
)
await toolbox.install(on: server)
try await server.start(transport: StdioTransport())
await server.waitUntilCompleted()
