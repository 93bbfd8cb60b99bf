import Foundation
import HTTPTestSupport
import JSONCore
import Testing
import ToolSchema

@testable import ToolCalling

/// Retries, errors and timeouts over real HTTP.
@Suite(.timeLimit(.minutes(1)))
struct HTTPBehaviourTests {
    func loop(
        _ server: ScriptedServer,
        retry: RetryPolicy = Loops.instantRetry,
        options: ToolLoop.Options = .init()
    )
        -> ToolLoop
    {
        ToolLoop(
            configuration: Loops.configuration(.openAI, server),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: retry
        )
    }

    @Test("429 with Retry-After, then success: the delay the server asked for is honoured")
    func retryAfter() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.error(
                429,
                message: "Rate limit reached",
                type: "rate_limit_exceeded",
                headers: [("Retry-After", "2")]
            ),
            OpenAIReply.error(503, message: "busy", type: "server_error", headers: [("retry-after-ms", "150")]),
            OpenAIReply.text("Hi."),
        ])
        defer { Task { await server.shutdown() } }
        let slept = MutexBox<[Duration]>([])
        var retry = RetryPolicy()
        retry.sleep = { d in slept.mutate { $0.append(d) } }
        let events = EventLog()
        let result = try await loop(server, retry: retry).run(
            Transcript(api: .openAI, prompt: "Hi"),
            onEvent: events.record
        )
        #expect(result.finalText == "Hi.")
        #expect(slept.value == [.seconds(2), .milliseconds(150)])
        #expect(result.usage.requests == 3)
        #expect(events.types == ["request", "retry", "request", "retry", "request", "response", "finished"])
        #expect(server.requests.count == 3)
        #expect(server.requests[0].body == server.requests[2].body, "a retry sends the same bytes")
    }

    @Test("x-should-retry: false stops at once; true retries a status that is not retried otherwise")
    func shouldRetryHeader() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.error(500, message: "do not", type: "server_error", headers: [("x-should-retry", "false")]),
            OpenAIReply.error(400, message: "try again", type: "x", headers: [("x-should-retry", "true")]),
            OpenAIReply.text("ok"),
        ])
        defer { Task { await server.shutdown() } }
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop(server).run(Transcript(api: .openAI, prompt: "Hi"))
        }
        #expect(error?.reason == .provider(status: 500, type: "server_error", message: "do not"))
        #expect(error?.code == .provider)
        #expect(try await loop(server).run(Transcript(api: .openAI, prompt: "Hi")).finalText == "ok")
    }

    @Test("500s past the retry limit: a typed error after maxRetries + 1 attempts, usage counting each")
    func serverErrorsPastLimit() async throws {
        let server = try await ScriptedServer.start(
            Array(repeating: OpenAIReply.error(500, message: "The server had an error", type: "server_error"), count: 3)
        )
        defer { Task { await server.shutdown() } }
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop(server).run(Transcript(api: .openAI, prompt: "Hi"))
        }
        #expect(error?.reason == .provider(status: 500, type: "server_error", message: "The server had an error"))
        #expect(error?.isBound == false)
        #expect(error?.partial.usage.requests == 3)
        #expect(server.requests.count == 3)
    }

    @Test("a 400 carries the provider's own message; one naming tool_choice is parameterRejected")
    func badRequest() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.error(400, message: "Invalid value for 'model'", type: "invalid_request_error"),
            OpenAIReply.error(
                400,
                message: "deepseek-reasoner does not support this tool_choice",
                type: "invalid_request_error"
            ),
            OpenAIReply.error(400, message: "bad", type: "invalid_request_error", param: "tool_choice"),
        ])
        defer { Task { await server.shutdown() } }
        let e1 = await #expect(throws: ToolLoopError.self) {
            try await loop(server).run(Transcript(api: .openAI, prompt: "Hi"))
        }
        #expect(
            e1?.reason == .provider(status: 400, type: "invalid_request_error", message: "Invalid value for 'model'")
        )
        #expect(server.requests.count == 1, "a 400 is not retried")
        var options = ToolLoop.Options()
        options.toolChoice = .required
        for _ in 0..<2 {
            let e = await #expect(throws: ToolLoopError.self) {
                try await loop(server, options: options).run(Transcript(api: .openAI, prompt: "Hi"))
            }
            guard case .parameterRejected(let parameter, _)? = e?.reason else {
                Issue.record("expected parameterRejected, got \(String(describing: e?.reason))")
                continue
            }
            #expect(parameter == "tool_choice")
        }
    }

    @Test(
        "a malformed body is a typed error with a short excerpt",
        arguments: [
            ScriptedServer.Reply.text("<html>Bad gateway</html>"),
            ScriptedServer.Reply.json(["choices": []]),
            ScriptedServer.Reply.json(["choices": [["message": "hi"]]]),
            ScriptedServer.Reply.json(["choices": [["message": ["role": "assistant", "tool_calls": [1]]]]]),
            ScriptedServer.Reply.json([1, 2]),
        ]
    )
    func malformedBody(reply: ScriptedServer.Reply) async throws {
        let server = try await ScriptedServer.start([reply])
        defer { Task { await server.shutdown() } }
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop(server).run(Transcript(api: .openAI, prompt: "Hi"))
        }
        guard case .malformedResponse(let message)? = error?.reason else {
            Issue.record("expected malformedResponse, got \(String(describing: error?.reason))")
            return
        }
        #expect(message.count < 400)
    }

    @Test("an error object inside a 200 response is a provider error")
    func errorIn200() async throws {
        let server = try await ScriptedServer.start([.json(["error": ["message": "upstream failed", "code": 502]])])
        defer { Task { await server.shutdown() } }
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop(server).run(Transcript(api: .openAI, prompt: "Hi"))
        }
        #expect(error?.reason == .provider(status: 200, type: nil, message: "upstream failed"))
    }

    @Test("a server that never answers: the request timeout, then a transport error after the retries")
    func neverAnswers() async throws {
        let server = try await ScriptedServer.start([.hang, .hang])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.requestTimeout = .milliseconds(300)
        var retry = Loops.instantRetry
        retry.maxRetries = 1
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop(server, retry: retry, options: options).run(Transcript(api: .openAI, prompt: "Hi"))
        }
        guard case .transport(let failure)? = error?.reason else {
            Issue.record("expected transport, got \(String(describing: error?.reason))")
            return
        }
        #expect(failure.code == .timeout)
        #expect(server.requests.count == 2)
    }

    @Test("a refused connection is retried, then a transport error")
    func connectionRefused() async throws {
        let server = try await ScriptedServer.start([])
        let base = server.baseURL
        await server.shutdown()
        // AsyncHTTPClient keeps reconnecting within the request's time, so keep it short.
        var options = ToolLoop.Options()
        options.requestTimeout = .milliseconds(300)
        let loop = ToolLoop(
            configuration: ChatConfiguration(api: .openAI, baseURL: base, model: "m"),
            toolbox: Loops.weatherToolbox(),
            options: options,
            retry: Loops.instantRetry
        )
        let events = EventLog()
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop.run(Transcript(api: .openAI, prompt: "Hi"), onEvent: events.record)
        }
        guard case .transport(let failure)? = error?.reason else {
            Issue.record("expected transport, got \(String(describing: error?.reason))")
            return
        }
        #expect(failure.code == .connection || failure.code == .timeout)
        #expect(events.types.filter { $0 == "request" }.count == 3)
    }

    @Test("cancelling the task stops an in-flight request promptly")
    func cancelInFlight() async throws {
        let server = try await ScriptedServer.start([.hang])
        defer { Task { await server.shutdown() } }
        let sent = AsyncStream<Void>.makeStream()
        let loop = self.loop(server)
        let task = Task {
            try await loop.run(Transcript(api: .openAI, prompt: "Hi")) { event in
                if case .requestSent = event { sent.continuation.yield() }
            }
        }
        for await _ in sent.stream { break }
        task.cancel()
        let outcome = await task.result
        guard case .failure(let error as ToolLoopError) = outcome else {
            Issue.record("expected ToolLoopError, got \(outcome)")
            return
        }
        #expect(error.reason == .cancelled)
    }

    @Test("a retry that would pass the deadline is not made")
    func retryPastDeadline() async throws {
        let server = try await ScriptedServer.start([
            OpenAIReply.error(429, message: "slow down", type: "rate_limit", headers: [("Retry-After", "30")])
        ])
        defer { Task { await server.shutdown() } }
        var options = ToolLoop.Options()
        options.timeout = .seconds(5)
        let error = await #expect(throws: ToolLoopError.self) {
            try await loop(server, options: options).run(Transcript(api: .openAI, prompt: "Hi"))
        }
        #expect(error?.reason == .provider(status: 429, type: "rate_limit", message: "slow down"))
        #expect(server.requests.count == 1)
    }
}

/// Retry delays, headers and dates, without a server.
@Suite struct RetryPolicyTests {
    func response(_ headers: [(String, String)], status: Int = 429) -> HTTPResponseData {
        HTTPResponseData(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: [])
    }

    @Test("retry-after-ms wins over Retry-After; an HTTP date counts from now")
    func serverDelays() {
        var policy = RetryPolicy()
        policy.jitter = 0
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(
            policy.delayForTesting(retry: 1, response([("retry-after-ms", "250"), ("Retry-After", "9")]), now: now)
                == .milliseconds(250)
        )
        #expect(policy.delayForTesting(retry: 1, response([("Retry-After", "3")]), now: now) == .seconds(3))
        #expect(
            policy.delayForTesting(retry: 1, response([("Retry-After", "Sun, 06 Nov 1994 08:49:47 GMT")]), now: now)
                == .seconds(10)
        )
        // Too long or unreadable: exponential backoff instead.
        #expect(policy.delayForTesting(retry: 1, response([("Retry-After", "3600")]), now: now) == .milliseconds(500))
        #expect(policy.delayForTesting(retry: 3, response([("Retry-After", "soon")]), now: now) == .seconds(2))
        #expect(policy.delayForTesting(retry: 10, response([]), now: now) == .seconds(8))
    }

    @Test("jitter takes at most its share off the backoff")
    func jitter() {
        let policy = RetryPolicy()
        for _ in 0..<50 {
            let d = policy.delayForTesting(retry: 2, response([]), now: Date())
            #expect(d <= .seconds(1) && d > .milliseconds(749))
        }
    }
}

extension RetryPolicy {
    func delayForTesting(retry: Int, _ response: HTTPResponseData, now: Date) -> Duration {
        delay(retry: retry, response: response, now: now)
    }
}
