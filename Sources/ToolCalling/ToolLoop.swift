internal import JSONCore
public import Logging
public import ToolSchema

/// The bounded tool-call loop: send the conversation and the tools, check each call's
/// arguments, run the valid ones concurrently, answer every call (results, hints for bad
/// arguments, "not executed" when the loop stops), and ask again until the model answers in
/// text or a bound is reached.
///
/// ```swift
/// var toolbox = Toolbox()
/// try toolbox.add(GetWeather.self) { weather in "Sunny, 24 °C in \(weather.city)" }
/// let loop = ToolLoop(
///     configuration: try .fromEnvironment(.openAI, environment: ProcessInfo.processInfo.environment),
///     toolbox: toolbox
/// )
/// let result = try await loop.run(Transcript(api: .openAI, prompt: "Weather in Beijing?"))
/// print(result.finalText ?? "")
/// ```
///
/// What the loop guarantees, whatever the model sends:
/// - Every call in an assistant turn gets exactly one answer, in call order, on every path;
///   the transcript returned (or held by the ``ToolLoopError``) can be sent again as it is.
/// - The assistant turn goes back as received (provider fields such as `reasoning_content` or
///   `thinking` blocks survive); only ids that were missing, empty, duplicated or placeholders
///   are replaced, and only arguments that were not a JSON object.
/// - Calls run only when the response ended normally; a cut-off response gets a hint, a
///   filtered or unexplained one stops the loop.
/// - Bad arguments, unknown tools and handler errors go back to the model; the repair budget,
///   the request limit, the deadline and the repeat detector bound the loop.
public struct ToolLoop: Sendable {
    /// The loop's bounds and choices.
    public struct Options: Sendable {
        /// The most model requests one run sends (retries not counted).
        public var maxRequests: Int = 10
        /// The time one run may take, requests and handlers included; nil for none.
        public var timeout: Duration?
        /// The time one request may take, its body included.
        public var requestTimeout: Duration = .seconds(120)
        /// The time a handler may take (a tool's own timeout replaces it); nil for none.
        public var toolTimeout: Duration? = .seconds(60)
        /// How many handlers run at once.
        public var maxConcurrentTools: Int = 8
        /// Consecutive rounds in which a tool's calls may be invalid (bad arguments, cut off,
        /// or an unknown tool under that name); the loop stops when a tool reaches it.
        public var repairBudget: Int = 2
        /// Rounds with at least one hint, over the whole run; the loop stops when it is reached.
        public var maxHintRounds: Int = 4
        /// The same tool with the same arguments in this many rounds in a row gets a hint
        /// instead of running; once more stops the loop. (The same call twice in one turn is
        /// not a repeat.)
        public var repeatLimit: Int = 3
        /// How arguments are read.
        public var checkMode: CheckMode = .repair
        /// The check's options (defaults, truncation, parser limits).
        public var checkOptions = Validator.CheckOptions()
        /// `tool_choice`. A forced choice applies until one tool round has happened.
        public var toolChoice: ToolChoice = .auto
        /// `parallel_tool_calls` (Anthropic: `disable_parallel_tool_use` when false); nil
        /// leaves it to the provider.
        public var parallelToolCalls: Bool?
        /// What a handler error does.
        public var handlerErrors: HandlerErrorPolicy = .reportToModel
        /// Words a handler error for the model. The default is the error's description,
        /// at most 500 characters, never the arguments.
        public var formatError: @Sendable (any Error, ToolCall) -> String = ToolLoop.defaultErrorText
        /// The budget for each hint's text, in characters.
        public var hintBudget: Int = ModelHint.defaultBudget
        /// Whether to ask for a streamed response (`"stream": true`, with
        /// `stream_options.include_usage` for OpenAI-compatible endpoints). The loop then
        /// reports text and arguments as they arrive (``ToolLoopEvent/textDelta(step:text:)``,
        /// ``ToolLoopEvent/argumentsDelta(step:call:name:argumentsSoFar:)``) and otherwise runs
        /// exactly as on whole responses. Off by default.
        public var streams: Bool = false
        /// Streaming: the longest wait for the first piece of output; ``requestTimeout`` by
        /// default (nil).
        public var firstChunkTimeout: Duration? = nil
        /// Streaming: the longest silence between two pieces of output once it has begun.
        public var betweenChunksTimeout: Duration = .seconds(30)
        /// Streaming: stop reading a response the moment one of its calls can no longer become
        /// valid, and answer at once: that call with its hint, the turn's other calls "not
        /// executed". Saves the tokens the model would still have written. Off by default.
        public var stopsHopelessStreams: Bool = false

        /// The defaults.
        public init() {}
    }

    /// What a handler error does.
    public enum HandlerErrorPolicy: Sendable, Hashable {
        /// The formatted error goes back to the model as the call's result (`is_error` for
        /// Anthropic), and the loop goes on.
        case reportToModel
        /// The loop stops with ``ToolLoopError/Reason/handlerFailed(tool:message:)``, after
        /// answering every call of the turn.
        case stopLoop
    }

    /// The endpoint.
    public var configuration: ChatConfiguration
    /// The tools.
    public var toolbox: Toolbox
    /// The bounds and choices.
    public var options: Options
    /// How requests are sent.
    public var transport: any ChatTransport
    /// How failed requests are retried.
    public var retry: RetryPolicy
    /// Debug-level logging of requests, retries, calls and results; never the key.
    public var logger: Logger

    /// Creates a loop.
    public init(
        configuration: ChatConfiguration,
        toolbox: Toolbox,
        options: Options = Options(),
        transport: any ChatTransport = HTTPClientTransport(),
        retry: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "ToolCalling")
    ) {
        self.configuration = configuration
        self.toolbox = toolbox
        self.options = options
        self.transport = transport
        self.retry = retry
        self.logger = logger
    }

    /// The default handler-error text: `error: <description>`, at most 500 characters.
    public static let defaultErrorText: @Sendable (any Error, ToolCall) -> String = { error, _ in
        let text = "\(error)"
        return "error: " + (text.count > 500 ? String(text.prefix(500)) + "…" : text)
    }

    /// Runs the loop from `transcript` until the model answers in text.
    ///
    /// - Parameters:
    ///   - transcript: the conversation so far, in the endpoint's protocol; usually a user
    ///     message, or a transcript an earlier run returned with a new user message.
    ///   - onEvent: called for each event, in order, as it happens.
    /// - Returns: the final text, the transcript with the answer, every step and the usage.
    /// - Throws: ``ToolLoopError`` when the loop stops first; its `partial` result holds a
    ///   transcript in which every call is answered.
    public func run(
        _ transcript: Transcript,
        onEvent: @escaping @Sendable (ToolLoopEvent) -> Void = { _ in }
    ) async throws(ToolLoopError) -> ToolLoopResult {
        var run = LoopRun(loop: self, transcript: transcript, emit: onEvent)
        return try await run.run()
    }

    /// Runs the loop and delivers its events as they happen. The sequence ends after
    /// ``ToolLoopEvent/finished(_:)``, or throws the ``ToolLoopError``; cancelling the
    /// iterating task cancels the loop.
    public func events(_ transcript: Transcript) -> AsyncThrowingStream<ToolLoopEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ToolLoopEvent, any Error>.makeStream()
        let task = Task {
            do {
                _ = try await run(transcript) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
