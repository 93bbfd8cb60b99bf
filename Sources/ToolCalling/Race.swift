internal import Synchronization

/// How a raced operation ended.
enum RaceOutcome<Value: Sendable>: Sendable {
    case value(Value)
    case error(any Error)
    case timedOut
    case cancelled
}

/// Runs `operation` in its own task and returns as soon as it finishes, the timeout passes,
/// or the calling task is cancelled, whichever comes first. The operation is cancelled in
/// the last two cases; an operation that ignores cancellation no longer holds the caller up.
func race<Value: Sendable>(
    timeout: Duration?,
    _ operation: @escaping @Sendable () async throws -> Value
) async -> RaceOutcome<Value> {
    await race(operation) { gate in
        guard let timeout else { return }
        do {
            try await Task.sleep(for: timeout)
            gate.finish(.timedOut)
        } catch {}
    }
}

/// The race itself: `operation` against `timer` (which finishes the gate with `.timedOut`
/// when its time comes) and the caller's cancellation; both tasks are cancelled at the end.
func race<Value: Sendable>(
    _ operation: @escaping @Sendable () async throws -> Value,
    timer: @escaping @Sendable (RaceGate<Value>) async -> Void
) async -> RaceOutcome<Value> {
    let gate = RaceGate<Value>()
    let work = Task {
        do {
            let value = try await operation()
            gate.finish(.value(value))
        } catch {
            gate.finish(error is CancellationError && Task.isCancelled ? .cancelled : .error(error))
        }
    }
    let clock = Task { await timer(gate) }
    let outcome = await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in gate.wait(continuation) }
    } onCancel: {
        gate.finish(.cancelled)
    }
    work.cancel()
    clock.cancel()
    return outcome
}

/// The first outcome wins; the waiter is resumed exactly once.
final class RaceGate<Value: Sendable>: Sendable {
    private struct State {
        var outcome: RaceOutcome<Value>?
        var waiter: CheckedContinuation<RaceOutcome<Value>, Never>?
        var resumed = false
    }

    private let state = Mutex(State())

    func finish(_ outcome: RaceOutcome<Value>) {
        let waiter: CheckedContinuation<RaceOutcome<Value>, Never>? = state.withLock { state in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            guard let waiter = state.waiter, !state.resumed else { return nil }
            state.resumed = true
            return waiter
        }
        waiter?.resume(returning: outcome)
    }

    func wait(_ continuation: CheckedContinuation<RaceOutcome<Value>, Never>) {
        let ready: RaceOutcome<Value>? = state.withLock { state in
            if let outcome = state.outcome, !state.resumed {
                state.resumed = true
                return outcome
            }
            state.waiter = continuation
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }
}
