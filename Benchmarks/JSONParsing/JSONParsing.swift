import Benchmark
import BenchmarkFixtures
import Foundation
import JSONCore

let benchmarks: @Sendable () -> Void = {
    let inCI = ProcessInfo.processInfo.environment["CI"] != nil  // CI gates on allocations only
    // CI gates on allocation counts only (Thresholds/, p90). Absolute tolerances are in measured
    // units, which the kilo scaling makes per 1,000 calls: 2_000 allows two more (or fewer)
    // allocations per call before the check fails; an improvement past that also fails, so
    // that the budget gets updated.
    Benchmark.defaultConfiguration = .init(
        metrics: inCI ? [.mallocCountTotal] : [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(inCI ? 1 : 2),
        thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 2_000])]
    )

    let payloads: [(String, String)] = [
        ("weather", Fixtures.weather), ("booking", Fixtures.booking), ("order", Fixtures.order),
    ]
    for (name, text) in payloads {
        let bytes = Array(text.utf8)
        let data = Data(bytes)
        Benchmark("JSONParser.parse.\(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try JSONParser().parse(bytes)) }
        }
        Benchmark("JSONSerialization.jsonObject.\(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try JSONSerialization.jsonObject(with: data)) }
        }
    }

    // The bulk payload: fewer iterations, reported as throughput.
    let bulk = Array(Fixtures.bulk.utf8)
    let bulkData = Data(bulk)
    let large = Benchmark.Configuration(
        metrics: inCI ? [.mallocCountTotal] : [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(3),
        thresholds: [.mallocCountTotal: BenchmarkThresholds(relative: [.p90: 1.0])]
    )
    Benchmark("JSONParser.parse.bulk1MB", configuration: large) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONParser().parse(bulk)) }
    }
    Benchmark("JSONSerialization.jsonObject.bulk1MB", configuration: large) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONSerialization.jsonObject(with: bulkData)) }
    }

    // Streaming: the incremental parser fed 16-byte pieces (as a stream's deltas arrive),
    // beside the whole-text parse of the same bytes above. The goal is half its speed or better.
    for (name, text) in payloads where name != "weather" {
        let bytes = Array(text.utf8)
        let pieces = stride(from: 0, to: bytes.count, by: 16).map { Array(bytes[$0..<min($0 + 16, bytes.count)]) }
        Benchmark("IncrementalJSONParser.feed16.\(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                var parser = IncrementalJSONParser()
                for piece in pieces { parser.feed(piece) }
                blackHole(parser.status)
            }
        }
    }

    // Repairing parse of malformed model output, and repair's fast path on valid input.
    let malformed = Array(Fixtures.bookingMalformed.utf8)
    let booking = Array(Fixtures.booking.utf8)
    Benchmark("JSONParser.repair.bookingMalformed") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONParser().repair(malformed)) }
    }
    Benchmark("JSONParser.repair.bookingValid") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONParser().repair(booking)) }
    }

    // Writing.
    let order = try! JSONParser().parse(Fixtures.order)
    Benchmark("JSONWriter.bytes.order") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(JSONWriter().bytes(order)) }
    }
}
