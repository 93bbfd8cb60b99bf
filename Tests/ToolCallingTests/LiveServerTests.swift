import Foundation
import JSONCore
import Testing
import ToolCalling
import ToolSchema

/// Against a real OpenAI-compatible server nobody on the project wrote: llama.cpp's
/// `llama-server` with a small Qwen2.5-Coder model (`../shared/model/start.sh` prints its
/// `MODEL_BASE_URL`). Skipped when `MODEL_BASE_URL` is not set.
@Suite(
    .enabled(
        if: LiveServer.baseURL != nil,
        "MODEL_BASE_URL is not set; start a server to run the live tests (see The command line)"
    ),
    .serialized,
    .timeLimit(.minutes(5))
)
struct LiveServerTests {
    static func loop(_ toolbox: Toolbox, options: ToolLoop.Options = .init()) -> ToolLoop {
        var configuration = ChatConfiguration(
            api: .openAI,
            baseURL: LiveServer.baseURL ?? "",
            model: ProcessInfo.processInfo.environment["MODEL_NAME"] ?? "qwen2.5-coder",
            apiKey: ProcessInfo.processInfo.environment["API_KEY"]
        )
        configuration.maxTokens = 256
        configuration.extraParameters = ["temperature": 0, "seed": 42]
        var options = options
        options.requestTimeout = .seconds(120)
        return ToolLoop(configuration: configuration, toolbox: toolbox, options: options)
    }

    static func weatherToolbox(calls: MutexCounter) throws -> Toolbox {
        let spec = try #require(
            try ToolSpec.specs(
                in: LoadedDocument.load(
                    SourceText(
                        file: "get_weather.json",
                        bytes: Array(
                            try Data(
                                contentsOf: LiveServer.packageRoot.appendingPathComponent("schemas/get_weather.json")
                            )
                        )
                    )
                )
            ).first
        )
        var toolbox = Toolbox()
        try toolbox.add(spec) { invocation in
            calls.increment()
            let city = invocation.arguments["city"]?.stringValue ?? "?"
            return #"{"city": "\#(city)", "temperature": 21, "unit": "celsius", "conditions": "sunny"}"#
        }
        return toolbox
    }

    @Test("a weather question answered through one real tool call, then a follow-up turn")
    func weatherAndFollowUp() async throws {
        let calls = MutexCounter()
        let loop = Self.loop(try Self.weatherToolbox(calls: calls))
        let first = try await loop.run(Transcript(api: .openAI, prompt: "What is the weather in Beijing right now?"))
        #expect(calls.value >= 1)
        #expect(first.steps.first?.calls.first?.call.name == "get_weather")
        #expect(first.steps.first?.calls.first?.disposition == .succeeded)
        let answer = try #require(first.finalText)
        #expect(answer.contains("21"), "the answer uses the tool's result: \(answer)")
        var transcript = first.transcript
        transcript.appendUser("And what should I wear there? Answer in one sentence.")
        let second = try await loop.run(transcript)
        #expect(second.finalText?.isEmpty == false)
        #expect(second.transcript.messages.count > first.transcript.messages.count)
    }

    @Test("streamed: the same question over stream: true, the call assembled from deltas, the answer as text deltas")
    func streamed() async throws {
        let calls = MutexCounter()
        var options = ToolLoop.Options()
        options.streams = true
        let loop = Self.loop(try Self.weatherToolbox(calls: calls), options: options)
        let texts = MutexTexts()
        let result = try await loop.run(Transcript(api: .openAI, prompt: "What is the weather in Beijing right now?")) {
            event in
            if case .textDelta(_, let text) = event { texts.append(text) }
        }
        #expect(calls.value >= 1)
        #expect(result.steps.first?.calls.first?.disposition == .succeeded)
        let answer = try #require(result.finalText)
        #expect(texts.joined == answer, "the text deltas add up to the answer")
        #expect(answer.contains("21"), "the answer uses the tool's result: \(answer)")
        #expect(result.usage.inputTokens > 0, "usage arrives with stream_options.include_usage")
    }

    @Test("the request bound stops the loop with the call answered; the real server accepts the transcript again")
    func boundThenResend() async throws {
        let calls = MutexCounter()
        var options = ToolLoop.Options()
        options.maxRequests = 1
        let bounded = Self.loop(try Self.weatherToolbox(calls: calls), options: options)
        let error = await #expect(throws: ToolLoopError.self) {
            try await bounded.run(Transcript(api: .openAI, prompt: "What is the weather in Shanghai?"))
        }
        #expect(error?.reason == .requestLimit(1))
        let partial = try #require(error?.partial)
        #expect(partial.transcript.messages.last?["role"] == "tool")
        let resumed = try await Self.loop(try Self.weatherToolbox(calls: calls)).run(partial.transcript)
        #expect(resumed.finalText?.isEmpty == false)
    }

    @Test("a tool that never helps: the repeat detector or the request bound ends the loop")
    func unhelpfulTool() async throws {
        var toolbox = Toolbox()
        try toolbox.add(
            ToolSpec(
                name: "get_stock_price",
                description: "Get the price of a stock by its ticker symbol.",
                parameters: ["type": "object", "properties": ["ticker": ["type": "string"]], "required": ["ticker"]]
            )
        ) { _ in "temporarily unavailable, call again" }
        var options = ToolLoop.Options()
        options.maxRequests = 6
        let loop = Self.loop(toolbox, options: options)
        do {
            let result = try await loop.run(
                Transcript(api: .openAI, prompt: "What is the price of GOOGL? Use the tool.")
            )
            #expect(result.steps.count <= 6)
        } catch {
            switch error.reason {
            case .repeatedCall, .requestLimit, .repairBudgetExhausted: break
            default: Issue.record("unexpected stop: \(error)")
            }
            #expect(error.partial.transcript.messages.last?["role"] == "tool")
        }
    }
}

enum LiveServer {
    static let baseURL: String? = {
        let value = ProcessInfo.processInfo.environment["MODEL_BASE_URL"]
        return value?.isEmpty == false ? value : nil
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

final class MutexCounter: Sendable {
    private let box = MutexBox(0)
    func increment() { box.mutate { $0 += 1 } }
    var value: Int { box.value }
}

/// Text pieces collected from any task.
final class MutexTexts: Sendable {
    private let box = MutexBox<[String]>([])
    func append(_ text: String) { box.mutate { $0.append(text) } }
    var joined: String { box.value.joined() }
}
