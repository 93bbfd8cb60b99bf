internal import JSONCore
public import ToolSchema

/// One tool call as the model made it.
public struct ToolCall: Sendable, Hashable {
    /// The id used on the wire: the model's own, or a synthesized one when the model's was
    /// missing, empty, a duplicate or a placeholder such as `"null"`.
    public var id: String
    /// The id as it arrived; nil when there was none.
    public var receivedID: String?
    /// The tool's name.
    public var name: String
    /// The arguments text as it arrived (for Anthropic, the `input` object written as JSON).
    public var argumentsText: String

    /// Creates a call.
    public init(id: String, receivedID: String?, name: String, argumentsText: String) {
        self.id = id
        self.receivedID = receivedID
        self.name = name
        self.argumentsText = argumentsText
    }

    /// Whether the id was synthesized.
    public var idWasReplaced: Bool { receivedID != id }
}

/// What became of one call.
public struct CallOutcome: Sendable {
    /// What happened.
    public enum Disposition: String, Sendable, Hashable {
        /// The handler ran and returned a result.
        case succeeded
        /// The handler threw; the result is the formatted error.
        case failed
        /// The handler did not finish within the tool timeout.
        case timedOut = "timed-out"
        /// The arguments did not fit the schema; the result is the hint.
        case invalidArguments = "invalid-arguments"
        /// No tool has that name; the result is the hint.
        case unknownTool = "unknown-tool"
        /// The response was cut off; the result is the hint.
        case cutOff = "cut-off"
        /// The same call again; the result asks the model to use the earlier result.
        case repeated
        /// Not run because the loop stopped (deadline, cancellation, a filtered response…);
        /// the result says why.
        case notExecuted = "not-executed"
    }

    /// The call.
    public var call: ToolCall
    /// What happened.
    public var disposition: Disposition
    /// The check of the arguments, when they were checked.
    public var check: ArgumentCheck?
    /// The hint sent back, when one was.
    public var hint: ModelHint?
    /// The text sent back as the call's result.
    public var result: String
    /// Whether the result reports a failure (Anthropic `is_error`).
    public var isError: Bool
    /// The arguments text sent back in the echoed assistant turn when it differs from the
    /// model's (a repaired object, or `{}`).
    public var wireArguments: String?
    /// How long the handler ran, when it ran.
    public var duration: Duration?
}

/// One request and what came of it.
public struct ToolLoopStep: Sendable {
    /// The request's number, from 1.
    public var index: Int
    /// The assistant's text in this turn.
    public var text: String?
    /// The finish reason (`finish_reason`, Anthropic `stop_reason`) as sent.
    public var finishReason: String?
    /// Each call and what became of it, in the order the model made them.
    public var calls: [CallOutcome]
    /// The usage this response reported.
    public var usage: TokenUsage?
    /// Whether `tool_choice` was sent with this request.
    public var sentToolChoice: Bool
}

/// What a loop produced: the final answer and everything on the way.
public struct ToolLoopResult: Sendable {
    /// The model's final text; nil when the loop stopped before it answered.
    public var finalText: String?
    /// The whole conversation in the provider's shape, the final answer included; it can be
    /// sent again as it is (every call is answered).
    public var transcript: Transcript
    /// Every request and its outcome.
    public var steps: [ToolLoopStep]
    /// Tokens over all requests, failed attempts included.
    public var usage: TokenUsage
}
