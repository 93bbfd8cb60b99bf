import Benchmark
import Foundation
import Synchronization
import ToolCalling

/// The loop's own cost, without the network or a handler: an in-memory transport answers
/// with a weather call, then with text. One run is two requests: writing both bodies (tools
/// included), parsing both responses, checking and decoding the call, running the (empty)
/// handler and building the answer.
struct CannedTransport: ChatTransport {
    let replies: [[UInt8]]
    let counter = Counter()

    final class Counter: Sendable {
        let value = Mutex(0)
        func next() -> Int {
            value.withLock { v in
                defer { v += 1 }; return v
            }
        }
    }

    func send(_ request: HTTPRequestData, timeout: Duration) async throws -> HTTPResponseData {
        HTTPResponseData(status: 200, body: replies[counter.next() % replies.count])
    }
}

struct GetWeather: ToolArguments {
    var city: String
    var unit: Unit?
    enum Unit: String, Decodable, CaseIterable { case celsius, fahrenheit }
    static let toolDescription: String? = "Get the current weather in a city."
}

func reply(calls: Int) -> [UInt8] {
    let cities = ["Beijing", "Shanghai", "Chengdu", "Xi'an"]
    let list = (1...calls).map { i in
        #"{"id":"call_\#(i)","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"\#(cities[i - 1])\", \"unit\": \"celsius\"}"}}"#
    }.joined(separator: ",")
    return Array(
        (#"{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":["#
            + list
            + #"]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":120,"completion_tokens":20,"total_tokens":140}}"#)
            .utf8
    )
}

let text = Array(
    #"{"id":"chatcmpl-2","object":"chat.completion","created":1700000001,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"It is sunny in Beijing."},"finish_reason":"stop"}],"usage":{"prompt_tokens":160,"completion_tokens":8,"total_tokens":168}}"#
        .utf8
)

let benchmarks: @Sendable () -> Void = {
    let inCI = ProcessInfo.processInfo.environment["CI"] != nil
    Benchmark.defaultConfiguration = .init(
        metrics: inCI ? [.mallocCountTotal] : [.wallClock, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(inCI ? 1 : 2),
        thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 20])]
    )
    var toolbox = Toolbox()
    try! toolbox.add(GetWeather.self) { weather in "Sunny, 24 °C in \(weather.city)" }
    let configuration = ChatConfiguration(api: .openAI, baseURL: "http://127.0.0.1:1/v1", model: "m")
    let transcript = Transcript(api: .openAI, prompt: "What is the weather in Beijing?")
    for calls in [1, 4] {
        let loop = ToolLoop(
            configuration: configuration,
            toolbox: toolbox,
            transport: CannedTransport(replies: [reply(calls: calls), text]),
            retry: .none
        )
        Benchmark("ToolLoop.run.\(calls == 1 ? "oneCall" : "fourCalls")") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try await loop.run(transcript))
            }
        }
    }
}
