import HTTPTestSupport
import Testing
import ToolCalling

/// The README's loop example, as written, against a scripted server.
@Suite(.timeLimit(.minutes(1)))
struct ReadmeLoopExampleTests {
    struct GetWeather: ToolArguments {
        var city: String
        var unit: Unit?
        enum Unit: String, Decodable, CaseIterable { case celsius, fahrenheit }
        static let toolDescription: String? = "Get the current weather in a city."
    }

    @Test func loopExample() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("call_1", "get_weather", #"{"city": "Beijing"}"#)]),
            OpenAIReply.text("Sunny, 24 °C."),
        ])
        defer { Task { await server.shutdown() } }
        let environment = ["MODEL_BASE_URL": server.baseURL + "/v1", "MODEL_NAME": "qwen"]
        let timeSpec = Loops.timeSpec

        var toolbox = Toolbox()
        try toolbox.add(GetWeather.self) { weather in "Sunny, 24 °C in \(weather.city)" }  // typed
        try toolbox.add(timeSpec) { invocation in "12:00" }  // or a loaded ToolSpec, raw JSONValue

        let configuration = try ChatConfiguration.fromEnvironment(.openAI, environment: environment)
        let loop = ToolLoop(configuration: configuration, toolbox: toolbox)
        var printed = ""
        do {
            let result = try await loop.run(Transcript(api: .openAI, prompt: "Weather in Beijing?"))
            print(result.finalText ?? "", result.usage, to: &printed)
        } catch {
            print(error, error.partial.transcript.messages.count, to: &printed)
        }
        #expect(printed == "Sunny, 24 °C. 2 requests, 130 input + 15 output tokens\n")
        #expect(server.requests[1].json["messages"]?[2]?["content"] == "Sunny, 24 °C in Beijing")
    }
}
