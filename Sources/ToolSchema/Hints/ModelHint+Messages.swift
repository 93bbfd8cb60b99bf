public import JSONCore

/// The hint as each provider's answer to a failed call.
extension ModelHint {
    /// The OpenAI chat message that answers the call: `{"role": "tool", "tool_call_id", "content"}`.
    public func openAIToolMessage(toolCallID: String) -> JSONValue {
        ["role": "tool", "tool_call_id": .string(toolCallID), "content": .string(text)]
    }

    /// The legacy `functions` answer: `{"role": "function", "name", "content"}`.
    public func functionMessage() -> JSONValue {
        ["role": "function", "name": .string(tool ?? ""), "content": .string(text)]
    }

    /// The Anthropic content block: `{"type": "tool_result", "tool_use_id", "content", "is_error": true}`.
    public func anthropicToolResult(toolUseID: String) -> JSONValue {
        ["type": "tool_result", "tool_use_id": .string(toolUseID), "content": .string(text), "is_error": true]
    }
}
