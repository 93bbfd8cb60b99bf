internal import JSONCore
internal import ToolSchema

/// Builds one assistant turn from a streamed response's events: the same ``AssistantTurn`` a
/// whole response gives, so the loop decides, checks and echoes it the same way.
///
/// OpenAI-compatible: `chat.completion.chunk` objects whose `choices[0].delta` carries
/// `content`, `reasoning_content` and `tool_calls` pieces (the first piece of a call has its
/// `index`, `id`, `type` and `function.name`, later ones `index` and an `arguments` fragment),
/// then a chunk with `finish_reason`, optionally a `choices: []` chunk with `usage`, then
/// `[DONE]`. Anthropic: `message_start`, `content_block_start`/`_delta`/`_stop` (text,
/// `input_json_delta`, thinking and signature deltas), `message_delta` with `stop_reason`
/// and usage, `message_stop`.
///
/// Keepalives are skipped (`ping`, blank `data:` or `data: : keepalive`); an `{"error": …}`
/// frame or an Anthropic `error` event after a 200 is a provider error.
package struct StreamAssembler {
    let api: ChatAPI
    package private(set) var isDone = false

    /// What an event added, for callers that report a stream as it grows without rebuilding
    /// the turn after every event.
    enum Delta {
        /// More of the answer's text.
        case text(String)
        /// More of call `call`'s arguments (`name` is empty until it is known).
        case arguments(call: Int, name: String, soFar: String)
    }

    private var deltas: [Delta] = []

    /// The deltas since the last call, in order.
    mutating func takeDeltas() -> [Delta] {
        defer { deltas.removeAll(keepingCapacity: true) }
        return deltas
    }

    // OpenAI-compatible
    private var role = "assistant"
    private var texts: [String: String] = [:]  // content, reasoning_content, … appended
    private var textOrder: [String] = []
    private var others = JSONObject()  // other delta members, last one wins
    private var calls: [PartialCall] = []
    private var finishReason: String?
    private var usage: TokenUsage?

    // Anthropic
    private var blocks: [Int: PartialBlock] = [:]
    private var blockOrder: [Int] = []
    private var inputTokens = 0

    struct PartialCall {
        var index: Int
        var id: String?
        var type: String?
        var name = ""
        var arguments = ""
    }

    struct PartialBlock {
        var start: JSONObject
        var text = ""
        var json = ""
        var thinking = ""
        var signature = ""
    }

    package init(api: ChatAPI) {
        self.api = api
    }

    /// Reads one event. Throws for an error frame or a frame that is not the provider's shape.
    package mutating func consume(_ event: ServerSentEvent) throws(ToolLoopError.Reason) {
        let data = event.data.trimmingWhitespace
        // Keepalives: blank data, `: …` inside data, Anthropic ping.
        if data.isEmpty || data.hasPrefix(":") || event.type == "ping" { return }
        if data == "[DONE]" {
            isDone = true
            return
        }
        let value: JSONValue
        do {
            value = try JSONParser().parse(data.utf8)
        } catch {
            throw .malformedResponse("a stream event is not JSON (\(error.message)): \(String(data.prefix(200)))")
        }
        if event.type == "error" || value["error"].map({ !$0.isNull }) == true || value["type"] == "error" {
            let (type, message) = ProviderErrorBody.read(value)
            throw .provider(status: 200, type: type, message: message ?? "an error event in the stream")
        }
        switch api {
        case .openAI, .functions: try consumeChunk(value)
        case .anthropic: try consumeAnthropic(value, type: value["type"]?.stringValue ?? event.type)
        }
    }

    private mutating func consumeChunk(_ chunk: JSONValue) throws(ToolLoopError.Reason) {
        if let reported = TokenUsage.from(chunk["usage"]) { usage = reported }
        guard case .array(let choices)? = chunk["choices"] else {
            throw .malformedResponse("a stream chunk has no choices: \(String(chunk.jsonString().prefix(200)))")
        }
        guard let choice = choices.first else { return }  // the usage chunk
        if let finish = choice["finish_reason"]?.stringValue { finishReason = finish }
        guard case .object(let delta)? = choice["delta"] else { return }
        for (key, value) in delta {
            switch key {
            case "role":
                if let r = value.stringValue { role = r }
            case "tool_calls":
                guard case .array(let pieces) = value else { continue }
                for piece in pieces { try consumeCallPiece(piece) }
            case "function_call":
                try consumeCallPiece(["index": 0, "function": value])
            default:
                if case .string(let s) = value {
                    if texts[key] == nil { textOrder.append(key) }
                    texts[key, default: ""] += s
                    if key == "content", !s.isEmpty { deltas.append(.text(s)) }
                } else if !value.isNull {
                    others[key] = value
                }
            }
        }
    }

    /// A value that says something: `null`, `""` and `"null"` never overwrite a known one.
    private static func meaningful(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, !text.isEmpty, text != "null" else { return nil }
        return text
    }

    /// Which call a piece belongs to: the call with its id; else the latest call with its
    /// index, unless the piece brings a new id (Ollama sends index 0 for every call); else,
    /// with neither (Gemini sends no index), the latest call. Calls keep arrival order.
    private mutating func consumeCallPiece(_ piece: JSONValue) throws(ToolLoopError.Reason) {
        let id = Self.meaningful(piece["id"])
        let index = piece["index"]?.intValue
        var at: Int? = nil
        if let id { at = calls.lastIndex { $0.id == id } }
        if at == nil, let index, let j = calls.lastIndex(where: { $0.index == index }), id == nil || calls[j].id == nil
        {
            at = j
        }
        if at == nil, id == nil, index == nil, !calls.isEmpty { at = calls.count - 1 }
        let i: Int
        if let at {
            i = at
        } else {
            calls.append(PartialCall(index: index ?? (calls.map(\.index).max() ?? -1) + 1))
            i = calls.count - 1
        }
        if let id, calls[i].id == nil { calls[i].id = id }
        if let type = Self.meaningful(piece["type"]), calls[i].type == nil { calls[i].type = type }
        // The name comes whole in one piece; a server that repeats it repeats it whole. Names
        // are never concatenated.
        if let name = Self.meaningful(piece["function"]?["name"]), calls[i].name.isEmpty { calls[i].name = name }
        if let fragment = piece["function"]?["arguments"]?.stringValue, !fragment.isEmpty {
            calls[i].arguments += fragment
            deltas.append(.arguments(call: i, name: calls[i].name, soFar: calls[i].arguments))
        }
    }

    private mutating func consumeAnthropic(_ event: JSONValue, type: String) throws(ToolLoopError.Reason) {
        switch type {
        case "message_start":
            inputTokens = event["message"]?["usage"]?["input_tokens"]?.intValue ?? 0
        case "content_block_start":
            guard let index = event["index"]?.intValue, case .object(let block)? = event["content_block"] else {
                throw .malformedResponse("content_block_start without index or content_block")
            }
            if blocks[index] == nil { blockOrder.append(index) }
            blocks[index] = PartialBlock(start: block)
        case "content_block_delta":
            guard let index = event["index"]?.intValue, blocks[index] != nil, let delta = event["delta"] else {
                throw .malformedResponse("content_block_delta for a block that did not start")
            }
            switch delta["type"]?.stringValue {
            case "text_delta":
                let text = delta["text"]?.stringValue ?? ""
                blocks[index]?.text += text
                if !text.isEmpty { deltas.append(.text(text)) }
            case "input_json_delta":
                let fragment = delta["partial_json"]?.stringValue ?? ""
                blocks[index]?.json += fragment
                if !fragment.isEmpty, let block = blocks[index] {
                    let call = blockOrder.filter { blocks[$0]?.start["type"] == "tool_use" }.firstIndex(of: index) ?? 0
                    deltas.append(
                        .arguments(
                            call: call,
                            name: block.start["name"]?.stringValue ?? "",
                            soFar: block.json
                        )
                    )
                }
            case "thinking_delta": blocks[index]?.thinking += delta["thinking"]?.stringValue ?? ""
            case "signature_delta": blocks[index]?.signature += delta["signature"]?.stringValue ?? ""
            default: break
            }
        case "message_delta":
            if let stop = event["delta"]?["stop_reason"]?.stringValue { finishReason = stop }
            if let output = event["usage"]?["output_tokens"]?.intValue {
                var u = TokenUsage()
                u.inputTokens = event["usage"]?["input_tokens"]?.intValue ?? inputTokens
                u.outputTokens = output
                u.reportedResponses = 1
                usage = u
            }
        case "message_stop":
            isDone = true
        default:
            break  // content_block_stop and event types added later
        }
    }

    /// Whether the stream said how the response ended: a finish reason, or for Anthropic
    /// `message_stop`.
    var hasEnded: Bool {
        switch api {
        case .openAI, .functions: finishReason != nil || isDone
        case .anthropic: isDone
        }
    }

    /// The turn, once the stream has ended: a stream that stopped before its end is an
    /// incomplete-stream transport error, and a call that never got a name a malformed
    /// response; nothing of either is executed.
    package func finished() throws(ToolLoopError.Reason) -> AssistantTurn {
        guard hasEnded else {
            throw .transport(
                TransportError(
                    code: .incompleteStream,
                    message: "the stream ended before the response did (no finish reason or end event)"
                )
            )
        }
        let turn = turn()
        if let unnamed = turn.calls.firstIndex(where: { $0.name.isEmpty }) {
            throw .malformedResponse("tool call \(unnamed + 1) of the stream never got a name")
        }
        return turn
    }

    /// The turn so far. Call it once the stream has ended.
    func turn() -> AssistantTurn {
        switch api {
        case .openAI, .functions: return chatTurn()
        case .anthropic: return anthropicTurn()
        }
    }

    private func chatTurn() -> AssistantTurn {
        var message: JSONObject = ["role": .string(role)]
        message["content"] = texts["content"].map { .string($0) } ?? .null
        for key in textOrder where key != "content" { message[key] = .string(texts[key] ?? "") }
        for (key, value) in others where message[key] == nil { message[key] = value }
        let ordered = calls  // arrival order: indexes are not array positions
        var received: [ReceivedCall] = []
        if api == .functions, let call = ordered.first {
            message["function_call"] = ["name": .string(call.name), "arguments": .string(call.arguments)]
            received.append(ReceivedCall(receivedID: nil, name: call.name, argumentsText: call.arguments))
        } else if !ordered.isEmpty {
            message["tool_calls"] = .array(
                ordered.map { call in
                    var object = JSONObject()
                    if let id = call.id { object["id"] = .string(id) }
                    object["type"] = .string(call.type ?? "function")
                    object["function"] = ["name": .string(call.name), "arguments": .string(call.arguments)]
                    return .object(object)
                }
            )
            received = ordered.map { ReceivedCall(receivedID: $0.id, name: $0.name, argumentsText: $0.arguments) }
        }
        return AssistantTurn(
            message: .object(message),
            text: texts["content"],
            calls: received,
            finishReason: finishReason,
            usage: usage
        )
    }

    private func anthropicTurn() -> AssistantTurn {
        var content: [JSONValue] = []
        var received: [ReceivedCall] = []
        var text = ""
        for index in blockOrder {
            guard let block = blocks[index] else { continue }
            var b = block.start
            switch b["type"]?.stringValue {
            case "text":
                b["text"] = .string((b["text"]?.stringValue ?? "") + block.text)
                text += b["text"]?.stringValue ?? ""
            case "tool_use":
                // The input as streamed is the arguments text; the block carries the object.
                let arguments = block.json.isEmpty ? (b["input"]?.jsonString() ?? "{}") : block.json
                let object = (try? JSONParser().parse(arguments)).flatMap { $0.objectValue } ?? JSONObject()
                b["input"] = .object(object)
                received.append(
                    ReceivedCall(
                        receivedID: b["id"]?.stringValue,
                        name: b["name"]?.stringValue ?? "",
                        argumentsText: arguments
                    )
                )
            case "thinking":
                b["thinking"] = .string((b["thinking"]?.stringValue ?? "") + block.thinking)
                b["signature"] = .string((b["signature"]?.stringValue ?? "") + block.signature)
            default:
                break
            }
            content.append(.object(b))
        }
        return AssistantTurn(
            message: ["role": "assistant", "content": .array(content)],
            text: text.isEmpty ? nil : text,
            calls: received,
            finishReason: finishReason,
            usage: usage
        )
    }
}
