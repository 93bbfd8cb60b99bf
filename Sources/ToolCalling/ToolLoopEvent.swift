public import JSONCore
public import ToolSchema

/// What a loop is doing, as it happens. `step` is the request's number, from 1.
public enum ToolLoopEvent: Sendable {
    /// A request went out (`attempt` counts from 1; above 1 it is a retry).
    case requestSent(step: Int, attempt: Int)
    /// A retry will be sent after `delay`, for `reason` (a status or a transport failure).
    case retryScheduled(step: Int, attempt: Int, delay: Duration, reason: String)
    /// Streaming: more of the answer's text arrived (`text` is the new piece).
    case textDelta(step: Int, text: String)
    /// Streaming: more of a call's arguments arrived; `call` is the call's position in the
    /// turn, `argumentsSoFar` the whole text so far (for UIs that show it as it grows).
    case argumentsDelta(step: Int, call: Int, name: String, argumentsSoFar: String)
    /// Streaming: a call's arguments can no longer become valid, whatever the model writes
    /// next (an invented parameter's name is complete, say); `hint` is the hint as it stands.
    /// The call is still answered when its stream ends, as every call is.
    case callHopeless(step: Int, call: Int, name: String, violation: SchemaViolation, hint: String)
    /// A response arrived and was read.
    case responseReceived(step: Int, finishReason: String?, calls: [ToolCall], text: String?, usage: TokenUsage?)
    /// A forced `tool_choice` was left out from this request on, after a tool round.
    case toolChoiceDropped(step: Int)
    /// A call's arguments were checked.
    case callChecked(step: Int, call: ToolCall, check: ArgumentCheck)
    /// A call's arguments were valid only after changes, each recorded.
    case argumentsRepaired(step: Int, call: ToolCall, repairs: [JSONRepair], coercions: [Coercion])
    /// A hint went back instead of a result (invalid arguments, unknown tool, cut-off call,
    /// repeated call).
    case hintSent(step: Int, call: ToolCall, disposition: CallOutcome.Disposition, text: String)
    /// A handler started.
    case toolStarted(step: Int, call: ToolCall)
    /// A handler finished (or failed, or timed out).
    case toolFinished(step: Int, call: ToolCall, outcome: CallOutcome)
    /// Calls that will not run, and why.
    case callsNotExecuted(step: Int, calls: [ToolCall], reason: String)
    /// The model answered in text; the loop is done.
    case finished(ToolLoopResult)
}

extension ToolLoopEvent {
    /// The event as one JSON object with a `type` member, as `toolschema chat --format json`
    /// prints it. Results and hints are included; API keys never appear in events.
    public var json: JSONValue {
        func call(_ c: ToolCall) -> JSONValue {
            ["id": .string(c.id), "name": .string(c.name), "arguments": .string(c.argumentsText)]
        }
        switch self {
        case .textDelta(let step, let text):
            return ["type": "text_delta", "step": .number(JSONNumber(step)), "text": .string(text)]
        case .argumentsDelta(let step, let index, let name, let arguments):
            return [
                "type": "arguments_delta", "step": .number(JSONNumber(step)), "call": .number(JSONNumber(index)),
                "name": .string(name), "arguments_so_far": .string(arguments),
            ]
        case .callHopeless(let step, let index, let name, let violation, let hint):
            return [
                "type": "call_hopeless", "step": .number(JSONNumber(step)), "call": .number(JSONNumber(index)),
                "name": .string(name), "path": .string(violation.instancePath.description),
                "keyword": .string(violation.keyword), "message": .string(violation.message), "hint": .string(hint),
            ]
        case .requestSent(let step, let attempt):
            return ["type": "request", "step": .number(JSONNumber(step)), "attempt": .number(JSONNumber(attempt))]
        case .retryScheduled(let step, let attempt, let delay, let reason):
            let ms = delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
            return [
                "type": "retry", "step": .number(JSONNumber(step)), "attempt": .number(JSONNumber(attempt)),
                "delay_ms": .number(JSONNumber(ms)), "reason": .string(reason),
            ]
        case .responseReceived(let step, let finish, let calls, let text, _):
            return [
                "type": "response", "step": .number(JSONNumber(step)),
                "finish_reason": finish.map { .string($0) } ?? .null,
                "calls": .array(calls.map(call)), "text": text.map { .string($0) } ?? .null,
            ]
        case .toolChoiceDropped(let step):
            return ["type": "tool_choice_dropped", "step": .number(JSONNumber(step))]
        case .callChecked(let step, let c, let check):
            return [
                "type": "checked", "step": .number(JSONNumber(step)), "call": call(c), "valid": .bool(check.isValid),
                "errors": .array(check.errors.map { .string("\($0.instancePath): \($0.message)") }),
            ]
        case .argumentsRepaired(let step, let c, let repairs, let coercions):
            return [
                "type": "repaired", "step": .number(JSONNumber(step)), "call": call(c),
                "repairs": .array(repairs.map { .string($0.description) }),
                "coercions": .array(coercions.map { .string($0.description) }),
            ]
        case .hintSent(let step, let c, let disposition, let text):
            return [
                "type": "hint", "step": .number(JSONNumber(step)), "call": call(c),
                "disposition": .string(disposition.rawValue), "text": .string(text),
            ]
        case .toolStarted(let step, let c):
            return ["type": "tool_started", "step": .number(JSONNumber(step)), "call": call(c)]
        case .toolFinished(let step, let c, let outcome):
            return [
                "type": "tool_finished", "step": .number(JSONNumber(step)), "call": call(c),
                "disposition": .string(outcome.disposition.rawValue), "is_error": .bool(outcome.isError),
                "result": .string(outcome.result),
            ]
        case .callsNotExecuted(let step, let calls, let reason):
            return [
                "type": "not_executed", "step": .number(JSONNumber(step)), "calls": .array(calls.map(call)),
                "reason": .string(reason),
            ]
        case .finished(let result):
            return [
                "type": "finished", "final": result.finalText.map { .string($0) } ?? .null,
                "steps": .number(JSONNumber(result.steps.count)),
            ]
        }
    }
}
