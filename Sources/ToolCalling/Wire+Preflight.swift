internal import JSONCore

extension Wire {
    /// Refuses a history the provider would reject: a call without its answer, an answer
    /// without its call, a message that is not a message. Indexes count the transcript's
    /// `messages` from 0.
    func preflight(_ transcript: Transcript) throws(ToolLoopError.Reason) {
        switch api {
        case .openAI, .functions: try preflightChat(transcript.messages)
        case .anthropic: try preflightAnthropic(transcript.messages)
        }
    }

    private func preflightChat(_ messages: [JSONValue]) throws(ToolLoopError.Reason) {
        let roles: Set<String> = ["system", "developer", "user", "assistant", "tool", "function"]
        var pending: [String] = []
        var pendingFunction: String? = nil
        var caller = 0
        for (index, message) in messages.enumerated() {
            guard case .object(let m) = message else {
                throw .invalidHistory(index: index, message: "a message must be a JSON object, not \(message.typeName)")
            }
            guard let role = m["role"]?.stringValue, roles.contains(role) else {
                throw .invalidHistory(
                    index: index,
                    message: "a message needs a role: system, developer, user, assistant, tool or function"
                )
            }
            switch role {
            case "tool":
                guard let id = m["tool_call_id"]?.stringValue else {
                    throw .invalidHistory(index: index, message: "a tool message needs its tool_call_id")
                }
                guard let at = pending.firstIndex(of: id) else {
                    throw .invalidHistory(
                        index: index,
                        message:
                            "this tool message answers call \"\(id)\", which the assistant message before it did not make (or which is already answered)"
                    )
                }
                pending.remove(at: at)
                continue
            case "function":
                guard let name = pendingFunction, m["name"]?.stringValue == name else {
                    throw .invalidHistory(
                        index: index,
                        message: "this function message answers no function_call of the assistant message before it"
                    )
                }
                pendingFunction = nil
                continue
            default:
                break
            }
            if !pending.isEmpty || pendingFunction != nil {
                let ids = pending.map { "\"\($0)\"" }.joined(separator: ", ")
                throw .invalidHistory(
                    index: caller,
                    message:
                        "its calls \(ids.isEmpty ? "(function_call)" : ids) are not answered before message \(index)"
                )
            }
            if role == "assistant" {
                if case .array(let calls)? = m["tool_calls"] {
                    var seen: Set<String> = []
                    for call in calls {
                        guard let id = call["id"]?.stringValue, !id.isEmpty, seen.insert(id).inserted else {
                            throw .invalidHistory(index: index, message: "every tool call needs its own, non-empty id")
                        }
                        pending.append(id)
                    }
                }
                if case .object(let call)? = m["function_call"] {
                    pendingFunction = call["name"]?.stringValue ?? ""
                }
                caller = index
            }
        }
        if !pending.isEmpty || pendingFunction != nil {
            let ids = pending.map { "\"\($0)\"" }.joined(separator: ", ")
            throw .invalidHistory(
                index: caller,
                message: "its calls \(ids.isEmpty ? "(function_call)" : ids) are not answered"
            )
        }
    }

    private func preflightAnthropic(_ messages: [JSONValue]) throws(ToolLoopError.Reason) {
        var pending: [String] = []
        var caller = 0
        for (index, message) in messages.enumerated() {
            guard case .object(let m) = message else {
                throw .invalidHistory(index: index, message: "a message must be a JSON object, not \(message.typeName)")
            }
            let role = m["role"]?.stringValue
            guard role == "user" || role == "assistant" else {
                throw .invalidHistory(
                    index: index,
                    message:
                        "Anthropic messages are user or assistant messages; the system prompt goes in Transcript.system"
                )
            }
            let blocks = m["content"]?.arrayValue ?? []
            let results = blocks.prefix { $0["type"]?.stringValue == "tool_result" }
            let answered = results.compactMap { $0["tool_use_id"]?.stringValue }
            if !pending.isEmpty {
                guard role == "user", answered == pending else {
                    let ids = pending.map { "\"\($0)\"" }.joined(separator: ", ")
                    throw .invalidHistory(
                        index: caller,
                        message:
                            "its tool_use blocks \(ids) must be answered by tool_result blocks, in order, at the start of message \(index)"
                    )
                }
                pending = []
            } else if !answered.isEmpty || blocks.contains(where: { $0["type"]?.stringValue == "tool_result" }) {
                throw .invalidHistory(
                    index: index,
                    message: "this message has tool_result blocks, but the message before it made no tool_use"
                )
            }
            if blocks.dropFirst(results.count).contains(where: { $0["type"]?.stringValue == "tool_result" }) {
                throw .invalidHistory(index: index, message: "tool_result blocks must come before any other content")
            }
            if role == "assistant" {
                var seen: Set<String> = []
                for block in blocks where block["type"]?.stringValue == "tool_use" {
                    guard let id = block["id"]?.stringValue, !id.isEmpty, seen.insert(id).inserted else {
                        throw .invalidHistory(index: index, message: "every tool_use block needs its own, non-empty id")
                    }
                    pending.append(id)
                }
                caller = index
            }
        }
        if !pending.isEmpty {
            let ids = pending.map { "\"\($0)\"" }.joined(separator: ", ")
            throw .invalidHistory(index: caller, message: "its tool_use blocks \(ids) are not answered")
        }
    }
}
