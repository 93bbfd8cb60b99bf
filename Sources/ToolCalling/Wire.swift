internal import JSONCore
internal import ToolSchema

/// A call as read from a response, before ids are normalised.
package struct ReceivedCall {
    package var receivedID: String?
    package var name: String
    package var argumentsText: String
}

/// One assistant turn as read from a response.
package struct AssistantTurn {
    /// The message as received: the OpenAI message object, or `{"role": "assistant",
    /// "content": [...]}` for Anthropic.
    package var message: JSONValue
    package var text: String?
    package var calls: [ReceivedCall]
    package var finishReason: String?
    package var usage: TokenUsage?
}

/// How a turn with calls ended, which decides whether they run.
enum TurnEnd: Equatable {
    case normal, truncated, filtered, unexpected
}

/// The request and response shapes of one protocol.
struct Wire {
    var api: ChatAPI

    // MARK: Requests

    /// The tools as the request's `tools` (or `functions`) member.
    func toolsValue(_ specs: [ToolSpec]) -> JSONValue? {
        guard !specs.isEmpty else { return nil }
        let shape: SpecShape
        switch api {
        case .openAI: shape = .openAI
        case .functions: shape = .function
        case .anthropic: shape = .anthropic
        }
        // Toolbox tools always have names, so emitting cannot fail.
        return (try? ToolSpec.emit(specs, as: shape))?.value
    }

    /// The `tool_choice` (or `function_call`) value, or nil to leave it out.
    func toolChoiceValue(
        _ choice: ToolChoice,
        parallel: Bool?,
        toolNames: [String]
    ) throws(ToolLoopError.Reason) -> JSONValue? {
        switch api {
        case .openAI:
            switch choice {
            case .auto: return nil
            case .none: return "none"
            case .required: return "required"
            case .tool(let name): return ["type": "function", "function": ["name": .string(name)]]
            }
        case .functions:
            switch choice {
            case .auto: return nil
            case .none: return "none"
            case .required:
                guard toolNames.count == 1 else {
                    throw .invalidConfiguration(
                        "the legacy functions API cannot require a call to any of several functions; name one (--tool-choice NAME)"
                    )
                }
                return ["name": .string(toolNames[0])]
            case .tool(let name): return ["name": .string(name)]
            }
        case .anthropic:
            var object: JSONObject
            switch choice {
            case .auto:
                return parallel == false ? ["type": "auto", "disable_parallel_tool_use": true] : nil
            case .none: return ["type": "none"]
            case .required: object = ["type": "any"]
            case .tool(let name): object = ["type": "tool", "name": .string(name)]
            }
            if parallel == false { object["disable_parallel_tool_use"] = true }
            return .object(object)
        }
    }

    /// The request body.
    func requestBody(
        configuration: ChatConfiguration,
        transcript: Transcript,
        tools: JSONValue?,
        toolChoice: JSONValue?,
        parallel: Bool?,
        stream: Bool = false
    ) -> JSONValue {
        var body = JSONObject()
        body["model"] = .string(configuration.model)
        if stream {
            body["stream"] = true
            if api != .anthropic { body["stream_options"] = ["include_usage": true] }
        }
        switch api {
        case .openAI, .functions:
            if let maxTokens = configuration.maxTokens { body["max_tokens"] = .number(JSONNumber(maxTokens)) }
            body["messages"] = .array(transcript.requestMessages)
            if let tools {
                if api == .openAI {
                    body["tools"] = tools
                    if let toolChoice { body["tool_choice"] = toolChoice }
                    if let parallel { body["parallel_tool_calls"] = .bool(parallel) }
                } else {
                    body["functions"] = tools
                    if let toolChoice { body["function_call"] = toolChoice }
                }
            }
        case .anthropic:
            body["max_tokens"] = .number(JSONNumber(configuration.maxTokens ?? 1024))
            if let system = transcript.system { body["system"] = .string(system) }
            body["messages"] = .array(transcript.messages)
            if let tools {
                body["tools"] = tools
                if let toolChoice { body["tool_choice"] = toolChoice }
            }
        }
        for (key, value) in configuration.extraParameters where body[key] == nil { body[key] = value }
        return .object(body)
    }

    // MARK: Responses

    /// Reads a 2xx response body.
    func parseResponse(
        _ body: JSONValue,
        excerpt: @autoclosure () -> String
    ) throws(ToolLoopError.Reason)
        -> AssistantTurn
    {
        guard case .object(let root) = body else {
            throw .malformedResponse("expected a JSON object, got \(body.typeName): \(excerpt())")
        }
        if let error = root["error"], !error.isNull {
            let (type, message) = ProviderErrorBody.read(body)
            throw .provider(status: 200, type: type, message: message ?? "an error object in a 200 response")
        }
        switch api {
        case .openAI, .functions: return try parseChatCompletion(root, excerpt: excerpt())
        case .anthropic: return try parseAnthropic(root, excerpt: excerpt())
        }
    }

    private func parseChatCompletion(
        _ root: JSONObject,
        excerpt: @autoclosure () -> String
    ) throws(ToolLoopError.Reason) -> AssistantTurn {
        guard case .array(let choices)? = root["choices"], let first = choices.first else {
            throw .malformedResponse("no choices[0] in the response: \(excerpt())")
        }
        guard case .object(let message)? = first["message"] else {
            throw .malformedResponse("choices[0] has no message object: \(excerpt())")
        }
        let finish = first["finish_reason"]?.stringValue
        var calls: [ReceivedCall] = []
        if api == .openAI, case .array(let toolCalls)? = message["tool_calls"] {
            for (i, item) in toolCalls.enumerated() {
                guard case .object(let call) = item else {
                    throw .malformedResponse("tool_calls[\(i)] is not an object: \(excerpt())")
                }
                let function = call["function"]
                calls.append(
                    ReceivedCall(
                        receivedID: call["id"]?.stringValue,
                        name: function?["name"]?.stringValue ?? "",
                        argumentsText: Self.argumentsText(function?["arguments"])
                    )
                )
            }
        } else if api == .functions, case .object(let call)? = message["function_call"] {
            calls.append(
                ReceivedCall(
                    receivedID: nil,
                    name: call["name"]?.stringValue ?? "",
                    argumentsText: Self.argumentsText(call["arguments"])
                )
            )
        }
        return AssistantTurn(
            message: .object(message),
            text: Self.text(message["content"]),
            calls: calls,
            finishReason: finish,
            usage: TokenUsage.from(root["usage"])
        )
    }

    private func parseAnthropic(
        _ root: JSONObject,
        excerpt: @autoclosure () -> String
    ) throws(ToolLoopError.Reason)
        -> AssistantTurn
    {
        guard case .array(let content)? = root["content"] else {
            throw .malformedResponse("no content array in the response: \(excerpt())")
        }
        var calls: [ReceivedCall] = []
        var texts: [String] = []
        for (i, block) in content.enumerated() {
            guard case .object(let b) = block else {
                throw .malformedResponse("content[\(i)] is not an object: \(excerpt())")
            }
            switch b["type"]?.stringValue {
            case "text": if let t = b["text"]?.stringValue { texts.append(t) }
            case "tool_use":
                calls.append(
                    ReceivedCall(
                        receivedID: b["id"]?.stringValue,
                        name: b["name"]?.stringValue ?? "",
                        argumentsText: (b["input"] ?? .object(JSONObject())).jsonString()
                    )
                )
            default: break
            }
        }
        return AssistantTurn(
            message: ["role": "assistant", "content": .array(content)],
            text: texts.isEmpty ? nil : texts.joined(),
            calls: calls,
            finishReason: root["stop_reason"]?.stringValue,
            usage: TokenUsage.from(root["usage"])
        )
    }

    /// `arguments` as text: a string as it is; an object some servers send instead, written
    /// as JSON; nothing as `""`.
    static func argumentsText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s)?: s
        case nil, .null?: ""
        case let v?: v.jsonString()
        }
    }

    /// A message's text: a string, or the text parts of a content array.
    static func text(_ content: JSONValue?) -> String? {
        switch content {
        case .string(let s)?: return s
        case .array(let parts)?:
            let texts = parts.compactMap { $0["text"]?.stringValue }
            return texts.isEmpty ? nil : texts.joined()
        default: return nil
        }
    }

    /// Whether the calls of a turn may run: by its finish reason, and, when the reason says
    /// the turn ended normally, by its usage (output tokens at `maxTokens` mean it was cut off).
    func end(of turn: AssistantTurn, maxTokens: Int?) -> TurnEnd {
        let end = end(of: turn)
        let limit = maxTokens ?? (api == .anthropic ? 1024 : nil)
        if end == .normal, let limit, limit > 0, let used = turn.usage?.outputTokens, used >= limit {
            return .truncated
        }
        return end
    }

    /// Whether the calls of a turn that ended this way may run, by its finish reason.
    func end(of turn: AssistantTurn) -> TurnEnd {
        switch (api, turn.finishReason) {
        case (.openAI, "tool_calls"?), (.openAI, "stop"?), (.functions, "function_call"?), (.functions, "stop"?),
            (.openAI, "function_call"?):
            return .normal
        case (.anthropic, "tool_use"?), (.anthropic, "end_turn"?), (.anthropic, "stop_sequence"?):
            return .normal
        case (.openAI, "length"?), (.functions, "length"?), (.anthropic, "max_tokens"?):
            return .truncated
        case (.openAI, "content_filter"?), (.functions, "content_filter"?), (.anthropic, "refusal"?):
            return .filtered
        default:
            return .unexpected
        }
    }

    // MARK: The turn sent back, and its answers

    /// The assistant message as received, with normalised ids and, for calls whose text was
    /// not a JSON object, the arguments that replace it.
    func echo(_ turn: AssistantTurn, ids: [String], wireArguments: [String?]) -> JSONValue {
        guard case .object(var message) = turn.message else { return turn.message }
        switch api {
        case .openAI:
            guard case .array(var calls)? = message["tool_calls"] else { return turn.message }
            for i in calls.indices where i < ids.count {
                guard case .object(var call) = calls[i] else { continue }
                if call["id"]?.stringValue != ids[i] { call["id"] = .string(ids[i]) }
                if case .object(var function)? = call["function"] {
                    if let replacement = wireArguments[i] {
                        function["arguments"] = .string(replacement)
                    } else if function["arguments"]?.stringValue == nil {
                        function["arguments"] = .string(turn.calls[i].argumentsText)
                    }
                    call["function"] = .object(function)
                }
                calls[i] = .object(call)
            }
            message["tool_calls"] = .array(calls)
        case .functions:
            if case .object(var call)? = message["function_call"], let replacement = wireArguments.first ?? nil {
                call["arguments"] = .string(replacement)
                message["function_call"] = .object(call)
            }
        case .anthropic:
            guard case .array(var content)? = message["content"] else { return turn.message }
            var n = 0
            for i in content.indices {
                guard case .object(var block) = content[i], block["type"]?.stringValue == "tool_use" else { continue }
                guard n < ids.count else { break }
                if block["id"]?.stringValue != ids[n] { block["id"] = .string(ids[n]) }
                if let replacement = wireArguments[n] {
                    block["input"] = (try? JSONValue(parsing: replacement)) ?? .object(JSONObject())
                }
                content[i] = .object(block)
                n += 1
            }
            message["content"] = .array(content)
        }
        return .object(message)
    }

    /// The messages that answer a turn's calls, in call order.
    func answers(_ outcomes: [CallOutcome]) -> [JSONValue] {
        switch api {
        case .openAI:
            return outcomes.map {
                ["role": "tool", "tool_call_id": .string($0.call.id), "content": .string($0.result)]
            }
        case .functions:
            return outcomes.map {
                ["role": "function", "name": .string($0.call.name), "content": .string($0.result)]
            }
        case .anthropic:
            let blocks: [JSONValue] = outcomes.map {
                var block: JSONObject = [
                    "type": "tool_result", "tool_use_id": .string($0.call.id), "content": .string($0.result),
                ]
                if $0.isError { block["is_error"] = true }
                return .object(block)
            }
            return [["role": "user", "content": .array(blocks)]]
        }
    }

    /// Every call id already used in a transcript, so synthesized ids never collide.
    func callIDs(in transcript: Transcript) -> Set<String> {
        var ids: Set<String> = []
        for message in transcript.messages {
            if case .array(let calls)? = message["tool_calls"] {
                for call in calls { if let id = call["id"]?.stringValue { ids.insert(id) } }
            }
            if case .array(let blocks)? = message["content"] {
                for block in blocks where block["type"]?.stringValue == "tool_use" {
                    if let id = block["id"]?.stringValue { ids.insert(id) }
                }
            }
        }
        return ids
    }
}

/// What the loop does about `tool_choice`.
public enum ToolChoice: Sendable, Hashable {
    /// The model decides (the default; nothing is sent, except Anthropic's
    /// `disable_parallel_tool_use` when parallel calls are off).
    case auto
    /// No tool calls (`"none"`).
    case none
    /// At least one call (`"required"`, Anthropic `any`) until one tool round has happened.
    case required
    /// A call to this tool (`{"type": "function", "function": {"name"}}`, Anthropic `tool`,
    /// legacy `{"name"}`) until one tool round has happened.
    case tool(String)

    /// Whether the choice forces a call.
    public var isForced: Bool {
        switch self {
        case .required, .tool: true
        case .auto, .none: false
        }
    }
}

/// Reading a provider's error body: OpenAI `{"error": {"message", "type", "param", "code"}}`,
/// Anthropic `{"type": "error", "error": {"type", "message"}}`, and the looser shapes servers
/// use (`{"error": "text"}`, `{"message"}`, `{"detail"}`).
enum ProviderErrorBody {
    static func read(_ body: JSONValue) -> (type: String?, message: String?) {
        if case .object(let error)? = body["error"] {
            let type = error["type"]?.stringValue ?? error["code"]?.stringValue
            return (type, error["message"]?.stringValue)
        }
        if let message = body["error"]?.stringValue { return (nil, message) }
        if let message = body["message"]?.stringValue { return (body["type"]?.stringValue, message) }
        if let detail = body["detail"] {
            return (nil, detail.stringValue ?? detail.jsonString())
        }
        return (nil, nil)
    }

    static func param(_ body: JSONValue) -> String? {
        body["error"]?["param"]?.stringValue
    }
}
