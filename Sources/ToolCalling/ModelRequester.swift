internal import Foundation
internal import JSONCore
internal import Logging

/// Sends one model request with retries, and turns every failure into a loop reason.
struct ModelRequester: Sendable {
    var configuration: ChatConfiguration
    var transport: any ChatTransport
    var retry: RetryPolicy
    var requestTimeout: Duration
    var logger: Logger

    /// Posts `body`; returns the parsed 2xx body.
    ///
    /// - Parameters:
    ///   - body: the request body.
    ///   - step: the request's number, for events.
    ///   - deadline: the run's deadline, which no request or retry may pass.
    ///   - sentParameters: request members the loop chose (`tool_choice`…), so a 400 that
    ///     names one becomes `parameterRejected`.
    ///   - usage: counts every attempt.
    ///   - emit: receives the request and retry events.
    /// - Returns: the parsed body of the 2xx response.
    /// - Throws: the reason the loop must stop: cancellation, the deadline, a provider error
    ///   after the retries, a transport failure, or a body that is not JSON.
    func send(
        _ body: JSONValue,
        step: Int,
        deadline: ContinuousClock.Instant?,
        sentParameters: [String],
        usage: inout TokenUsage,
        emit: (ToolLoopEvent) -> Void
    ) async throws(ToolLoopError.Reason) -> JSONValue {
        let request = HTTPRequestData(
            url: configuration.endpoint,
            headers: configuration.headers().map { (name: $0.0, value: $0.1) },
            body: JSONWriter().bytes(body)
        )
        var attempt = 1
        while true {
            if Task.isCancelled { throw .cancelled }
            var timeout = requestTimeout
            if let deadline {
                let left = deadline - .now
                if left <= .zero { throw .deadlineExceeded }
                timeout = min(timeout, left)
            }
            emit(.requestSent(step: step, attempt: attempt))
            usage.requests += 1
            logger.debug(
                "POST \(configuration.endpoint)",
                metadata: ["step": "\(step)", "attempt": "\(attempt)", "bytes": "\(request.body.count)"]
            )
            let response: HTTPResponseData
            do {
                response = try await transport.send(request, timeout: timeout)
            } catch is CancellationError {
                throw .cancelled
            } catch {
                if Task.isCancelled { throw .cancelled }
                let failure =
                    (error as? TransportError) ?? TransportError(code: .connection, message: "\(error)")
                logger.debug("request failed", metadata: ["step": "\(step)", "error": "\(failure.message)"])
                if let deadline, deadline <= .now { throw .deadlineExceeded }
                guard failure.code != .bodyTooLarge, attempt <= retry.maxRetries else { throw .transport(failure) }
                try await wait(
                    retry.delay(retry: attempt, response: nil),
                    step: step,
                    attempt: attempt,
                    reason: failure.message,
                    deadline: deadline,
                    emit: emit,
                    otherwise: .transport(failure)
                )
                attempt += 1
                continue
            }
            logger.debug("response", metadata: ["step": "\(step)", "status": "\(response.status)"])
            if (200..<300).contains(response.status) {
                do {
                    return try JSONParser().parse(response.body)
                } catch {
                    throw .malformedResponse("the body is not JSON (\(error.message)): \(Self.excerpt(response.body))")
                }
            }
            let failure = Self.failure(response, sentParameters: sentParameters)
            if RetryPolicy.shouldRetry(response) && attempt <= retry.maxRetries {
                try await wait(
                    retry.delay(retry: attempt, response: response),
                    step: step,
                    attempt: attempt,
                    reason: "HTTP \(response.status)",
                    deadline: deadline,
                    emit: emit,
                    otherwise: failure
                )
                attempt += 1
                continue
            }
            throw failure
        }
    }

    /// Waits before a retry, or gives up with `otherwise` when the wait would pass the deadline.
    func wait(
        _ delay: Duration,
        step: Int,
        attempt: Int,
        reason: String,
        deadline: ContinuousClock.Instant?,
        emit: (ToolLoopEvent) -> Void,
        otherwise: ToolLoopError.Reason
    ) async throws(ToolLoopError.Reason) {
        if let deadline, ContinuousClock.now + delay >= deadline { throw otherwise }
        emit(.retryScheduled(step: step, attempt: attempt + 1, delay: delay, reason: reason))
        logger.debug("retry scheduled", metadata: ["step": "\(step)", "delay": "\(delay)", "reason": "\(reason)"])
        do {
            try await retry.sleep(delay)
        } catch {
            throw .cancelled
        }
        if Task.isCancelled { throw .cancelled }
    }

    /// The typed reason for an error status, with the provider's own message.
    static func failure(_ response: HTTPResponseData, sentParameters: [String]) -> ToolLoopError.Reason {
        let body = try? JSONParser().parse(response.body)
        let (type, message) = body.map(ProviderErrorBody.read) ?? (nil, nil)
        let text = message ?? (response.body.isEmpty ? "(no body)" : excerpt(response.body))
        if response.status == 400 || response.status == 422 {
            if let param = body.flatMap(ProviderErrorBody.param), sentParameters.contains(param) {
                return .parameterRejected(parameter: param, message: text)
            }
            if let named = sentParameters.first(where: { text.contains($0) }) {
                return .parameterRejected(parameter: named, message: text)
            }
        }
        return .provider(status: response.status, type: type, message: text)
    }

    /// At most 200 characters of a body, control characters shown escaped.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(400), as: UTF8.self)
        var out = ""
        for scalar in text.unicodeScalars {
            if out.count >= 200 {
                out += "…"
                break
            }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out +=
                    scalar == "\n"
                    ? "\\n"
                    : scalar == "\r" ? "\\r" : scalar == "\t" ? "\\t" : "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.isEmpty ? "(empty body)" : out
    }
}
