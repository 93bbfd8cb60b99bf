import Foundation
import HTTPTestSupport
import JSONCore
import Testing
import ToolCalling
import ToolSchema

/// Streamed responses in each provider's shape, sent by a real loopback server in awkward
/// TCP pieces: the loop runs on them exactly as on whole responses.
@Suite(.timeLimit(.minutes(1)))
struct StreamingLoopTests {
    /// An OpenAI-compatible chunk.
    static func chunk(_ delta: JSONValue, finish: JSONValue = nil) -> String {
        let value: JSONValue = [
            "id": "chatcmpl-1", "object": "chat.completion.chunk",
            "choices": [["index": 0, "delta": delta, "finish_reason": finish]],
        ]
        return "data: " + value.jsonString() + "\n\n"
    }

    static let usageChunk: JSONValue = [
        "id": "chatcmpl-1", "choices": [], "usage": ["prompt_tokens": 90, "completion_tokens": 20],
    ]

    /// A streamed call to get_weather for 北京, then the usage chunk and [DONE].
    static let callStream: String =
        chunk(["role": "assistant", "content": ""])
        + ": OPENROUTER PROCESSING\n\n"
        + chunk([
            "tool_calls": [
                ["index": 0, "id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": ""]]
            ]
        ])
        + chunk(["tool_calls": [["index": 0, "function": ["arguments": "{\"city\": \"北"]]]])
        + "data: : keepalive\n\n"
        + chunk(["tool_calls": [["index": 0, "id": "call_1", "function": ["arguments": "京\"}"]]]])
        + chunk([:], finish: "tool_calls")
        + "data: " + usageChunk.jsonString() + "\n\n"
        + "data: [DONE]\n\n"

    static let answerStream: String =
        chunk(["role": "assistant", "content": "Sunny"]) + chunk(["content": ", 24 °C"])
        + chunk(["content": " in 北京."], finish: "stop") + "data: [DONE]\n\n"

    static func options(_ body: (inout ToolLoop.Options) -> Void = { _ in }) -> ToolLoop.Options {
        var options = ToolLoop.Options()
        options.streams = true
        body(&options)
        return options
    }

    @Test(
        "OpenAI-compatible: a call streamed in 7-byte pieces (inside UTF-8 and data: lines, CRLF), run, then a streamed answer"
    )
    func openAI() async throws {
        let crlf = Self.callStream.replacingOccurrences(of: "\n", with: "\r\n")
        let server = try await ScriptedServer.start([
            .events(crlf, pieceSize: 7), .events(Self.answerStream, pieceSize: 5),
        ])
        defer { Task { await server.shutdown() } }
        let events = EventLog()
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: Self.options(),
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .openAI, prompt: "Weather?"), onEvent: events.record)
        #expect(result.finalText == "Sunny, 24 °C in 北京.")
        #expect(result.usage.inputTokens == 90 && result.usage.outputTokens == 20)
        let first = server.requests[0].json
        #expect(first["stream"] == true)
        #expect(first["stream_options"] == ["include_usage": true])
        #expect(server.requests[0].header("accept") == "text/event-stream")
        let echoed = server.requests[1].json["messages"]?[1]
        #expect(echoed?["tool_calls"]?[0]?["function"]?["arguments"] == #"{"city": "北京"}"#)
        #expect(server.requests[1].json["messages"]?[2]?["content"] == "Sunny, 24 °C in 北京")
        let deltas = events.all.compactMap { event -> String? in
            if case .textDelta(_, let text) = event { return text }
            return nil
        }
        #expect(deltas.joined() == "Sunny, 24 °C in 北京.")
        let arguments = events.all.compactMap { event -> String? in
            if case .argumentsDelta(_, _, _, let soFar) = event { return soFar }
            return nil
        }
        #expect(arguments.last == #"{"city": "北京"}"#)
        #expect(arguments.count >= 2, "the arguments are reported as they grow")
    }

    @Test("Anthropic: a tool_use whose input arrives as partial JSON, ping anywhere, then the answer")
    func anthropic() async throws {
        func event(_ type: String, _ data: JSONValue) -> String { "event: \(type)\ndata: \(data.jsonString())\n\n" }
        let calls =
            event(
                "message_start",
                [
                    "type": "message_start",
                    "message": [
                        "id": "m", "role": "assistant", "content": [],
                        "usage": ["input_tokens": 40, "output_tokens": 1],
                    ],
                ]
            )
            + event(
                "content_block_start",
                [
                    "type": "content_block_start", "index": 0,
                    "content_block": ["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": [:]],
                ]
            )
            + event("ping", ["type": "ping"])
            + event(
                "content_block_delta",
                [
                    "type": "content_block_delta", "index": 0,
                    "delta": ["type": "input_json_delta", "partial_json": "{\"city\": "],
                ]
            )
            + event(
                "content_block_delta",
                [
                    "type": "content_block_delta", "index": 0,
                    "delta": ["type": "input_json_delta", "partial_json": "\"Paris\"}"],
                ]
            )
            + event("content_block_stop", ["type": "content_block_stop", "index": 0])
            + event(
                "message_delta",
                ["type": "message_delta", "delta": ["stop_reason": "tool_use"], "usage": ["output_tokens": 15]]
            )
            + event("message_stop", ["type": "message_stop"])
        let answer =
            event(
                "message_start",
                [
                    "type": "message_start",
                    "message": [
                        "id": "m2", "role": "assistant", "content": [],
                        "usage": ["input_tokens": 60, "output_tokens": 1],
                    ],
                ]
            )
            + event(
                "content_block_start",
                ["type": "content_block_start", "index": 0, "content_block": ["type": "text", "text": ""]]
            )
            + event(
                "content_block_delta",
                [
                    "type": "content_block_delta", "index": 0,
                    "delta": ["type": "text_delta", "text": "Sunny in Paris."],
                ]
            )
            + event(
                "message_delta",
                ["type": "message_delta", "delta": ["stop_reason": "end_turn"], "usage": ["output_tokens": 5]]
            )
            + event("message_stop", ["type": "message_stop"])
        let server = try await ScriptedServer.start([.events(calls, pieceSize: 11), .events(answer, pieceSize: 13)])
        defer { Task { await server.shutdown() } }
        let loop = ToolLoop(
            configuration: Loops.configuration(.anthropic, server),
            toolbox: Loops.weatherToolbox(),
            options: Self.options(),
            retry: .none
        )
        let result = try await loop.run(Transcript(api: .anthropic, prompt: "Weather?"))
        #expect(result.finalText == "Sunny in Paris.")
        #expect(server.requests[0].json["stream"] == true)
        #expect(server.requests[0].json["stream_options"] == nil)
        let answered = server.requests[1].json["messages"]?[2]?["content"]?[0]
        #expect(answered?["type"] == "tool_result" && answered?["tool_use_id"] == "toolu_1")
        #expect(answered?["content"] == "Sunny, 24 °C in Paris")
    }

    @Test("an error frame after a 200 is the provider's error, and nothing is executed")
    func errorFrame() async throws {
        let stream =
            Self.chunk([
                "tool_calls": [["index": 0, "id": "call_1", "function": ["name": "get_weather", "arguments": "{}"]]]
            ])
            + "data: {\"error\": {\"message\": \"upstream overloaded\", \"type\": \"overloaded_error\"}}\n\n"
        let server = try await ScriptedServer.start([.events([stream])])
        defer { Task { await server.shutdown() } }
        let (loop, ran) = Loops.countingWeatherLoop(server, result: "x")
        var streaming = loop
        streaming.options.streams = true
        do {
            _ = try await streaming.run(Transcript(api: .openAI, prompt: "Weather?"))
            Issue.record("the loop did not stop")
        } catch {
            #expect(error.reason == .provider(status: 200, type: "overloaded_error", message: "upstream overloaded"))
        }
        #expect(ran.value == 0)
    }

    @Test("a stream that ends without a finish reason is an incomplete-stream transport error; nothing runs")
    func endsEarly() async throws {
        let stream = Self.chunk([
            "tool_calls": [
                ["index": 0, "id": "call_1", "function": ["name": "get_weather", "arguments": "{\"city\": \"A\"}"]]
            ]
        ])
        let server = try await ScriptedServer.start([.events([stream])])
        defer { Task { await server.shutdown() } }
        let (loop, ran) = Loops.countingWeatherLoop(server, result: "x")
        var streaming = loop
        streaming.options.streams = true
        streaming.retry = Loops.instantRetry
        do {
            _ = try await streaming.run(Transcript(api: .openAI, prompt: "Weather?"))
            Issue.record("the loop did not stop")
        } catch {
            guard case .transport(let failure) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(failure.code == .incompleteStream)
        }
        #expect(ran.value == 0)
        #expect(server.requests.count == 1, "a stream that began is never sent again")
    }

    @Test("silence between chunks ends the stream; it is not retried once output began")
    func stallsAfterOutput() async throws {
        let server = try await ScriptedServer.start([.events([Self.chunk(["content": "Sun"])], stalls: true)])
        defer { Task { await server.shutdown() } }
        var options = Self.options()
        options.betweenChunksTimeout = .milliseconds(300)
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: Loops.instantRetry
        )
        do {
            _ = try await loop.run(Transcript(api: .openAI, prompt: "Weather?"))
            Issue.record("the loop did not stop")
        } catch {
            guard case .transport(let failure) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(failure.code == .streamStalled)
        }
        #expect(server.requests.count == 1)
    }

    @Test("no first chunk in time, and a retryable status: both are retried, since nothing was output yet")
    func retriesBeforeOutput() async throws {
        let server = try await ScriptedServer.start([
            .hang,
            .json(["error": ["message": "busy", "type": "server_error"]], status: 503),
            .events(Self.answerStream, pieceSize: 9),
        ])
        defer { Task { await server.shutdown() } }
        var options = Self.options()
        // Long enough that the third reply's first chunk always arrives in time on a loaded
        // machine (300 ms was not, under a sanitizer or beside a build).
        options.firstChunkTimeout = .seconds(2)
        var retry = Loops.instantRetry
        retry.maxRetries = 2
        let events = EventLog()
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: retry
        )
        let result = try await loop.run(Transcript(api: .openAI, prompt: "Weather?"), onEvent: events.record)
        #expect(result.finalText == "Sunny, 24 °C in 北京.")
        #expect(server.requests.count == 3)
        #expect(events.types.filter { $0 == "retry" }.count == 2)
    }

    @Test("streamed calls with the same index and different ids (Ollama) are two calls, both answered")
    func sameIndexTwoCalls() async throws {
        let stream =
            Self.chunk([
                "tool_calls": [
                    [
                        "index": 0, "id": "call_a",
                        "function": ["name": "get_weather", "arguments": "{\"city\": \"A\"}"],
                    ]
                ]
            ])
            + Self.chunk([
                "tool_calls": [
                    [
                        "index": 0, "id": "call_b",
                        "function": ["name": "get_weather", "arguments": "{\"city\": \"B\"}"],
                    ]
                ]
            ])
            + Self.chunk([:], finish: "tool_calls") + "data: [DONE]"  // no final newline
        let server = try await ScriptedServer.start([.events([stream]), .events(Self.answerStream, pieceSize: 64)])
        defer { Task { await server.shutdown() } }
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: Self.options(),
            retry: .none
        )
        _ = try await loop.run(Transcript(api: .openAI, prompt: "Weather?"))
        let messages = server.requests[1].json["messages"]?.arrayValue ?? []
        #expect(messages.count == 4)
        #expect(messages[2]["tool_call_id"] == "call_a" && messages[2]["content"] == "Sunny, 24 °C in A")
        #expect(messages[3]["tool_call_id"] == "call_b" && messages[3]["content"] == "Sunny, 24 °C in B")
    }
}

@Suite(.timeLimit(.minutes(1)))
struct StreamingCheckLoopTests {
    @Test(
        "a streamed call with an invented parameter is reported hopeless while it streams, then answered with the hint"
    )
    func hopelessWhileStreaming() async throws {
        let stream =
            StreamingLoopTests.chunk([
                "tool_calls": [
                    ["index": 0, "id": "call_1", "function": ["name": "get_weather", "arguments": "{\"cityName\""]]
                ]
            ])
            + StreamingLoopTests.chunk(["tool_calls": [["index": 0, "function": ["arguments": ": \"Beijing\"}"]]]])
            + StreamingLoopTests.chunk([:], finish: "tool_calls") + "data: [DONE]\n\n"
        let server = try await ScriptedServer.start([
            .events(stream, pieceSize: 6), .events(StreamingLoopTests.answerStream, pieceSize: 64),
        ])
        defer { Task { await server.shutdown() } }
        let events = EventLog()
        let loop = ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: StreamingLoopTests.options(),
            retry: .none
        )
        _ = try await loop.run(Transcript(api: .openAI, prompt: "Weather?"), onEvent: events.record)
        let hopeless = events.all.compactMap { event -> (SchemaViolation, String)? in
            if case .callHopeless(_, _, _, let violation, let hint) = event { return (violation, hint) }
            return nil
        }
        #expect(hopeless.count == 1)
        #expect(hopeless.first?.0.instancePath == ["cityName"])
        #expect(hopeless.first?.1.contains("cityName") == true, "\(hopeless.first?.1 ?? "")")
        #expect(hopeless.first?.1.contains("Corrected arguments") == false, "\(hopeless.first?.1 ?? "")")
        // Reported before the call's stream ended: ahead of the response event.
        let types = events.types
        let at = try #require(types.firstIndex(of: "call_hopeless"))
        #expect(at < (types.firstIndex(of: "response") ?? 0))
        let answer = server.requests[1].json["messages"]?[2]?["content"]?.stringValue ?? ""
        #expect(answer.contains("cityName"), "the call is still answered with the full hint: \(answer)")
    }
}

@Suite(.timeLimit(.minutes(1)))
struct StoppingHopelessStreamsTests {
    @Test("stopsHopelessStreams: the stream is dropped at the invented name and answered with the hint at once")
    func stopsAtTheName() async throws {
        // The server never ends this stream: only stopping early lets the loop go on.
        let hopeless = ScriptedServer.Reply.events(
            [
                StreamingLoopTests.chunk([
                    "tool_calls": [
                        ["index": 0, "id": "call_1", "function": ["name": "get_weather", "arguments": "{\"cityN"]]
                    ]
                ]),
                StreamingLoopTests.chunk(["tool_calls": [["index": 0, "function": ["arguments": "ame\": \"Bei"]]]]),
            ],
            stalls: true
        )
        let fixed = ScriptedServer.Reply.events(
            StreamingLoopTests.chunk([
                "tool_calls": [
                    [
                        "index": 0, "id": "call_2",
                        "function": ["name": "get_weather", "arguments": "{\"city\": \"Beijing\"}"],
                    ]
                ]
            ]) + StreamingLoopTests.chunk([:], finish: "tool_calls") + "data: [DONE]\n\n",
            pieceSize: 32
        )
        let server = try await ScriptedServer.start([
            hopeless, fixed, .events(StreamingLoopTests.answerStream, pieceSize: 64),
        ])
        defer { Task { await server.shutdown() } }
        var options = StreamingLoopTests.options()
        options.stopsHopelessStreams = true
        let (loop, ran) = Loops.countingWeatherLoop(server, result: "Sunny")
        var stopping = loop
        stopping.options = options
        let result = try await stopping.run(Transcript(api: .openAI, prompt: "Weather?"))
        #expect(result.finalText == "Sunny, 24 °C in 北京.")
        #expect(ran.value == 1, "only the corrected call ran")
        #expect(result.steps.first?.calls.first?.disposition == .invalidArguments)
        let second = server.requests[1].json["messages"]?.arrayValue ?? []
        let echoed = second[1]["tool_calls"]?[0]?["function"]?["arguments"]?.stringValue ?? ""
        #expect(
            (try? JSONValue(parsing: echoed))?.objectValue != nil,
            "the cut-off arguments go back as an object: \(echoed)"
        )
        #expect(second[2]["content"]?.stringValue?.contains("cityName") == true)
    }
}
