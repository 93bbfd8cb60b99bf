import Foundation
import JSONCore
import Testing

@testable import ToolCalling

/// Streamed turns assembled into the turn a whole response gives.
@Suite struct StreamAssemblerTests {
    func assemble(_ api: ChatAPI, _ stream: String) throws -> (StreamAssembler, AssistantTurn) {
        var reader = ServerSentEventReader()
        var assembler = StreamAssembler(api: api)
        for event in try reader.feed(Array(stream.utf8)) { try assembler.consume(event) }
        return (assembler, assembler.turn())
    }

    @Test("OpenAI-compatible: two calls in pieces, content and reasoning, usage chunk, [DONE]")
    func openAI() throws {
        let stream = """
            data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning_content":"Two "},"finish_reason":null}]}

            : OPENROUTER PROCESSING

            data: {"id":"c","choices":[{"index":0,"delta":{"reasoning_content":"cities.","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}

            data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\": \\"北"}}]},"finish_reason":null}]}

            data: : keepalive

            data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":"}},{"index":0,"function":{"arguments":"京\\"}"}}]},"finish_reason":null}]}

            data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":" \\"Paris\\"}"}}]},"finish_reason":"tool_calls"}]}

            data: {"id":"c","choices":[],"usage":{"prompt_tokens":90,"completion_tokens":30,"total_tokens":120}}

            data: [DONE]


            """
        let (assembler, turn) = try assemble(.openAI, stream)
        #expect(assembler.isDone)
        #expect(turn.finishReason == "tool_calls")
        #expect(turn.calls.map(\.receivedID) == ["call_1", "call_2"])
        #expect(turn.calls.map(\.argumentsText) == [#"{"city": "北京"}"#, #"{"city": "Paris"}"#])
        #expect(turn.usage?.inputTokens == 90 && turn.usage?.outputTokens == 30)
        #expect(turn.message["reasoning_content"] == "Two cities.")
        #expect(turn.message["content"] == "")
        #expect(turn.message["tool_calls"]?[1]?["function"]?["arguments"] == #"{"city": "Paris"}"#)
    }

    @Test("Anthropic: thinking with its signature, text, and a tool_use whose input arrives as JSON pieces")
    func anthropic() throws {
        let stream = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"usage":{"input_tokens":50,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Weather."}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: ping
            data: {"type": "ping"}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Checking."}}

            event: content_block_start
            data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"\\"Oslo\\"}"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":40}}

            event: message_stop
            data: {"type":"message_stop"}


            """
        let (assembler, turn) = try assemble(.anthropic, stream)
        #expect(assembler.isDone)
        #expect(turn.finishReason == "tool_use")
        #expect(turn.text == "Checking.")
        #expect(turn.calls.map(\.argumentsText) == [#"{"city": "Oslo"}"#])
        let content = turn.message["content"]?.arrayValue ?? []
        #expect(content[0] == ["type": "thinking", "thinking": "Weather.", "signature": "EqQB"])
        #expect(content[2]["input"] == ["city": "Oslo"])
        #expect(turn.usage?.inputTokens == 50 && turn.usage?.outputTokens == 40)
    }

    @Test(
        "an error frame after a 200 is a provider error",
        arguments: [
            "data: {\"error\":{\"message\":\"upstream overloaded\",\"code\":502}}\n\n",
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
        ]
    )
    func errorFrame(_ stream: String) {
        #expect(throws: ToolLoopError.Reason.self) {
            _ = try assemble(stream.contains("overloaded_error") ? .anthropic : .openAI, stream)
        }
    }

    static func piece(_ call: JSONValue, finish: JSONValue = nil) -> String {
        let chunk: JSONValue = ["choices": [["index": 0, "delta": ["tool_calls": [call]], "finish_reason": finish]]]
        return "data: \(chunk.jsonString())\n\n"
    }

    @Test("a repeated identical id continues its call (DeepSeek, Qwen); ids and names are never concatenated")
    func repeatedID() throws {
        let stream =
            Self.piece([
                "index": 0, "id": "call_1", "type": "function", "function": ["name": "f", "arguments": "{\"a\""],
            ])
            + Self.piece([
                "index": 0, "id": "call_1", "type": "function", "function": ["name": "f", "arguments": ": 1}"],
            ])
            + Self.piece(["index": 0, "id": "call_1"], finish: "tool_calls")
        let (_, turn) = try assemble(.openAI, stream)
        #expect(turn.calls.count == 1)
        #expect(turn.calls[0].receivedID == "call_1" && turn.calls[0].name == "f")
        #expect(turn.calls[0].argumentsText == #"{"a": 1}"#)
    }

    @Test("null, empty and \"null\" ids, names and types in later pieces never overwrite known ones")
    func placeholdersNeverOverwrite() throws {
        let stream =
            Self.piece(["index": 0, "id": "call_1", "type": "function", "function": ["name": "f", "arguments": "{"]])
            + Self.piece(["index": 0, "id": nil, "type": "", "function": ["name": "null", "arguments": "}"]])
            + Self.piece(["index": 0, "id": "", "function": ["name": nil]], finish: "tool_calls")
        let (_, turn) = try assemble(.openAI, stream)
        #expect(turn.calls.count == 1)
        #expect(turn.calls[0].receivedID == "call_1" && turn.calls[0].name == "f")
        #expect(turn.message["tool_calls"]?[0]?["type"] == "function")
        #expect(turn.calls[0].argumentsText == "{}")
    }

    @Test("arguments before the name are kept; a call that never gets a name is refused")
    func argumentsBeforeName() throws {
        let late =
            Self.piece(["index": 0, "function": ["arguments": "{\"a\": 1}"]])
            + Self.piece(["index": 0, "id": "c", "function": ["name": "f"]], finish: "tool_calls")
        let (assembler, turn) = try assemble(.openAI, late)
        #expect(turn.calls.map(\.name) == ["f"] && turn.calls[0].argumentsText == #"{"a": 1}"#)
        #expect(throws: Never.self) { try assembler.finished() }
        let (nameless, _) = try assemble(
            .openAI,
            Self.piece(["index": 0, "function": ["arguments": "{}"]], finish: "tool_calls")
        )
        #expect(throws: ToolLoopError.Reason.self) { try nameless.finished() }
    }

    @Test("pieces without an index (Gemini through an OpenAI gateway) go to the latest call; a new id starts one")
    func noIndex() throws {
        let stream =
            Self.piece(["id": "a", "function": ["name": "f", "arguments": "{\"x\":"]])
            + Self.piece(["function": ["arguments": " 1}"]])
            + Self.piece(["id": "b", "function": ["name": "g", "arguments": "{}"]], finish: "tool_calls")
        let (_, turn) = try assemble(.openAI, stream)
        #expect(turn.calls.map(\.name) == ["f", "g"])
        #expect(turn.calls.map(\.argumentsText) == [#"{"x": 1}"#, "{}"])
    }

    @Test("calls keep arrival order, whatever their indexes (a gateway that starts at 1)")
    func arrivalOrder() throws {
        let stream =
            Self.piece(["index": 2, "id": "a", "function": ["name": "f", "arguments": "{}"]])
            + Self.piece(["index": 1, "id": "b", "function": ["name": "g", "arguments": "{}"]], finish: "tool_calls")
        let (_, turn) = try assemble(.openAI, stream)
        #expect(turn.calls.map(\.receivedID) == ["a", "b"])
    }

    @Test("a stream that ends without a finish reason or [DONE] is visibly unfinished")
    func unfinished() throws {
        let (assembler, turn) = try assemble(
            .openAI,
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\"\"}}]}}]}\n\n"
        )
        #expect(!assembler.isDone)
        #expect(turn.finishReason == nil)
        #expect(turn.calls.first?.argumentsText == #"{"a""#)
        #expect(throws: ToolLoopError.Reason.self) { try assembler.finished() }
    }
}

/// A stream a real server sent: llama.cpp's llama-server with Qwen2.5-Coder-1.5B, asked for the
/// weather in Paris with `stream_options.include_usage` (captured with curl).
@Suite struct RecordedStreamTests {
    @Test("llama-server's streamed tool call assembles into its call, in every chunking")
    func llamaServer() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/llama-server-stream.txt")
        let bytes = Array(try Data(contentsOf: url))
        for chunkSize in [bytes.count, 4096, 97, 7, 1] {
            var reader = ServerSentEventReader()
            var assembler = StreamAssembler(api: .openAI)
            var start = 0
            while start < bytes.count {
                let end = min(start + chunkSize, bytes.count)
                for event in try reader.feed(bytes[start..<end]) { try assembler.consume(event) }
                start = end
            }
            let pending = reader.finish()
            #expect(!pending)
            let turn = assembler.turn()
            #expect(assembler.isDone)
            #expect(turn.finishReason == "tool_calls")
            #expect(turn.calls.count == 1)
            #expect(turn.calls.first?.name == "get_weather")
            #expect(turn.calls.first?.receivedID == "CUjipfGv8cjtUwMS8rTfly0nNYob3soW")
            let arguments = try JSONValue(parsing: turn.calls.first?.argumentsText ?? "")
            #expect(arguments["city"] == "Paris")
            #expect(turn.usage?.inputTokens == 258 && turn.usage?.outputTokens == 28)
        }
    }
}
