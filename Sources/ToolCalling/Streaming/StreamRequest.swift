internal import JSONCore
internal import Logging
internal import Synchronization

/// A streamed turn, and the call it was stopped for, when the loop stopped reading early.
struct StreamedTurn: Sendable {
    var turn: AssistantTurn
    var stoppedFor: (call: Int, hint: ModelHint)?
}

/// Thrown from inside the stream to stop reading it.
private struct StopReading: Error {
    var call: Int
    var hint: ModelHint
}

/// When a streamed response last showed signs of life, for the first-chunk and between-chunk
/// timeouts.
final class StreamWatch: Sendable {
    private struct State {
        var last = ContinuousClock.now
        var sawBody = false
    }

    private let state = Mutex(State())
    let firstChunk: Duration
    let betweenChunks: Duration

    init(firstChunk: Duration, betweenChunks: Duration) {
        self.firstChunk = firstChunk
        self.betweenChunks = betweenChunks
    }

    /// Some of the body arrived.
    func sawBody() {
        state.withLock {
            $0.last = .now
            $0.sawBody = true
        }
    }

    /// Whether any of the body arrived.
    var hasStarted: Bool { state.withLock { $0.sawBody } }

    /// When the stream counts as stalled unless more arrives.
    var limit: ContinuousClock.Instant {
        state.withLock { $0.last + ($0.sawBody ? betweenChunks : firstChunk) }
    }
}

/// Runs `operation` in its own task until it finishes, the watch's limit passes with nothing
/// new, or the calling task is cancelled; the operation is cancelled in the last two cases.
func race<Value: Sendable>(
    watching watch: StreamWatch,
    _ operation: @escaping @Sendable () async throws -> Value
) async -> RaceOutcome<Value> {
    await race(operation) { gate in
        while !Task.isCancelled {
            let limit = watch.limit
            if ContinuousClock.now >= limit {
                gate.finish(.timedOut)
                return
            }
            // The limit moves earlier when output begins (the gap allowed between chunks is
            // shorter than the wait for the first), so never sleep past one gap.
            do {
                try await Task.sleep(until: min(limit, .now + watch.betweenChunks), clock: .continuous)
            } catch {
                return
            }
        }
    }
}

/// How one streamed attempt ended.
enum StreamAttempt: Sendable {
    /// A 2xx stream, assembled into its turn.
    case turn(AssistantTurn)
    /// A 2xx stream stopped early: the turn so far, and the call that could not be valid.
    case stopped(AssistantTurn, call: Int, hint: ModelHint)
    /// An error status: the response, its body read whole.
    case status(HTTPResponseData)
}

extension ModelRequester {
    /// Posts `body` with `"stream": true` and assembles the streamed turn, emitting text and
    /// arguments as they arrive. Retries as ``send(_:step:deadline:sentParameters:usage:emit:)``
    /// does, but only before the first byte of output: a stream that broke off after output
    /// began is not sent again (the model would answer differently).
    func stream(
        _ body: JSONValue,
        step: Int,
        deadline: ContinuousClock.Instant?,
        sentParameters: [String],
        usage: inout TokenUsage,
        timeouts: (first: Duration, between: Duration),
        watch makeWatch: @escaping @Sendable (String) -> StreamingCheck? = { _ in nil },
        stopsHopeless: Bool = false,
        emit: @escaping @Sendable (ToolLoopEvent) -> Void
    ) async throws(ToolLoopError.Reason) -> StreamedTurn {
        let request = HTTPRequestData(
            url: configuration.endpoint,
            headers: configuration.headers().filter { $0.0.lowercased() != "accept" }.map { (name: $0.0, value: $0.1) }
                + [("accept", "text/event-stream")],
            body: JSONWriter().bytes(body)
        )
        let api = configuration.api
        let transport = self.transport
        var attempt = 1
        while true {
            if Task.isCancelled { throw .cancelled }
            // The exchange as a whole may take until the run's deadline (an hour without one);
            // the watch ends it sooner when it stalls.
            var total = Duration.seconds(3_600)
            if let deadline {
                let left = deadline - .now
                if left <= .zero { throw .deadlineExceeded }
                total = min(total, left)
            }
            emit(.requestSent(step: step, attempt: attempt))
            usage.requests += 1
            logger.debug(
                "POST \(configuration.endpoint) (streaming)",
                metadata: ["step": "\(step)", "attempt": "\(attempt)", "bytes": "\(request.body.count)"]
            )
            let watch = StreamWatch(firstChunk: min(timeouts.first, total), betweenChunks: timeouts.between)
            let exchangeTime = total
            let outcome = await race(watching: watch) { () async throws -> StreamAttempt in
                var status = 0
                var headers: [(name: String, value: String)] = []
                var errorBody: [UInt8] = []
                var reader = ServerSentEventReader()
                var assembler = StreamAssembler(api: api)
                var watches: [Int: StreamingCheck] = [:]
                var fed: [Int: Int] = [:]
                var reported: Set<Int> = []
                func consume(_ events: [ServerSentEvent]) throws {
                    for event in events {
                        try assembler.consume(event)
                        // What the event added, without rebuilding the turn after every event.
                        for delta in assembler.takeDeltas() {
                            switch delta {
                            case .text(let text):
                                emit(.textDelta(step: step, text: text))
                            case .arguments(let k, let name, let soFar):
                                emit(.argumentsDelta(step: step, call: k, name: name, argumentsSoFar: soFar))
                                // Checked as they arrive, once the tool is known.
                                guard !name.isEmpty, !reported.contains(k) else { continue }
                                if watches[k] == nil, let made = makeWatch(name) { watches[k] = made }
                                guard var prefixCheck = watches[k] else { continue }
                                let verdict = prefixCheck.feed(soFar.utf8.dropFirst(fed[k] ?? 0))
                                fed[k] = soFar.utf8.count
                                watches[k] = prefixCheck
                                guard case .hopeless(let violation) = verdict else { continue }
                                reported.insert(k)
                                let check = ArgumentCheck(isValid: false, arguments: [:], errors: [violation])
                                let hint = ModelHint(check: check, tool: name, validator: prefixCheck.validator)
                                    .withoutCorrectedArguments()
                                emit(
                                    .callHopeless(
                                        step: step,
                                        call: k,
                                        name: name,
                                        violation: violation,
                                        hint: hint.text
                                    )
                                )
                                if stopsHopeless { throw StopReading(call: k, hint: hint) }
                            }
                        }
                    }
                }
                do {
                    try await transport.stream(request, timeout: exchangeTime) { part in
                        switch part {
                        case .head(let code, let received):
                            status = code
                            headers = received
                        case .body(let bytes):
                            watch.sawBody()
                            guard (200..<300).contains(status) else {
                                if errorBody.count < 65_536 { errorBody += bytes.prefix(65_536 - errorBody.count) }
                                return
                            }
                            do {
                                try consume(try reader.feed(bytes))
                            } catch let error as ServerSentEventReader.LineTooLong {
                                throw ToolLoopError.Reason.malformedResponse(
                                    "a stream line is longer than \(error.limit) bytes"
                                )
                            }
                        }
                    }
                } catch let stop as StopReading {
                    return .stopped(assembler.turn(), call: stop.call, hint: stop.hint)
                }
                guard (200..<300).contains(status) else {
                    return .status(HTTPResponseData(status: status, headers: headers, body: errorBody))
                }
                try consume(reader.finishDispatching())
                return .turn(try assembler.finished())
            }
            let failure: TransportError
            switch outcome {
            case .value(.turn(let turn)):
                return StreamedTurn(turn: turn, stoppedFor: nil)
            case .value(.stopped(let turn, let call, let hint)):
                logger.debug("stream stopped early", metadata: ["step": "\(step)", "call": "\(call)"])
                return StreamedTurn(turn: turn, stoppedFor: (call, hint))
            case .value(.status(let response)):
                let reason = Self.failure(response, sentParameters: sentParameters)
                if RetryPolicy.shouldRetry(response) && attempt <= retry.maxRetries {
                    try await wait(
                        retry.delay(retry: attempt, response: response),
                        step: step,
                        attempt: attempt,
                        reason: "HTTP \(response.status)",
                        deadline: deadline,
                        emit: emit,
                        otherwise: reason
                    )
                    attempt += 1
                    continue
                }
                throw reason
            case .cancelled:
                throw .cancelled
            case .timedOut:
                failure = TransportError(
                    code: .streamStalled,
                    message: watch.hasStarted
                        ? "the stream sent nothing for \(timeouts.between)"
                        : "no output arrived within \(watch.firstChunk)"
                )
            case .error(let error as ToolLoopError.Reason):
                throw error
            case .error(let error):
                if Task.isCancelled { throw .cancelled }
                failure = (error as? TransportError) ?? TransportError(code: .connection, message: "\(error)")
            }
            logger.debug("stream failed", metadata: ["step": "\(step)", "error": "\(failure.message)"])
            if let deadline, deadline <= .now { throw .deadlineExceeded }
            // Only before the first byte of output: a stream that began is never sent again.
            guard !watch.hasStarted, failure.code != .bodyTooLarge, failure.code != .incompleteStream,
                attempt <= retry.maxRetries
            else { throw .transport(failure) }
            try await wait(
                retry.delay(retry: attempt, response: nil),
                step: step,
                attempt: attempt,
                reason: failure.message,
                deadline: deadline,
                emit: emit,
                otherwise: ToolLoopError.Reason.transport(failure)
            )
            attempt += 1
        }
    }
}
