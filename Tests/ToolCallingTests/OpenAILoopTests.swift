import HTTPTestSupport
import JSONCore
import Testing
import ToolCalling
import ToolSchema

/// The loop over real HTTP against a scripted OpenAI-compatible server.
@Suite(.timeLimit(.minutes(1)))
struct OpenAILoopTests {
    @Test("one call: the request, the echoed turn and the tool message, byte for byte where it matters")
    func oneCall() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("call_abc", "get_weather", #"{"city": "Beijing"}"#)], content: ""),
            OpenAIReply.text("It is sunny in Beijing."),
        ])
        defer { Task { await server.shutdown() } }
        let events = EventLog()
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            retry: .none
        )
        let result = try await loop.run(
            Transcript(api: .openAI, system: "Be brief.", prompt: "Weather in Beijing?"),
            onEvent: events.record
        )
        #expect(result.finalText == "It is sunny in Beijing.")
        #expect(result.steps.count == 2)
        #expect(result.usage.requests == 2)
        #expect(result.usage.inputTokens == 130 && result.usage.outputTokens == 15)
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[0].method == "POST" && requests[0].uri == "/v1/chat/completions")
        #expect(requests[0].header("authorization") == "Bearer sk-test-secret")
        #expect(requests[0].header("content-type") == "application/json")
        let first = requests[0].json
        #expect(first["model"] == "test-model")
        #expect(
            first["messages"]
                == [["role": "system", "content": "Be brief."], ["role": "user", "content": "Weather in Beijing?"]]
        )
        #expect(first["tools"]?[0]?["type"] == "function")
        #expect(first["tools"]?[0]?["function"]?["name"] == "get_weather")
        #expect(first["tool_choice"] == nil, "auto is the default and is not sent")
        let second = requests[1].json["messages"]?.arrayValue ?? []
        #expect(second.count == 4)
        #expect(
            second[2].jsonString()
                == #"{"role":"assistant","content":"","tool_calls":[{"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Beijing\"}"}}]}"#
        )
        #expect(
            second[3].jsonString()
                == #"{"role":"tool","tool_call_id":"call_abc","content":"Sunny, 24 °C in Beijing"}"#
        )
        #expect(result.transcript.messages.count == 4, "user, assistant, tool, final assistant")
        #expect(result.transcript.messages.last?["content"] == "It is sunny in Beijing.")
        #expect(
            events.types == [
                "request", "response", "checked", "tool_started", "tool_finished", "request", "response", "finished",
            ]
        )
        // The key is in no event, transcript or step.
        let everything = events.all.map { $0.json.jsonString() }.joined() + result.transcript.json.jsonString()
        #expect(!everything.contains("sk-test-secret"))
    }

    @Test("parallel calls run concurrently and are answered in call order, whatever order they finish in")
    func parallelCalls() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([
                OpenAIReply.call("call_1", "get_weather", #"{"city": "Beijing"}"#),
                OpenAIReply.call("call_2", "get_weather", #"{"city": "Shanghai"}"#),
            ]),
            OpenAIReply.text("Both sunny."),
        ])
        defer { Task { await server.shutdown() } }
        // Each handler waits until both have started: this finishes only if they run at once.
        let started = MutexBox(0)
        let finishOrder = MutexBox<[String]>([])
        let bothStarted = BothStarted()
        let toolbox = Loops.weatherToolbox { invocation in
            let city = invocation.arguments["city"]?.stringValue ?? ""
            started.mutate { $0 += 1 }
            await bothStarted.arrive()
            // Shanghai (the second call) finishes first.
            if city == "Beijing" { await bothStarted.waitFor(finished: "Shanghai") }
            finishOrder.mutate { $0.append(city) }
            await bothStarted.finish(city)
            return "sunny in \(city)"
        }
        var options = ToolLoop.Options()
        options.toolTimeout = .seconds(20)
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: toolbox,
            options: options,
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .openAI, prompt: "Beijing and Shanghai?"))
        #expect(finishOrder.value == ["Shanghai", "Beijing"])
        #expect(result.steps[0].calls.map(\.disposition) == [.succeeded, .succeeded])
        let messages = server.requests[1].json["messages"]?.arrayValue ?? []
        #expect(messages.count == 4)
        #expect(messages[2]["tool_call_id"] == "call_1" && messages[2]["content"] == "sunny in Beijing")
        #expect(messages[3]["tool_call_id"] == "call_2" && messages[3]["content"] == "sunny in Shanghai")
    }

    @Test("invalid arguments get the hint; the corrected call on the second try runs")
    func repairedOnSecondTry() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("call_1", "get_weather", #"{"citty": "Beijing"}"#)]),
            OpenAIReply.calls([OpenAIReply.call("call_2", "get_weather", #"{"city": "Beijing"}"#)]),
            OpenAIReply.text("Sunny."),
        ])
        defer { Task { await server.shutdown() } }
        let events = EventLog()
        let (loop, ran) = Loops.countingWeatherLoop(server, result: "sunny")
        let result = try await loop.run(Transcript(api: .openAI, prompt: "Weather?"), onEvent: events.record)
        #expect(result.finalText == "Sunny.")
        #expect(ran.value == 1)
        #expect(result.steps[0].calls[0].disposition == .invalidArguments)
        let hint = try #require(result.steps[0].calls[0].hint)
        let answer = server.requests[1].json["messages"]?[2]
        #expect(answer?["role"] == "tool" && answer?["tool_call_id"] == "call_1")
        #expect(answer?["content"]?.stringValue == hint.text)
        #expect(hint.text.contains("citty"))
        #expect(events.types.contains("hint"))
    }

    @Test("a repairable text runs, the repair is reported, and the echoed turn carries the repaired object")
    func repairedText() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([
                OpenAIReply.call("call_1", "get_weather", "```json\n{'city': 'Beijing', unit: 'Celsius',}\n```")
            ]),
            OpenAIReply.text("Sunny."),
        ])
        defer { Task { await server.shutdown() } }
        let events = EventLog()
        let received = MutexBox<JSONValue>(nil)
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox { invocation in
                received.mutate { $0 = invocation.arguments }
                return "sunny"
            },
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .openAI, prompt: "Weather?"), onEvent: events.record)
        #expect(received.value == ["city": "Beijing", "unit": "celsius"])
        #expect(events.types.contains("repaired"))
        let outcome = result.steps[0].calls[0]
        #expect(outcome.wireArguments == #"{"city":"Beijing","unit":"Celsius"}"#, "repaired, not coerced")
        #expect(outcome.call.argumentsText.hasPrefix("```json"), "the raw text is kept in the step")
        let echoed = server.requests[1].json["messages"]?[1]?["tool_calls"]?[0]?["function"]?["arguments"]
        #expect(echoed == #"{"city":"Beijing","unit":"Celsius"}"#)
    }

    @Test("unreadable, empty and null arguments: {} on the wire; the hint quotes what arrived")
    func unreadableArguments() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([
                OpenAIReply.call("call_1", "get_weather", "I think the city is Beijing"),
                OpenAIReply.call("call_2", "get_time", ""),
                OpenAIReply.call("call_3", "get_time", "null"),
            ]),
            OpenAIReply.text("ok"),
        ])
        defer { Task { await server.shutdown() } }
        var toolbox = Loops.weatherToolbox()
        try toolbox.add(ToolSpec(name: "get_time", parameters: ["type": "object", "properties": [:]])) { _ in "12:00" }
        let loop = ToolLoop(configuration: Loops.configuration(.openAI, server), toolbox: toolbox, retry: .none)
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        let calls = result.steps[0].calls
        #expect(calls.map(\.disposition) == [.invalidArguments, .succeeded, .succeeded])
        #expect(calls.map(\.wireArguments) == ["{}", "{}", "{}"])
        #expect(calls[0].result.contains("not JSON"))
        let echoed = server.requests[1].json["messages"]?[1]?["tool_calls"]?.arrayValue ?? []
        #expect(echoed.map { $0["function"]?["arguments"] } == ["{}", "{}", "{}"])
    }

    @Test("the repair budget: a tool invalid in consecutive rounds stops the loop; the transcript can be sent again")
    func repairBudget() async throws {
        let bad = OpenAIReply.calls([OpenAIReply.call("call_x", "get_weather", #"{"town": "Beijing"}"#)])
        let server = try await ScriptedServer.start([
            bad, OpenAIReply.calls([OpenAIReply.call("call_y", "get_weather", #"{"town": "Beijing"}"#)]),
        ])
        defer { Task { await server.shutdown() } }
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            retry: .none
        )
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop.run(Transcript(api: .openAI, prompt: "Weather?"))
        }
        #expect(error?.reason == .repairBudgetExhausted(tool: "get_weather"))
        #expect(error?.isBound == true)
        let partial = try #require(error?.partial)
        #expect(partial.steps.count == 2)
        #expect(partial.transcript.messages.count == 5, "user, then two answered rounds")
        // Sending it again works: the pre-flight check accepts it and the model answers.
        var transcript = partial.transcript
        transcript.appendUser("Just answer.")
        server.enqueue([OpenAIReply.text("Sunny.")])
        let again = try await loop.run(transcript)
        #expect(again.finalText == "Sunny.")
    }

    @Test("the global cap on hint rounds counts unknown tools and bad arguments alike")
    func hintRoundCap() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_wether", #"{"city": "Beijing"}"#)]),
            OpenAIReply.calls([OpenAIReply.call("c2", "get_weather", "{}")]),
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.maxHintRounds = 2
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: .none
        )
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop.run(Transcript(api: .openAI, prompt: "Weather?"))
        }
        #expect(error?.reason == .repairBudgetExhausted(tool: nil))
        #expect(error?.partial.steps[0].calls[0].disposition == .unknownTool)
    }

    @Test("an unknown tool gets the list of tools, closest first, and valid siblings still run")
    func unknownTool() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([
                OpenAIReply.call("c1", "get_wether", #"{"city": "Beijing"}"#),
                OpenAIReply.call("c2", "get_weather", #"{"city": "Beijing"}"#),
            ]),
            OpenAIReply.text("ok"),
        ])
        defer { Task { await server.shutdown() } }
        var toolbox = Loops.weatherToolbox()
        try toolbox.add(Loops.timeSpec) { _ in "12:00" }
        let loop = ToolLoop(configuration: Loops.configuration(.openAI, server), toolbox: toolbox, retry: .none)
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        let calls = result.steps[0].calls
        #expect(calls.map(\.disposition) == [.unknownTool, .succeeded])
        #expect(calls[0].result.contains("Did you mean `get_weather`?"))
        #expect(calls[0].result.contains("`get_weather`, `get_time`"))
    }

    @Test("a throwing handler: its error, bounded, goes back to the model; or, by policy, stops the loop")
    func throwingHandler() async throws {
        struct Boom: Error, CustomStringConvertible {
            var description: String { "the weather service is down " + String(repeating: "x", count: 2_000) }
        }
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#)]),
            OpenAIReply.text("Sorry."),
            OpenAIReply.calls([OpenAIReply.call("c2", "get_weather", #"{"city": "Beijing"}"#)]),
        ])
        defer { Task { await server.shutdown() } }
        let toolbox = Loops.weatherToolbox { _ in throw Boom() }
        let loop = ToolLoop(configuration: Loops.configuration(.openAI, server), toolbox: toolbox, retry: .none)
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        let outcome = result.steps[0].calls[0]
        #expect(outcome.disposition == .failed && outcome.isError)
        #expect(outcome.result.hasPrefix("error: the weather service is down"))
        #expect(outcome.result.count <= 510)
        #expect(!outcome.result.contains("Beijing"), "the arguments are not repeated")

        var options = ToolLoop.Options()
        options.handlerErrors = .stopLoop
        let stopping = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: toolbox,
            options: options,
            retry: .none
        )
        let error = await #expect(throws: ToolLoopError.self) {
            try await stopping.run(Transcript(api: .openAI, prompt: "?"))
        }
        guard case .handlerFailed(let tool, _)? = error?.reason else {
            Issue.record("expected handlerFailed, got \(String(describing: error?.reason))")
            return
        }
        #expect(tool == "get_weather")
        #expect(error?.partial.transcript.messages.last?["role"] == "tool", "the call is answered")
    }

    @Test("a handler past its timeout: a result saying so; the loop goes on")
    func toolTimeout() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#)]),
            OpenAIReply.text("It timed out."),
        ])
        defer { Task { await server.shutdown() } }
        var toolbox = Toolbox()
        // Ignores cancellation on purpose: the loop must not wait for it.
        try toolbox.add(Loops.weatherSpec, timeout: .milliseconds(100)) { _ in
            await NeverReturns().wait()
            return "never"
        }
        let loop = ToolLoop(configuration: Loops.configuration(.openAI, server), toolbox: toolbox, retry: .none)
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        #expect(result.steps[0].calls[0].disposition == .timedOut)
        #expect(result.steps[0].calls[0].result.contains("did not finish within"))
        #expect(result.finalText == "It timed out.")
    }

    @Test("finish reason length: nothing runs, every call gets the cut-off hint")
    func lengthFinish() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls(
                [
                    OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#),
                    OpenAIReply.call("c2", "get_weather", #"{"city": "Shangh"#),
                ],
                finish: "length"
            ),
            OpenAIReply.text("ok"),
        ])
        defer { Task { await server.shutdown() } }
        let (loop, ran) = Loops.countingWeatherLoop(server, result: "x")
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        #expect(ran.value == 0)
        #expect(result.steps[0].calls.map(\.disposition) == [.cutOff, .cutOff])
        #expect(result.steps[0].calls[0].result.contains("cut off (finish reason length)"))
        #expect(result.steps[0].calls[1].result.contains("cut off"))
        #expect(result.steps[0].calls[1].wireArguments == #"{"city":"Shangh"}"#)
    }

    @Test("usage at max_tokens means cut off, even when the finish reason says tool_calls")
    func usageAtMaxTokens() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#)], usage: (50, 64)),
            OpenAIReply.text("ok"),
        ])
        defer { Task { await server.shutdown() } }
        var configuration = Loops.configuration(.openAI, server)
        configuration.maxTokens = 64
        let loop = ToolLoop(configuration: configuration, toolbox: Loops.weatherToolbox(), retry: .none)
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        #expect(result.steps[0].calls[0].disposition == .cutOff)
        #expect(server.requests[0].json["max_tokens"] == 64)
    }

    @Test("an unterminated arguments text is cut off even when the finish reason says tool_calls")
    func unterminatedArguments() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beij"#)]),
            OpenAIReply.text("ok"),
        ])
        defer { Task { await server.shutdown() } }
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        #expect(result.steps[0].calls[0].disposition == .cutOff)
    }

    @Test("calls with finish reason stop still run; tool_calls: [] is a final answer")
    func stopWithCallsAndEmptyCalls() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#)], finish: "stop"),
            OpenAIReply.calls([], content: "Sunny.", finish: "stop"),
        ])
        defer { Task { await server.shutdown() } }
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        #expect(result.steps[0].calls[0].disposition == .succeeded)
        #expect(result.finalText == "Sunny.")
    }

    @Test(
        "content_filter and unknown or missing finish reasons run nothing; the calls are answered and the loop stops",
        arguments: [JSONValue("content_filter"), JSONValue("weird"), JSONValue.null]
    )
    func filteredOrUnexpected(finish: JSONValue) async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#)], finish: finish)
        ])
        defer { Task { await server.shutdown() } }
        let (loop, ran) = Loops.countingWeatherLoop(server, result: "x")
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop.run(Transcript(api: .openAI, prompt: "?"))
        }
        #expect(ran.value == 0)
        let expected: ToolLoopError.Reason =
            finish == "content_filter" ? .contentFiltered : .unexpectedFinish(finish.stringValue)
        #expect(error?.reason == expected)
        let last = error?.partial.transcript.messages.last
        #expect(last?["role"] == "tool" && last?["content"]?.stringValue?.hasPrefix("not executed:") == true)
    }

    @Test("missing, empty, duplicated and placeholder ids are replaced, the same in the echo and the answer")
    func ids() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([
                OpenAIReply.Call(id: nil, name: "get_weather", arguments: #"{"city": "A"}"#),
                OpenAIReply.Call(id: "", name: "get_weather", arguments: #"{"city": "B"}"#),
                OpenAIReply.Call(id: "call_same", name: "get_weather", arguments: #"{"city": "C"}"#),
                OpenAIReply.Call(id: "call_same", name: "get_weather", arguments: #"{"city": "D"}"#),
                OpenAIReply.Call(id: "null", name: "get_weather", arguments: #"{"city": "E"}"#),
            ]),
            OpenAIReply.text("ok"),
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.maxConcurrentTools = 2
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        let ids = result.steps[0].calls.map(\.call.id)
        #expect(ids == ["call_ts1_1", "call_ts1_2", "call_same", "call_ts1_4", "call_ts1_5"])
        let messages = server.requests[1].json["messages"]?.arrayValue ?? []
        let echoed = messages[1]["tool_calls"]?.arrayValue?.map { $0["id"]?.stringValue ?? "" }
        #expect(echoed == ids)
        #expect(messages[2...].map { $0["tool_call_id"]?.stringValue ?? "" } == ids)
        #expect(
            messages[2...].map { $0["content"]?.stringValue ?? "" }.map { String($0.suffix(1)) } == [
                "A", "B", "C", "D", "E",
            ]
        )
    }

    @Test("provider fields the loop does not model (reasoning_content, extra_content) are echoed unchanged")
    func reasoningContentEchoed() async throws {
        let reasoning = "用户问北京天气。I should call get_weather with {\"city\": \"北京\"}…\n"
        let server = try await ScriptedServer.start([
            OpenAIReply.calls(
                [OpenAIReply.call("c1", "get_weather", #"{"city":"北京"}"#)],
                content: nil,
                extra: [
                    ("reasoning_content", .string(reasoning)),
                    ("extra_content", ["google": ["thought_signature": "c2lnbmF0dXJl"]]),
                ]
            ),
            OpenAIReply.text("晴。"),
        ])
        defer { Task { await server.shutdown() } }
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            retry: .none
        )
        _ = try await loop.run(Transcript(api: .openAI, prompt: "北京天气?"))
        let echoed = server.requests[1].json["messages"]?[1]
        #expect(echoed?["reasoning_content"] == .string(reasoning))
        #expect(echoed?["extra_content"] == ["google": ["thought_signature": "c2lnbmF0dXJl"]])
        #expect(echoed?["content"] == .null)
        #expect(echoed?.objectValue?.keys == ["role", "content", "reasoning_content", "extra_content", "tool_calls"])
    }

    @Test("a forced tool_choice is sent until one tool round has happened, then left out")
    func forcedToolChoiceDropped() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#)]),
            OpenAIReply.text("Sunny."),
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.toolChoice = .tool("get_weather")
        options.parallelToolCalls = false
        let events = EventLog()
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"), onEvent: events.record)
        #expect(server.requests[0].json["tool_choice"] == ["type": "function", "function": ["name": "get_weather"]])
        #expect(server.requests[0].json["parallel_tool_calls"] == false)
        #expect(server.requests[1].json["tool_choice"] == nil)
        #expect(server.requests[1].json["tools"] != nil)
        #expect(result.steps.map(\.sentToolChoice) == [true, false])
        #expect(events.types.contains("tool_choice_dropped"))
    }

    @Test("tool_choice none is sent; calls that come anyway are not run; no tools means no tool_choice")
    func toolChoiceNone() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#)]),
            OpenAIReply.text("No tools, then: I do not know."),
            OpenAIReply.text("Hello."),
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.toolChoice = .none
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        #expect(server.requests[0].json["tool_choice"] == "none")
        #expect(result.steps[0].calls[0].disposition == .notExecuted)
        let bare = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Toolbox(),
            options: options,
            retry: .none
        )
        _ = try await bare.run(Transcript(api: .openAI, prompt: "Hi"))
        #expect(server.requests[2].json["tool_choice"] == nil && server.requests[2].json["tools"] == nil)
    }

    @Test("the request bound stops the loop with every call answered")
    func requestBound() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "A"}"#)]),
            OpenAIReply.calls([OpenAIReply.call("c2", "get_weather", #"{"city": "B"}"#)]),
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.maxRequests = 2
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: .none
        )
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop.run(Transcript(api: .openAI, prompt: "?"))
        }
        #expect(error?.reason == .requestLimit(2))
        #expect(error?.partial.transcript.messages.last?["role"] == "tool")
        #expect(server.requests.count == 2)
    }

    @Test("the repeat detector: the k-th identical call gets a hint, one more stops the loop")
    func repeatDetector() async throws {
        let same = #"{"city": "Beijing"}"#
        let sameReordered = #"{ "city" : "Beijing" }"#
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", same)]),
            OpenAIReply.calls([OpenAIReply.call("c2", "get_weather", sameReordered)]),
            OpenAIReply.calls([OpenAIReply.call("c3", "get_weather", same)]),
            OpenAIReply.calls([OpenAIReply.call("c4", "get_weather", same)]),
        ])
        defer { Task { await server.shutdown() } }
        let (loop, ran) = Loops.countingWeatherLoop(server, result: "sunny")
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop.run(Transcript(api: .openAI, prompt: "?"))
        }
        #expect(error?.reason == .repeatedCall(tool: "get_weather"))
        #expect(ran.value == 2)
        let dispositions = error?.partial.steps.map { $0.calls[0].disposition }
        #expect(dispositions == [.succeeded, .succeeded, .repeated, .notExecuted])
        #expect(error?.partial.steps[2].calls[0].result.contains("in 3 rounds in a row") == true)
    }

    @Test("the same call twice in one turn is not a repeat")
    func sameCallInOneTurn() async throws {
        let roll = OpenAIReply.calls([
            OpenAIReply.call("r1", "roll_die", "{}"), OpenAIReply.call("r2", "roll_die", "{}"),
            OpenAIReply.call("r3", "roll_die", "{}"), OpenAIReply.call("r4", "roll_die", "{}"),
        ])
        let server = try await ScriptedServer.start([roll, OpenAIReply.text("4, 2, 6, 1")])
        defer { Task { await server.shutdown() } }
        var toolbox = Toolbox()
        try toolbox.add(ToolSpec(name: "roll_die", parameters: [:])) { _ in "\(Int.random(in: 1...6))" }
        let loop = ToolLoop(configuration: Loops.configuration(.openAI, server), toolbox: toolbox, retry: .none)
        let result = try await loop.run(Transcript(api: .openAI, prompt: "Roll four dice."))
        #expect(result.steps[0].calls.map(\.disposition) == Array(repeating: .succeeded, count: 4))
    }

    @Test("the overall deadline stops a slow handler and answers its call")
    func deadline() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#)])
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.timeout = .milliseconds(500)
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox { _ in
                try await Task.sleep(for: .seconds(30))
                return "late"
            },
            options: options,
            retry: .none
        )
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop.run(Transcript(api: .openAI, prompt: "?"))
        }
        #expect(error?.reason == .deadlineExceeded)
        #expect(error?.partial.transcript.messages.last?["content"] == "not completed: the loop's deadline passed")
    }

    @Test("cancelling the calling task stops a handler that ignores cancellation, promptly, with the call answered")
    func cancellationDuringHandler() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing"}"#)])
        ])
        defer { Task { await server.shutdown() } }
        let started = AsyncStream<Void>.makeStream()
        var options = ToolLoop.Options()
        options.toolTimeout = nil
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox { _ in
                started.continuation.yield()
                await NeverReturns().wait()
                return "never"
            },
            options: options,
            retry: .none
        )
        let task = Task { try await loop.run(Transcript(api: .openAI, prompt: "?")) }
        for await _ in started.stream { break }
        task.cancel()
        let outcome = await task.result
        guard case .failure(let error as ToolLoopError) = outcome else {
            Issue.record("expected a ToolLoopError, got \(outcome)")
            return
        }
        #expect(error.reason == .cancelled)
        #expect(error.partial.transcript.messages.last?["content"] == "not executed: the loop was cancelled")
    }

    @Test("the events sequence delivers every event, then ends")
    func eventSequence() async throws {
        let server = try await ScriptedServer.start([OpenAIReply.text("Hi.")])
        defer { Task { await server.shutdown() } }
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            retry: .none
        )
        var types: [String] = []
        var final: String? = nil
        for try await event in loop.events(Transcript(api: .openAI, prompt: "Hi")) {
            types.append(event.json["type"]?.stringValue ?? "")
            if case .finished(let result) = event { final = result.finalText }
        }
        #expect(types == ["request", "response", "finished"])
        #expect(final == "Hi.")
    }

    @Test("typed handlers receive the decoded value; an init(from:) refusal goes back as a hint")
    func typedHandler() async throws {
        struct Booking: ToolArguments {
            var seats: Int
            init(from decoder: any Decoder) throws {
                enum Keys: String, CodingKey { case seats }
                let c = try decoder.container(keyedBy: Keys.self)
                seats = try c.decode(Int.self, forKey: .seats)
                if seats > 9 {
                    throw DecodingError.dataCorruptedError(forKey: .seats, in: c, debugDescription: "at most 9 seats")
                }
            }
            static let sampleArguments: JSONValue? = ["seats": 1]
        }
        let server = try await ScriptedServer.start([
            OpenAIReply.calls([
                OpenAIReply.call("c1", "get_weather", #"{"city": "Beijing", "unit": "CELSIUS"}"#),
                OpenAIReply.call("c2", "booking", #"{"seats": "12"}"#),
            ]),
            OpenAIReply.text("ok"),
        ])
        defer { Task { await server.shutdown() } }
        let got = MutexBox<String>("")
        var toolbox = Toolbox()
        try toolbox.add(GetWeather.self) { weather in
            got.mutate { $0 = "\(weather.city) \(weather.unit?.rawValue ?? "-")" }
            return "sunny"
        }
        try toolbox.add(Booking.self) { booking in "booked \(booking.seats)" }
        let loop = ToolLoop(configuration: Loops.configuration(.openAI, server), toolbox: toolbox, retry: .none)
        let result = try await loop.run(Transcript(api: .openAI, prompt: "?"))
        #expect(got.value == "Beijing celsius")
        let refused = result.steps[0].calls[1]
        #expect(refused.disposition == .invalidArguments)
        #expect(refused.result.contains("at most 9 seats"))
        #expect(refused.check?.isValid == false)
    }

    @Test("a history the provider would reject is refused before anything is sent, naming the message")
    func preflight() async throws {
        let server = try await ScriptedServer.start([])
        defer { Task { await server.shutdown() } }
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            retry: .none
        )
        let orphan = Transcript(
            api: .openAI,
            messages: [
                ["role": "user", "content": "hi"], ["role": "tool", "tool_call_id": "call_9", "content": "x"],
            ]
        )
        let e1 = await #expect(throws: ToolLoopError.self) { try await loop.run(orphan) }
        guard case .invalidHistory(let index, let message)? = e1?.reason else {
            Issue.record("expected invalidHistory")
            return
        }
        #expect(index == 1 && message.contains("call_9"))
        let unanswered = Transcript(
            api: .openAI,
            messages: [
                ["role": "user", "content": "hi"],
                [
                    "role": "assistant", "content": nil,
                    "tool_calls": [
                        ["id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": "{}"]]
                    ],
                ],
                ["role": "user", "content": "and?"],
            ]
        )
        let e2 = await #expect(throws: ToolLoopError.self) { try await loop.run(unanswered) }
        #expect(
            e2?.reason == .invalidHistory(index: 1, message: #"its calls "call_1" are not answered before message 2"#)
        )
        #expect(server.requests.isEmpty)
    }
}

/// Lets two handlers wait for each other without sleeping.
actor BothStarted {
    private var arrived = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var finished: Set<String> = []
    private var finishWaiters: [(String, CheckedContinuation<Void, Never>)] = []

    func arrive() async {
        arrived += 1
        if arrived >= 2 {
            for w in waiters { w.resume() }
            waiters = []
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func finish(_ name: String) {
        finished.insert(name)
        for (n, w) in finishWaiters where n == name { w.resume() }
        finishWaiters.removeAll { $0.0 == name }
    }

    func waitFor(finished name: String) async {
        if finished.contains(name) { return }
        await withCheckedContinuation { finishWaiters.append((name, $0)) }
    }
}

/// A wait that never ends and ignores cancellation: a badly behaved handler.
struct NeverReturns {
    func wait() async {
        await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
    }
}
