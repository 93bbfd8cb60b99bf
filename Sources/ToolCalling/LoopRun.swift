internal import JSONCore
internal import Logging
internal import ToolSchema

/// One run of a ``ToolLoop``: the transcript so far and the bounds' counters.
struct LoopRun {
    let loop: ToolLoop
    var transcript: Transcript
    let emit: @Sendable (ToolLoopEvent) -> Void
    let wire: Wire
    let deadline: ContinuousClock.Instant?
    var steps: [ToolLoopStep] = []
    var usage = TokenUsage()
    var hadToolRound = false
    var droppedToolChoice = false
    var invalidStreak: [String: Int] = [:]
    var hintRounds = 0
    /// For each call (tool and canonical arguments) of the last round: in how many rounds in a
    /// row it was made.
    var repeatStreaks: [String: Int] = [:]
    var usedIDs: Set<String>

    var options: ToolLoop.Options { loop.options }

    init(loop: ToolLoop, transcript: Transcript, emit: @escaping @Sendable (ToolLoopEvent) -> Void) {
        self.loop = loop
        self.transcript = transcript
        self.emit = emit
        self.wire = Wire(api: loop.configuration.api)
        self.deadline = loop.options.timeout.map { ContinuousClock.now + $0 }
        self.usedIDs = wire.callIDs(in: transcript)
    }

    func result(finalText: String?) -> ToolLoopResult {
        ToolLoopResult(finalText: finalText, transcript: transcript, steps: steps, usage: usage)
    }

    func stop(_ reason: ToolLoopError.Reason) -> ToolLoopError {
        loop.logger.debug("loop stopped", metadata: ["reason": "\(reason)"])
        return ToolLoopError(reason: reason, partial: result(finalText: nil))
    }

    mutating func run() async throws(ToolLoopError) -> ToolLoopResult {
        guard transcript.api == loop.configuration.api else {
            throw stop(
                .invalidConfiguration(
                    "the transcript is written for \(transcript.api) but the endpoint speaks \(loop.configuration.api)"
                )
            )
        }
        do {
            try wire.preflight(transcript)
        } catch {
            throw stop(error)
        }
        let tools = wire.toolsValue(loop.toolbox.specs)
        if case .tool(let name) = options.toolChoice, loop.toolbox.tool(named: name) == nil {
            throw stop(.invalidConfiguration("tool_choice names \"\(name)\", which is not in the toolbox"))
        }
        let requester = ModelRequester(
            configuration: loop.configuration,
            transport: loop.transport,
            retry: loop.retry,
            requestTimeout: options.requestTimeout,
            logger: loop.logger
        )
        while true {
            let step = steps.count + 1
            if steps.count >= options.maxRequests { throw stop(.requestLimit(steps.count)) }

            // tool_choice: a forced choice holds until one tool round has happened.
            var choice = options.toolChoice
            if choice.isForced && hadToolRound {
                choice = .auto
                if !droppedToolChoice {
                    droppedToolChoice = true
                    emit(.toolChoiceDropped(step: step))
                }
            }
            var sent: [String] = []
            var choiceValue: JSONValue? = nil
            if tools != nil {
                do {
                    choiceValue = try wire.toolChoiceValue(
                        choice,
                        parallel: options.parallelToolCalls,
                        toolNames: loop.toolbox.names
                    )
                } catch {
                    throw stop(error)
                }
                if choiceValue != nil { sent.append(wire.api == .functions ? "function_call" : "tool_choice") }
                if options.parallelToolCalls != nil {
                    sent.append(wire.api == .anthropic ? "disable_parallel_tool_use" : "parallel_tool_calls")
                }
            }
            let body = wire.requestBody(
                configuration: loop.configuration,
                transcript: transcript,
                tools: tools,
                toolChoice: choiceValue,
                parallel: wire.api == .openAI ? options.parallelToolCalls : nil,
                stream: options.streams
            )

            let turn: AssistantTurn
            var stoppedFor: (call: Int, hint: ModelHint)? = nil
            if options.streams {
                do {
                    let streamed = try await requester.stream(
                        body,
                        step: step,
                        deadline: deadline,
                        sentParameters: sent,
                        usage: &usage,
                        timeouts: (options.firstChunkTimeout ?? options.requestTimeout, options.betweenChunksTimeout),
                        watch: { [toolbox = loop.toolbox, mode = options.checkMode] name in
                            toolbox.tool(named: name)?.validator.streamingCheck(mode: mode)
                        },
                        stopsHopeless: options.stopsHopelessStreams,
                        emit: emit
                    )
                    turn = streamed.turn
                    stoppedFor = streamed.stoppedFor
                } catch {
                    throw stop(error)
                }
            } else {
                let response: JSONValue
                do {
                    response = try await requester.send(
                        body,
                        step: step,
                        deadline: deadline,
                        sentParameters: sent,
                        usage: &usage,
                        emit: emit
                    )
                } catch {
                    throw stop(error)
                }
                do {
                    turn = try wire.parseResponse(
                        response,
                        excerpt: ModelRequester.excerpt(JSONWriter().bytes(response))
                    )
                } catch {
                    throw stop(error)
                }
            }
            if let reported = turn.usage { usage.add(reported) }
            let calls = normalise(turn.calls, step: step)
            emit(
                .responseReceived(
                    step: step,
                    finishReason: turn.finishReason,
                    calls: calls,
                    text: turn.text,
                    usage: turn.usage
                )
            )

            if calls.isEmpty {
                transcript.messages.append(turn.message)
                steps.append(
                    ToolLoopStep(
                        index: step,
                        text: turn.text,
                        finishReason: turn.finishReason,
                        calls: [],
                        usage: turn.usage,
                        sentToolChoice: choiceValue != nil
                    )
                )
                if wire.end(of: turn) == .filtered { throw stop(.contentFiltered) }
                let done = result(finalText: turn.text ?? "")
                emit(.finished(done))
                return done
            }

            let (outcomes, stopReason) =
                if let stoppedFor {
                    stoppedEarly(calls, for: stoppedFor, step: step)
                } else {
                    await process(turn, calls: calls, step: step, toolChoice: choice)
                }
            transcript.messages.append(
                wire.echo(turn, ids: calls.map(\.id), wireArguments: outcomes.map(\.wireArguments))
            )
            transcript.messages.append(contentsOf: wire.answers(outcomes))
            steps.append(
                ToolLoopStep(
                    index: step,
                    text: turn.text,
                    finishReason: turn.finishReason,
                    calls: outcomes,
                    usage: turn.usage,
                    sentToolChoice: choiceValue != nil
                )
            )
            hadToolRound = true
            if let stopReason { throw stop(stopReason) }
            if let reason = countHints(outcomes) { throw stop(reason) }
        }
    }

    // MARK: Ids

    static let placeholderIDs: Set<String> = ["null", "none", "nil", "undefined"]

    /// Keeps each usable id; replaces a missing, empty, duplicated or placeholder one with a
    /// synthesized id unique in the whole transcript.
    mutating func normalise(_ received: [ReceivedCall], step: Int) -> [ToolCall] {
        var calls: [ToolCall] = []
        for (i, call) in received.enumerated() {
            var id = call.receivedID ?? ""
            let trimmed = id.trimmingWhitespace
            if wire.api == .functions || trimmed.isEmpty || trimmed != id
                || Self.placeholderIDs.contains(trimmed.lowercased()) || usedIDs.contains(id)
            {
                let prefix =
                    switch wire.api {
                    case .openAI: "call_ts"
                    case .functions: "function_call_ts"
                    case .anthropic: "toolu_ts"
                    }
                var n = 0
                repeat {
                    id = "\(prefix)\(step)_\(i + 1)" + (n == 0 ? "" : "_\(n)")
                    n += 1
                } while usedIDs.contains(id)
            }
            usedIDs.insert(id)
            calls.append(
                ToolCall(id: id, receivedID: call.receivedID, name: call.name, argumentsText: call.argumentsText)
            )
        }
        return calls
    }

    // MARK: Budgets

    /// Counts hint rounds and per-tool invalid streaks; the reason to stop, when a bound is
    /// reached.
    mutating func countHints(_ outcomes: [CallOutcome]) -> ToolLoopError.Reason? {
        let hinted = outcomes.filter {
            switch $0.disposition {
            case .invalidArguments, .unknownTool, .cutOff: true
            case .notExecuted: isToolChoiceNone
            default: false
            }
        }
        guard !hinted.isEmpty else {
            invalidStreak = [:]
            return nil
        }
        hintRounds += 1
        let bad = Set(hinted.map(\.call.name))
        for name in invalidStreak.keys where !bad.contains(name) { invalidStreak[name] = nil }
        for name in bad { invalidStreak[name, default: 0] += 1 }
        if let name = bad.sorted().first(where: { invalidStreak[$0, default: 0] >= options.repairBudget }) {
            return .repairBudgetExhausted(tool: name)
        }
        if hintRounds >= options.maxHintRounds { return .repairBudgetExhausted(tool: nil) }
        return nil
    }

    var isToolChoiceNone: Bool { options.toolChoice == .none }
}
