import HTTPTestSupport
import JSONCore
import Synchronization
import ToolCalling
import ToolSchema

/// Responses written exactly in each provider's documented shape.
enum OpenAIReply {
    struct Call {
        var id: JSONValue = nil
        var name: String
        var arguments: String
    }

    static func calls(
        _ calls: [Call],
        content: JSONValue = .null,
        finish: JSONValue = "tool_calls",
        extra: [(String, JSONValue)] = [],
        usage: (Int, Int)? = (50, 10)
    ) -> ScriptedServer.Reply {
        var message: JSONObject = ["role": "assistant", "content": content]
        for (k, v) in extra { message[k] = v }
        message["tool_calls"] = .array(
            calls.map { call in
                var object: JSONObject = [:]
                if call.id != nil { object["id"] = call.id }
                object["type"] = "function"
                object["function"] = ["name": .string(call.name), "arguments": .string(call.arguments)]
                return .object(object)
            }
        )
        return body(message: .object(message), finish: finish, usage: usage)
    }

    static func call(_ id: String, _ name: String, _ arguments: String) -> Call {
        Call(id: .string(id), name: name, arguments: arguments)
    }

    static func text(_ text: String, finish: JSONValue = "stop", usage: (Int, Int)? = (80, 5)) -> ScriptedServer.Reply {
        body(message: ["role": "assistant", "content": .string(text)], finish: finish, usage: usage)
    }

    static func body(message: JSONValue, finish: JSONValue, usage: (Int, Int)?) -> ScriptedServer.Reply {
        var root: JSONObject = [
            "id": "chatcmpl-123", "object": "chat.completion", "created": 1_700_000_000, "model": "test-model",
            "choices": [["index": 0, "message": message, "logprobs": nil, "finish_reason": finish]],
        ]
        if let (p, c) = usage {
            root["usage"] = [
                "prompt_tokens": .number(JSONNumber(p)), "completion_tokens": .number(JSONNumber(c)),
                "total_tokens": .number(JSONNumber(p + c)),
            ]
        }
        return .json(.object(root))
    }

    static func error(
        _ status: Int,
        message: String,
        type: String,
        param: JSONValue = nil,
        headers: [(String, String)] = []
    )
        -> ScriptedServer.Reply
    {
        .json(
            ["error": ["message": .string(message), "type": .string(type), "param": param, "code": nil]],
            status: status,
            headers: headers
        )
    }
}

enum AnthropicReply {
    static func message(_ content: [JSONValue], stop: String, usage: (Int, Int) = (60, 12)) -> ScriptedServer.Reply {
        .json([
            "id": "msg_01", "type": "message", "role": "assistant", "model": "claude-test",
            "content": .array(content), "stop_reason": .string(stop), "stop_sequence": nil,
            "usage": ["input_tokens": .number(JSONNumber(usage.0)), "output_tokens": .number(JSONNumber(usage.1))],
        ])
    }

    static func toolUse(_ id: String, _ name: String, _ input: JSONValue) -> JSONValue {
        ["type": "tool_use", "id": .string(id), "name": .string(name), "input": input]
    }

    static func text(_ text: String) -> JSONValue { ["type": "text", "text": .string(text)] }
}

enum FunctionsReply {
    static func call(_ name: String, _ arguments: String) -> ScriptedServer.Reply {
        OpenAIReply.body(
            message: [
                "role": "assistant", "content": nil,
                "function_call": ["name": .string(name), "arguments": .string(arguments)],
            ],
            finish: "function_call",
            usage: (40, 9)
        )
    }
}

/// The weather tool most tests use.
struct GetWeather: ToolArguments, Equatable {
    var city: String
    var unit: Unit?
    enum Unit: String, Decodable, CaseIterable { case celsius, fahrenheit }
    static let toolDescription: String? = "Get the current weather in a city."
}

enum Loops {
    static let weatherSpec = ToolSpec(
        name: "get_weather",
        description: "Get the current weather in a city.",
        parameters: [
            "type": "object",
            "properties": [
                "city": ["type": "string"], "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]],
            ],
            "required": ["city"], "additionalProperties": false,
        ]
    )

    static let timeSpec = ToolSpec(
        name: "get_time",
        description: "The current time in a city.",
        parameters: ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]]
    )

    static func configuration(
        _ api: ChatAPI,
        _ server: ScriptedServer,
        key: String? = "sk-test-secret"
    )
        -> ChatConfiguration
    {
        ChatConfiguration(api: api, baseURL: server.baseURL, model: "test-model", apiKey: key)
    }

    /// Retries without real waiting; the delays asked for are still reported in events.
    static var instantRetry: RetryPolicy {
        var policy = RetryPolicy()
        policy.sleep = { _ in }
        return policy
    }

    /// A loop over the weather tool whose handler counts its runs.
    static func countingWeatherLoop(_ server: ScriptedServer, result: String) -> (ToolLoop, MutexBox<Int>) {
        let ran = MutexBox(0)
        let toolbox = weatherToolbox { _ in
            ran.mutate { $0 += 1 }
            return result
        }
        return (ToolLoop(configuration: configuration(.openAI, server), toolbox: toolbox, retry: .none), ran)
    }

    static func weatherToolbox(
        _ handler: @escaping ToolHandler = { i in "Sunny, 24 °C in \(i.arguments["city"]?.stringValue ?? "?")" }
    )
        -> Toolbox
    {
        var toolbox = Toolbox()
        try! toolbox.add(weatherSpec, handler: handler)
        return toolbox
    }
}

/// Collects events from any task.
final class EventLog: Sendable {
    private let events = MutexBox<[ToolLoopEvent]>([])
    func record(_ event: ToolLoopEvent) { events.mutate { $0.append(event) } }
    var all: [ToolLoopEvent] { events.value }
    var types: [String] { all.map { $0.json["type"]?.stringValue ?? "?" } }
}

final class MutexBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func mutate<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
    var value: Value { mutex.withLock { $0 } }
}
