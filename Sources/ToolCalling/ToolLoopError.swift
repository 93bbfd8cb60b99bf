/// Why a loop stopped without a final answer. Every case holds what was done so far
/// (``partial``): its transcript answers every call, so it can be sent again as it is.
public struct ToolLoopError: Error, Sendable, CustomStringConvertible {
    /// Why the loop stopped. (An `Error` too, so the loop's stages can throw it typed.)
    public enum Reason: Error, Sendable, Hashable {
        /// The maximum number of model requests was reached.
        case requestLimit(Int)
        /// The overall deadline passed.
        case deadlineExceeded
        /// The calling task was cancelled.
        case cancelled
        /// A tool's calls were invalid in more consecutive rounds than allowed (the tool's
        /// name), or the loop sent more hint rounds than allowed (nil).
        case repairBudgetExhausted(tool: String?)
        /// The model kept calling a tool with the same arguments.
        case repeatedCall(tool: String)
        /// A handler failed and the policy is to stop.
        case handlerFailed(tool: String, message: String)
        /// The provider filtered the response (`content_filter`, Anthropic `refusal`).
        case contentFiltered
        /// The response ended with calls but an unknown or missing finish reason, so none ran.
        case unexpectedFinish(String?)
        /// The provider answered with an error status: the status, the provider's error type
        /// and its message.
        case provider(status: Int, type: String?, message: String)
        /// The provider refused a request parameter (such as `tool_choice: "required"`, which
        /// DeepSeek's reasoning models reject).
        case parameterRejected(parameter: String, message: String)
        /// No response arrived after the retries (connection failures, timeouts).
        case transport(TransportError)
        /// The response was not in the provider's shape: a short excerpt and what was wrong.
        case malformedResponse(String)
        /// The history cannot be sent: the index of the offending message and why.
        case invalidHistory(index: Int, message: String)
        /// The request cannot be made as configured.
        case invalidConfiguration(String)
    }

    /// Why the loop stopped, as a code callers can switch on (with a `default`) that new
    /// reasons extend without breaking them; ``reason`` holds the details.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        private init(_ name: String) { description = name }

        /// The maximum number of model requests was reached.
        public static let requestLimit = Code("request-limit")
        /// The overall deadline passed.
        public static let deadlineExceeded = Code("deadline-exceeded")
        /// The calling task was cancelled.
        public static let cancelled = Code("cancelled")
        /// Calls stayed invalid beyond the repair budget.
        public static let repairBudgetExhausted = Code("repair-budget-exhausted")
        /// The model kept calling a tool with the same arguments.
        public static let repeatedCall = Code("repeated-call")
        /// A handler failed and the policy is to stop.
        public static let handlerFailed = Code("handler-failed")
        /// The provider filtered the response.
        public static let contentFiltered = Code("content-filtered")
        /// The response ended with calls but an unknown or missing finish reason.
        public static let unexpectedFinish = Code("unexpected-finish")
        /// The provider answered with an error status.
        public static let provider = Code("provider")
        /// The provider refused a request parameter.
        public static let parameterRejected = Code("parameter-rejected")
        /// No response arrived after the retries.
        public static let transport = Code("transport")
        /// The response was not in the provider's shape.
        public static let malformedResponse = Code("malformed-response")
        /// The history cannot be sent.
        public static let invalidHistory = Code("invalid-history")
        /// The request cannot be made as configured.
        public static let invalidConfiguration = Code("invalid-configuration")
    }

    /// Why the loop stopped, as a ``Code``.
    public var code: Code {
        switch reason {
        case .requestLimit: .requestLimit
        case .deadlineExceeded: .deadlineExceeded
        case .cancelled: .cancelled
        case .repairBudgetExhausted: .repairBudgetExhausted
        case .repeatedCall: .repeatedCall
        case .handlerFailed: .handlerFailed
        case .contentFiltered: .contentFiltered
        case .unexpectedFinish: .unexpectedFinish
        case .provider: .provider
        case .parameterRejected: .parameterRejected
        case .transport: .transport
        case .malformedResponse: .malformedResponse
        case .invalidHistory: .invalidHistory
        case .invalidConfiguration: .invalidConfiguration
        }
    }

    /// Why the loop stopped.
    public var reason: Reason
    /// What was done until then.
    public var partial: ToolLoopResult

    /// Creates an error.
    public init(reason: Reason, partial: ToolLoopResult) {
        self.reason = reason
        self.partial = partial
    }

    /// Whether the loop stopped at one of its own bounds (requests, deadline, repair budget,
    /// repeats) rather than because the provider or the transport failed.
    public var isBound: Bool {
        switch reason {
        case .requestLimit, .deadlineExceeded, .repairBudgetExhausted, .repeatedCall, .cancelled, .handlerFailed,
            .contentFiltered, .unexpectedFinish:
            true
        case .provider, .parameterRejected, .transport, .malformedResponse, .invalidHistory, .invalidConfiguration:
            false
        }
    }

    /// What stopped the loop, in one line.
    public var description: String {
        switch reason {
        case .requestLimit(let n): "stopped after \(n) model request\(n == 1 ? "" : "s") without a final answer"
        case .deadlineExceeded: "the loop's deadline passed before the model answered"
        case .cancelled: "the loop was cancelled"
        case .repairBudgetExhausted(let tool?):
            "the calls to \(tool) were still invalid after the repair budget; the model did not fix them"
        case .repairBudgetExhausted(nil): "too many rounds of hints without a valid call"
        case .repeatedCall(let tool): "the model kept calling \(tool) with the same arguments"
        case .handlerFailed(let tool, let message): "the handler of \(tool) failed: \(message)"
        case .contentFiltered: "the provider filtered the response"
        case .unexpectedFinish(let reason?): "the response ended with calls but finish reason \"\(reason)\"; none ran"
        case .unexpectedFinish(nil): "the response ended with calls but no finish reason; none ran"
        case .provider(let status, let type, let message):
            "the provider answered HTTP \(status)" + (type.map { " (\($0))" } ?? "") + ": \(message)"
        case .parameterRejected(let parameter, let message): "the provider rejected \(parameter): \(message)"
        case .transport(let error): "no response from the provider: \(error.message)"
        case .malformedResponse(let message): "the response is not in the provider's shape: \(message)"
        case .invalidHistory(let index, let message): "message \(index) cannot be sent: \(message)"
        case .invalidConfiguration(let message): message
        }
    }
}
