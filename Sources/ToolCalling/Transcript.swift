public import JSONCore

/// A conversation in the provider's own shape: what is sent with the next request, and what
/// the loop returns, ready to be sent again as it is.
///
/// Messages are the provider's JSON, nothing modelled away: OpenAI-compatible and legacy
/// messages (`system`, `user`, `assistant`, `tool`, `function`); Anthropic's `user` and
/// `assistant` messages, with the system prompt apart in ``system``.
public struct Transcript: Sendable, Hashable {
    /// The wire protocol the messages are written for.
    public var api: ChatAPI
    /// The system prompt. Sent as the first `system` message (OpenAI-compatible, legacy) or as
    /// the top-level `system` member (Anthropic).
    public var system: String?
    /// The messages, oldest first.
    public var messages: [JSONValue]

    /// A transcript of `messages`.
    public init(api: ChatAPI, system: String? = nil, messages: [JSONValue] = []) {
        self.api = api
        self.system = system
        self.messages = messages
    }

    /// A transcript holding one user message.
    public init(api: ChatAPI, system: String? = nil, prompt: String) {
        self.init(api: api, system: system, messages: [Self.userMessage(prompt)])
    }

    /// A user message with plain text: `{"role": "user", "content": text}` (the same in every
    /// protocol).
    public static func userMessage(_ text: String) -> JSONValue {
        ["role": "user", "content": .string(text)]
    }

    /// Appends a user message.
    public mutating func appendUser(_ text: String) {
        messages.append(Self.userMessage(text))
    }

    /// The messages as the request sends them: for OpenAI-compatible and legacy protocols the
    /// system prompt comes first as a message.
    public var requestMessages: [JSONValue] {
        guard api != .anthropic, let system else { return messages }
        return [["role": "system", "content": .string(system)]] + messages
    }

    /// The transcript as one JSON object: `{"system", "messages"}` for Anthropic, `{"messages"}`
    /// (the system prompt first) for the others. Written by `toolschema chat --transcript`.
    public var json: JSONValue {
        var object = JSONObject()
        if api == .anthropic, let system { object["system"] = .string(system) }
        object["messages"] = .array(requestMessages)
        return .object(object)
    }
}

/// Token counts, summed over requests; a provider may omit them.
public struct TokenUsage: Sendable, Hashable, CustomStringConvertible {
    /// Prompt tokens (`prompt_tokens`, Anthropic `input_tokens`).
    public var inputTokens: Int = 0
    /// Generated tokens (`completion_tokens`, Anthropic `output_tokens`).
    public var outputTokens: Int = 0
    /// Responses that reported usage.
    public var reportedResponses: Int = 0
    /// Requests sent, retries and failed attempts included.
    public var requests: Int = 0

    /// No tokens.
    public init() {}

    /// Input and output tokens together.
    public var totalTokens: Int { inputTokens + outputTokens }

    mutating func add(_ other: TokenUsage) {
        inputTokens += other.inputTokens
        outputTokens += other.outputTokens
        reportedResponses += other.reportedResponses
    }

    /// The usage object of a response, when it has one.
    static func from(_ usage: JSONValue?) -> TokenUsage? {
        guard let usage, case .object = usage else { return nil }
        var result = TokenUsage()
        result.inputTokens = usage["prompt_tokens"]?.intValue ?? usage["input_tokens"]?.intValue ?? 0
        result.outputTokens = usage["completion_tokens"]?.intValue ?? usage["output_tokens"]?.intValue ?? 0
        result.reportedResponses = 1
        return result
    }

    /// `{"input_tokens", "output_tokens", "total_tokens", "requests"}`, as `toolschema chat
    /// --format json` prints it.
    public var json: JSONValue {
        [
            "input_tokens": .number(JSONNumber(inputTokens)),
            "output_tokens": .number(JSONNumber(outputTokens)),
            "total_tokens": .number(JSONNumber(totalTokens)),
            "requests": .number(JSONNumber(requests)),
        ]
    }

    /// `2 requests, 130 input + 15 output tokens`.
    public var description: String {
        "\(requests) request\(requests == 1 ? "" : "s"), \(inputTokens) input + \(outputTokens) output tokens"
            + (reportedResponses < requests ? " (usage reported by \(reportedResponses))" : "")
    }
}
