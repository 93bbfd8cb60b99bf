import HTTPTestSupport
import JSONCore
import Testing
import ToolCalling
import ToolSchema

/// Anthropic Messages and the legacy functions shape, over real HTTP.
@Suite(.timeLimit(.minutes(1)))
struct AnthropicAndFunctionsTests {
    @Test("Anthropic: headers, system apart, tool_result blocks first in one user message, is_error on failures")
    func anthropicFlow() async throws {
        let thinking: JSONValue = [
            "type": "thinking", "thinking": "The user wants two cities.", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA",
        ]
        let redacted: JSONValue = ["type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"]
        let server = try await ScriptedServer.start([
            AnthropicReply.message(
                [
                    thinking, redacted, AnthropicReply.text("Let me check."),
                    AnthropicReply.toolUse("toolu_01", "get_weather", ["city": "Beijing"]),
                    AnthropicReply.toolUse("toolu_02", "get_weather", ["town": "Shanghai"]),
                    AnthropicReply.toolUse("toolu_03", "get_wether", ["city": "Xi'an"]),
                ],
                stop: "tool_use"
            ),
            AnthropicReply.message([AnthropicReply.text("Beijing is sunny.")], stop: "end_turn"),
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.toolChoice = .required
        options.parallelToolCalls = false
        let loop = ToolLoop(
            configuration: Loops.configuration(.anthropic, server, key: "sk-ant-secret"),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: .none
        )
        let result = try await loop.run(
            Transcript(api: .anthropic, system: "Be brief.", prompt: "Beijing, Shanghai, Xi'an?")
        )
        #expect(result.finalText == "Beijing is sunny.")
        let first = server.requests[0]
        #expect(first.uri == "/v1/messages")
        #expect(first.header("x-api-key") == "sk-ant-secret")
        #expect(first.header("anthropic-version") == "2023-06-01")
        #expect(first.header("authorization") == nil)
        #expect(first.json["system"] == "Be brief.")
        #expect(first.json["max_tokens"] == 1024)
        #expect(first.json["messages"] == [["role": "user", "content": "Beijing, Shanghai, Xi'an?"]])
        #expect(first.json["tools"]?[0]?["input_schema"]?["type"] == "object")
        #expect(first.json["tool_choice"] == ["type": "any", "disable_parallel_tool_use": true])
        let second = server.requests[1].json
        #expect(second["tool_choice"] == ["type": "auto", "disable_parallel_tool_use": true], "forced choice dropped")
        let messages = second["messages"]?.arrayValue ?? []
        #expect(messages.count == 3)
        // The assistant turn, thinking blocks and signatures included, exactly as received.
        #expect(messages[1]["content"]?[0] == thinking)
        #expect(messages[1]["content"]?[1] == redacted)
        #expect(messages[1]["content"]?.arrayValue?.count == 6)
        let results = messages[2]["content"]?.arrayValue ?? []
        #expect(messages[2]["role"] == "user")
        #expect(results.map { $0["type"] } == ["tool_result", "tool_result", "tool_result"])
        #expect(results.map { $0["tool_use_id"] } == ["toolu_01", "toolu_02", "toolu_03"])
        #expect(results[0]["is_error"] == nil && results[0]["content"] == "Sunny, 24 °C in Beijing")
        #expect(results[1]["is_error"] == true && results[1]["content"]?.stringValue?.contains("town") == true)
        #expect(results[2]["is_error"] == true && results[2]["content"]?.stringValue?.contains("get_weather") == true)
        #expect(result.usage.inputTokens == 120 && result.usage.outputTokens == 24)
    }

    @Test("Anthropic: max_tokens cuts off; a non-object input goes back as {}; refusal stops the loop")
    func anthropicEdges() async throws {
        let server = try await ScriptedServer.start([
            AnthropicReply.message(
                [AnthropicReply.toolUse("toolu_1", "get_weather", ["city": "Bei"])],
                stop: "max_tokens"
            ),
            AnthropicReply.message([AnthropicReply.toolUse("", "get_weather", "Beijing")], stop: "tool_use"),
            AnthropicReply.message(
                [AnthropicReply.toolUse("toolu_3", "get_weather", ["city": "Beijing"])],
                stop: "refusal"
            ),
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.repairBudget = 3
        let loop = ToolLoop(
            configuration: Loops.configuration(.anthropic, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: .none
        )
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop.run(Transcript(api: .anthropic, prompt: "?"))
        }
        #expect(error?.reason == .contentFiltered)
        #expect(error?.code == .contentFiltered)
        let steps = error?.partial.steps ?? []
        try #require(steps.count == 3 && server.requests.count == 3)
        #expect(steps.map { $0.calls[0].disposition } == [.cutOff, .invalidArguments, .notExecuted])
        #expect(steps[1].calls[0].call.id == "toolu_ts2_1")
        let echoed = server.requests[2].json["messages"]?[3]?["content"]?[0]
        #expect(echoed?["input"] == [:])
        #expect(echoed?["id"] == "toolu_ts2_1")
        #expect(server.requests[2].json["messages"]?[4]?["content"]?[0]?["tool_use_id"] == "toolu_ts2_1")
        let last = error?.partial.transcript.messages.last
        #expect(last?["content"]?[0]?["is_error"] == true)
    }

    @Test("Anthropic pre-flight: a tool_result not first, or without its tool_use, is refused")
    func anthropicPreflight() async throws {
        let server = try await ScriptedServer.start([])
        defer { Task { await server.shutdown() } }
        let loop = ToolLoop(configuration: Loops.configuration(.anthropic, server), toolbox: Loops.weatherToolbox())
        let call: JSONValue = [
            "role": "assistant", "content": [AnthropicReply.toolUse("toolu_1", "get_weather", ["city": "A"])],
        ]
        let textFirst: JSONValue = [
            "role": "user",
            "content": [
                ["type": "text", "text": "here"], ["type": "tool_result", "tool_use_id": "toolu_1", "content": "x"],
            ],
        ]
        let e = await #expect(throws: ToolLoopError.self) {
            try await loop.run(Transcript(api: .anthropic, messages: [Transcript.userMessage("q"), call, textFirst]))
        }
        guard case .invalidHistory(let index, _)? = e?.reason else {
            Issue.record("expected invalidHistory")
            return
        }
        #expect(index == 1)
        let system = Transcript(api: .anthropic, messages: [["role": "system", "content": "x"]])
        let e2 = await #expect(throws: ToolLoopError.self) { try await loop.run(system) }
        guard case .invalidHistory(0, let message)? = e2?.reason else {
            Issue.record("expected invalidHistory at 0")
            return
        }
        #expect(message.contains("Transcript.system"))
        #expect(server.requests.isEmpty)
    }

    @Test("legacy functions: functions and function_call sent; the call answered with role function")
    func legacyFunctions() async throws {
        let server = try await ScriptedServer.start([
            FunctionsReply.call("get_weather", "{'city': 'Beijing'}"),
            OpenAIReply.text("Sunny."),
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.toolChoice = .required
        let loop = ToolLoop(
            configuration: Loops.configuration(.functions, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .functions, prompt: "Weather?"))
        #expect(result.finalText == "Sunny.")
        let first = server.requests[0].json
        #expect(first["functions"]?[0]?["name"] == "get_weather")
        #expect(first["functions"]?[0]?["parameters"]?["type"] == "object")
        #expect(first["tools"] == nil)
        #expect(first["function_call"] == ["name": "get_weather"], "required with one function names it")
        let second = server.requests[1].json
        #expect(second["function_call"] == nil)
        let messages = second["messages"]?.arrayValue ?? []
        #expect(messages[1]["function_call"]?["arguments"] == #"{"city":"Beijing"}"#, "repaired on the wire")
        #expect(messages[1]["tool_calls"] == nil)
        #expect(messages[2] == ["role": "function", "name": "get_weather", "content": "Sunny, 24 °C in Beijing"])
    }
}

/// Configuration from the environment and base URLs.
@Suite struct ConfigurationTests {
    @Test(
        "base URLs as the SDKs take them",
        arguments: [
            (ChatAPI.openAI, "https://api.openai.com/v1", "https://api.openai.com/v1/chat/completions"),
            (
                .openAI, "https://dashscope.aliyuncs.com/compatible-mode/v1/",
                "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"
            ),
            (.openAI, "http://host:8000", "http://host:8000/v1/chat/completions"),
            (.functions, "http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/chat/completions"),
            (.anthropic, "https://api.anthropic.com", "https://api.anthropic.com/v1/messages"),
            (.anthropic, "https://router.example/api/anthropic", "https://router.example/api/anthropic/v1/messages"),
        ]
    )
    func endpoints(api: ChatAPI, base: String, endpoint: String) {
        #expect(ChatConfiguration(api: api, baseURL: base, model: "m").endpoint == endpoint)
    }

    @Test("the environment: a key goes only to the endpoint it was named for")
    func environment() throws {
        let local = try ChatConfiguration.fromEnvironment(
            .openAI,
            environment: [
                "MODEL_BASE_URL": "http://127.0.0.1:9000/v1", "MODEL_NAME": "qwen", "OPENAI_API_KEY": "sk-global",
            ]
        )
        #expect(local.baseURL == "http://127.0.0.1:9000/v1" && local.model == "qwen" && local.apiKey == nil)
        let openai = try ChatConfiguration.fromEnvironment(
            .openAI,
            model: "gpt-4.1",
            environment: ["OPENAI_API_KEY": "sk-o"]
        )
        #expect(openai.endpoint == "https://api.openai.com/v1/chat/completions" && openai.apiKey == "sk-o")
        let dashscope = try ChatConfiguration.fromEnvironment(
            .openAI,
            model: "qwen-plus",
            environment: [
                "MODEL_BASE_URL": "https://dashscope.aliyuncs.com/compatible-mode/v1", "DASHSCOPE_API_KEY": "sk-d",
            ]
        )
        #expect(dashscope.apiKey == "sk-d")
        let anthropic = try ChatConfiguration.fromEnvironment(
            .anthropic,
            model: "claude",
            environment: ["ANTHROPIC_API_KEY": "sk-a", "OPENAI_API_KEY": "sk-o"]
        )
        #expect(anthropic.endpoint == "https://api.anthropic.com/v1/messages" && anthropic.apiKey == "sk-a")
        #expect(!anthropic.description.contains("sk-a"))
        #expect(throws: ConfigurationError.self) { try ChatConfiguration.fromEnvironment(.openAI, environment: [:]) }
    }
}
