internal import JSONCore
internal import Logging
internal import ToolSchema

/// How one handler run ended.
struct HandlerReport: Sendable {
    var index: Int
    var disposition: CallOutcome.Disposition
    var text: String
    var duration: Duration
    var hint: ModelHint? = nil
    var check: ArgumentCheck? = nil
    var stop: ToolLoopError.Reason? = nil
}

/// A valid call ready to run.
struct Job: Sendable {
    var index: Int
    var tool: Tool
    var invocation: ToolInvocation
    var timeout: Duration?
    /// Whether the timeout is the loop's deadline rather than the tool's own.
    var timeoutIsDeadline: Bool
}

extension LoopRun {
    /// Decides, for every call of a turn, whether it runs, and answers each one. Returns the
    /// outcomes in call order and the reason to stop, if the turn ends the loop.
    mutating func process(
        _ turn: AssistantTurn,
        calls: [ToolCall],
        step: Int,
        toolChoice: ToolChoice
    ) async -> ([CallOutcome], ToolLoopError.Reason?) {
        let end = wire.end(of: turn, maxTokens: loop.configuration.maxTokens)
        if end == .filtered || end == .unexpected || toolChoice == .none {
            let why: String
            let reason: ToolLoopError.Reason?
            switch end {
            case .filtered:
                why = "the provider filtered the response"
                reason = .contentFiltered
            case .unexpected:
                why =
                    turn.finishReason.map { "the response ended with finish reason \"\($0)\"" }
                    ?? "the response ended without a finish reason"
                reason = .unexpectedFinish(turn.finishReason)
            default:
                why = "tool calls are turned off for this conversation; answer in text"
                reason = nil
            }
            emit(.callsNotExecuted(step: step, calls: calls, reason: why))
            let outcomes = calls.map {
                CallOutcome(
                    call: $0,
                    disposition: .notExecuted,
                    result: "not executed: \(why)",
                    isError: true,
                    wireArguments: wireArguments(text: $0.argumentsText, check: nil)
                )
            }
            return (outcomes, reason)
        }

        // Check every call first.
        var outcomes: [CallOutcome?] = Array(repeating: nil, count: calls.count)
        var checks: [(Tool, ArgumentCheck)?] = Array(repeating: nil, count: calls.count)
        for (i, call) in calls.enumerated() {
            guard let tool = loop.toolbox.tool(named: call.name) else {
                let hint = ModelHint(unknownTool: call.name, available: loop.toolbox.names, budget: options.hintBudget)
                outcomes[i] = CallOutcome(
                    call: call,
                    disposition: .unknownTool,
                    hint: hint,
                    result: hint.text,
                    isError: true,
                    wireArguments: wireArguments(text: call.argumentsText, check: nil)
                )
                continue
            }
            let check = checkArguments(call.argumentsText, tool: tool)
            emit(.callChecked(step: step, call: call, check: check))
            checks[i] = (tool, check)
        }

        // A cut-off response: nothing runs; every call is asked for again.
        let cutOff =
            end == .truncated
            || checks.contains { $0.map { $0.1.isTruncated || $0.1.parseError?.code == .unexpectedEnd } ?? false }
        if cutOff {
            for (i, call) in calls.enumerated() {
                guard let (tool, check) = checks[i] else { continue }
                let ownCut = check.isTruncated || check.parseError?.code == .unexpectedEnd
                let text: String
                var hint: ModelHint? = nil
                if ownCut {
                    let h = ModelHint(
                        check: check,
                        tool: call.name,
                        validator: tool.validator,
                        budget: options.hintBudget
                    )
                    hint = h
                    text = h.text
                } else {
                    text =
                        "Your call to `\(call.name)` was not run: the response was cut off"
                        + (turn.finishReason.map { " (finish reason \($0))" } ?? "")
                        + " before it ended. Make the call again, with complete arguments."
                }
                outcomes[i] = CallOutcome(
                    call: call,
                    disposition: .cutOff,
                    check: check,
                    hint: hint,
                    result: text,
                    isError: true,
                    wireArguments: wireArguments(text: call.argumentsText, check: check)
                )
                emit(.hintSent(step: step, call: call, disposition: .cutOff, text: text))
            }
            for (i, outcome) in outcomes.enumerated() where outcome?.disposition == .unknownTool {
                emit(.hintSent(step: step, call: calls[i], disposition: .unknownTool, text: outcome?.result ?? ""))
            }
            return (Self.everyCallAnswered(outcomes), nil)
        }

        // Hints for invalid calls; the repeat detector over the valid ones, in call order.
        var jobs: [Job] = []
        var repeatedPastLimit: String? = nil
        var roundSignatures: [String: Int] = [:]
        defer { repeatStreaks = roundSignatures }
        for (i, call) in calls.enumerated() {
            if let outcome = outcomes[i] {
                emit(.hintSent(step: step, call: call, disposition: outcome.disposition, text: outcome.result))
                continue
            }
            guard let (tool, check) = checks[i] else { continue }
            let wireArgs = wireArguments(text: call.argumentsText, check: check)
            guard check.isValid, let arguments = check.arguments else {
                let hint = ModelHint(
                    check: check,
                    tool: call.name,
                    validator: tool.validator,
                    budget: options.hintBudget
                )
                outcomes[i] = CallOutcome(
                    call: call,
                    disposition: .invalidArguments,
                    check: check,
                    hint: hint,
                    result: hint.text,
                    isError: true,
                    wireArguments: wireArgs
                )
                emit(.hintSent(step: step, call: call, disposition: .invalidArguments, text: hint.text))
                continue
            }
            if !check.repairs.isEmpty || !check.coercions.isEmpty {
                emit(.argumentsRepaired(step: step, call: call, repairs: check.repairs, coercions: check.coercions))
            }
            // Repeats count rounds: the same call twice in one turn (two dice rolls) is not a repeat.
            let signature = call.name + "\u{0}" + JSONWriter(sortsKeys: true).string(arguments)
            let repeatCount = (repeatStreaks[signature] ?? 0) + 1
            roundSignatures[signature] = repeatCount
            if repeatCount > options.repeatLimit {
                repeatedPastLimit = call.name
                outcomes[i] = CallOutcome(
                    call: call,
                    disposition: .notExecuted,
                    check: check,
                    result:
                        "not executed: the loop stopped because the model kept calling \(call.name) with the same arguments",
                    isError: true,
                    wireArguments: wireArgs
                )
                continue
            }
            if repeatCount == options.repeatLimit {
                let text =
                    "You have called `\(call.name)` with these same arguments in \(repeatCount) rounds in a row; "
                    + "its result is in the conversation above. Use it to answer, or call with different arguments."
                outcomes[i] = CallOutcome(
                    call: call,
                    disposition: .repeated,
                    check: check,
                    result: text,
                    isError: true,
                    wireArguments: wireArgs
                )
                emit(.hintSent(step: step, call: call, disposition: .repeated, text: text))
                continue
            }
            var timeout = tool.timeout ?? options.toolTimeout
            var timeoutIsDeadline = false
            if let deadline {
                let left = deadline - .now
                if let own = timeout, own <= left {
                    // The tool's own timeout comes first.
                } else {
                    timeout = max(left, .zero)
                    timeoutIsDeadline = true
                }
            }
            jobs.append(
                Job(
                    index: i,
                    tool: tool,
                    invocation: ToolInvocation(call: call, arguments: arguments, check: check),
                    timeout: timeout,
                    timeoutIsDeadline: timeoutIsDeadline
                )
            )
            outcomes[i] = CallOutcome(
                call: call,
                disposition: .notExecuted,
                check: check,
                result: "",
                isError: true,
                wireArguments: wireArgs
            )
        }

        if let tool = repeatedPastLimit {
            let why = "the model kept calling \(tool) with the same arguments"
            let skipped = jobs.map { calls[$0.index] }
            if !skipped.isEmpty { emit(.callsNotExecuted(step: step, calls: skipped, reason: why)) }
            for job in jobs {
                outcomes[job.index]?.result = "not executed: the loop stopped because \(why)"
            }
            return (Self.everyCallAnswered(outcomes), .repeatedCall(tool: tool))
        }

        let stopReason = await execute(jobs, step: step, into: &outcomes)
        return (Self.everyCallAnswered(outcomes), stopReason)
    }

    /// The outcomes once every call has one: the loop's central promise, so a gap is a bug in
    /// the loop, never a model's doing.
    static func everyCallAnswered(_ outcomes: [CallOutcome?]) -> [CallOutcome] {
        outcomes.map { outcome in
            guard let outcome else { preconditionFailure("a call was left without an outcome") }
            return outcome
        }
    }

    /// Runs the jobs concurrently, at most `maxConcurrentTools` at once, and writes each
    /// outcome at its call's index whatever order they finish in.
    func execute(_ jobs: [Job], step: Int, into outcomes: inout [CallOutcome?]) async -> ToolLoopError.Reason? {
        guard !jobs.isEmpty else { return nil }
        let emit = self.emit
        let limit = max(1, options.maxConcurrentTools)
        var stopReason: ToolLoopError.Reason? = nil
        let policy = options.handlerErrors
        let format = options.formatError
        let logger = loop.logger
        await withTaskGroup(of: HandlerReport.self) { group in
            func start(_ job: Job) {
                group.addTask {
                    let call = job.invocation.call
                    emit(.toolStarted(step: step, call: call))
                    logger.debug("tool started", metadata: ["tool": "\(call.name)", "id": "\(call.id)"])
                    let clock = ContinuousClock()
                    let started = clock.now
                    let handler = job.tool.handler
                    let invocation = job.invocation
                    let outcome = await race(timeout: job.timeout) { try await handler(invocation) }
                    let duration = clock.now - started
                    var report = HandlerReport(index: job.index, disposition: .succeeded, text: "", duration: duration)
                    switch outcome {
                    case .value(let text):
                        report.text = text
                    case .error(let refusal as DecodingRefusal):
                        report.disposition = .invalidArguments
                        report.text = refusal.error.hint.text
                        report.hint = refusal.error.hint
                        report.check = refusal.error.check
                    case .error(let error):
                        report.disposition = .failed
                        report.text = format(error, call)
                    case .timedOut where job.timeoutIsDeadline:
                        report.disposition = .notExecuted
                        report.text = "not completed: the loop's deadline passed"
                        report.stop = .deadlineExceeded
                    case .timedOut:
                        report.disposition = .timedOut
                        report.text = "error: the tool `\(call.name)` did not finish within \(job.timeout ?? .zero)"
                    case .cancelled:
                        report.disposition = .notExecuted
                        report.text = "not executed: the loop was cancelled"
                        report.stop = .cancelled
                    }
                    return report
                }
            }
            var next = 0
            while next < min(limit, jobs.count) {
                start(jobs[next])
                next += 1
            }
            while let report = await group.next() {
                guard var outcome = outcomes[report.index] else { continue }
                outcome.disposition = report.disposition
                outcome.result = report.text
                outcome.isError = report.disposition != .succeeded
                outcome.duration = report.duration
                if let hint = report.hint {
                    // The type's init(from:) refused a valid value; the hint came with the refusal.
                    outcome.hint = hint
                    outcome.check = report.check
                }
                outcomes[report.index] = outcome
                logger.debug(
                    "tool finished",
                    metadata: ["tool": "\(outcome.call.name)", "disposition": "\(report.disposition.rawValue)"]
                )
                emit(.toolFinished(step: step, call: outcome.call, outcome: outcome))
                if report.disposition == .failed && policy == .stopLoop {
                    stopReason = stopReason ?? .handlerFailed(tool: outcome.call.name, message: report.text)
                }
                if let stop = report.stop { stopReason = stopReason ?? stop }
                if next < jobs.count {
                    if Task.isCancelled {
                        // Answer the rest without running them.
                        for job in jobs[next...] {
                            outcomes[job.index]?.result = "not executed: the loop was cancelled"
                        }
                        stopReason = stopReason ?? .cancelled
                        next = jobs.count
                    } else {
                        start(jobs[next])
                        next += 1
                    }
                }
            }
        }
        if Task.isCancelled { stopReason = stopReason ?? .cancelled }
        return stopReason
    }

    /// Checks a call's arguments; `null` reads as `{}` in repair mode, recorded as a repair.
    func checkArguments(_ text: String, tool: Tool) -> ArgumentCheck {
        if options.checkMode == .repair && text.trimmingWhitespace == "null" {
            var check = tool.validator.check(arguments: "{}", mode: .repair, options: options.checkOptions)
            check.repairs.insert(
                JSONRepair(
                    kind: .emptyArguments,
                    position: SourcePosition(line: 1, column: 1, offset: 0),
                    message: "the arguments were null; read as {}"
                ),
                at: 0
            )
            return check
        }
        return tool.validator.check(arguments: text, mode: options.checkMode, options: options.checkOptions)
    }

    /// The arguments text the echoed turn carries: nil to keep the model's (a JSON object as
    /// it stands), else the object the repairing parser reads (before any coercion), else `{}`.
    func wireArguments(text: String, check: ArgumentCheck?) -> String? {
        let looksLikeObject = text.trimmingWhitespace.hasPrefix("{")
        if let check {
            if looksLikeObject, check.parseError == nil, check.repairs.isEmpty, case .object? = check.arguments {
                return nil
            }
        } else if looksLikeObject, case .object? = try? JSONParser().parse(text) {
            return nil
        }
        if let repaired = try? JSONParser().repair(text), case .object = repaired.value {
            return repaired.value.jsonString()
        }
        return "{}"
    }

    /// The answers to a streamed turn the loop stopped reading early: the call that could not
    /// be valid gets its hint, every other call "not executed"; nothing runs.
    func stoppedEarly(
        _ calls: [ToolCall],
        for stopped: (call: Int, hint: ModelHint),
        step: Int
    ) -> ([CallOutcome], ToolLoopError.Reason?) {
        let culprit = calls.indices.contains(stopped.call) ? calls[stopped.call].name : "a call"
        let why = "the response was stopped early: the call to \(culprit) could not become valid"
        let others = calls.enumerated().filter { $0.offset != stopped.call }.map(\.element)
        if !others.isEmpty { emit(.callsNotExecuted(step: step, calls: others, reason: why)) }
        let outcomes = calls.enumerated().map { k, call in
            k == stopped.call
                ? CallOutcome(
                    call: call,
                    disposition: .invalidArguments,
                    hint: stopped.hint,
                    result: stopped.hint.text,
                    isError: true,
                    wireArguments: wireArguments(text: call.argumentsText, check: nil)
                )
                : CallOutcome(
                    call: call,
                    disposition: .notExecuted,
                    result: "not executed: \(why)",
                    isError: true,
                    wireArguments: wireArguments(text: call.argumentsText, check: nil)
                )
        }
        if let call = calls.indices.contains(stopped.call) ? calls[stopped.call] : nil {
            emit(.hintSent(step: step, call: call, disposition: .invalidArguments, text: stopped.hint.text))
        }
        return (outcomes, nil)
    }
}
