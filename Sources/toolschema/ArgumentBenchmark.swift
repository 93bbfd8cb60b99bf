import ToolSchema

/// Timing of the three steps on one input, for `toolschema bench` and for comparing with other
/// tools on identical input.
struct ArgumentBenchmark: Sendable, Hashable {
    /// Nanoseconds per operation: the median over batches, and the 25th and 75th percentiles.
    struct Timing: Sendable, Hashable {
        /// The median, in nanoseconds per operation.
        public var median: Double
        /// The 25th percentile, in nanoseconds per operation.
        public var p25: Double
        /// The 75th percentile, in nanoseconds per operation.
        public var p75: Double
        /// The operations timed.
        public var operations: Int
    }

    /// The size of the arguments text in bytes.
    var bytes: Int
    /// The most operations timed in one step.
    var iterations: Int
    /// The strict parse of the text, when it was timed.
    var parse: Timing?
    /// Validation of the already-parsed value, when it was timed.
    var validate: Timing?
    /// `check(arguments:)` from the text in the chosen mode, when it was timed.
    var check: Timing?

    /// Megabytes (10^6 bytes) per second at a timing's median.
    func megabytesPerSecond(_ t: Timing) -> Double { t.median > 0 ? Double(bytes) / t.median * 1_000 : 0 }
}

/// One of the operations `toolschema bench` times.
enum BenchmarkStep: String, CaseIterable, Sendable, Hashable {
    case parse, validate, check
}

/// How many operations a step times: a fixed count, or as many as fit in a time budget.
enum BenchmarkLength: Sendable, Hashable {
    case iterations(Int)
    case seconds(Double)
}

extension Validator {
    /// Times strict parse, validate and check on `text` and reports the median and spread of
    /// the per-operation times over batches.
    ///
    /// With a time budget, each step is calibrated first (doubling runs until one takes a
    /// twentieth of the budget), so a 34-byte call and a 1 MB one both take about the budget:
    /// fast steps get enough operations for a stable median, slow ones do not run for minutes.
    /// Wall-clock timings on shared machines vary; compare results taken in one run.
    func measure(
        arguments text: String,
        mode: CheckMode = .repair,
        length: BenchmarkLength = .seconds(1),
        steps: Set<BenchmarkStep> = Set(BenchmarkStep.allCases)
    ) -> ArgumentBenchmark {
        let bytes = Array(text.utf8)
        let value = (try? JSONParser().parse(bytes)) ?? .null
        let clock = ContinuousClock()
        func nanoseconds(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
        }
        var counted = 0
        func time(_ body: () -> Void) -> ArgumentBenchmark.Timing {
            let batches: Int
            let perBatch: Int
            switch length {
            case .iterations(let n):
                batches = max(1, min(50, n / 10))
                perBatch = max(1, n / batches)
                for _ in 0..<min(perBatch, 100) { body() }  // warm up
            case .seconds(let budget):
                // Calibrate: double the run until it takes a twentieth of the budget (which
                // also warms up), then split the budget into 20 batches of that size.
                batches = 20
                var n = 1
                while true {
                    let start = clock.now
                    for _ in 0..<n { body() }
                    let elapsed = nanoseconds(clock.now - start)
                    if elapsed >= budget * 1e9 / 20 || n >= 1 << 30 {
                        perBatch = max(1, Int(Double(n) * budget * 1e9 / 20 / max(elapsed, 1)))
                        break
                    }
                    n *= 2
                }
            }
            var samples: [Double] = []
            samples.reserveCapacity(batches)
            for _ in 0..<batches {
                let start = clock.now
                for _ in 0..<perBatch { body() }
                samples.append(nanoseconds(clock.now - start) / Double(perBatch))
            }
            counted = max(counted, batches * perBatch)
            samples.sort()
            func at(_ q: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count - 1) * q + 0.5))] }
            return ArgumentBenchmark.Timing(
                median: at(0.5),
                p25: at(0.25),
                p75: at(0.75),
                operations: batches * perBatch
            )
        }
        var sink = 0
        // Only the steps asked for run, so that a profiler sees one operation alone.
        let parse = steps.contains(.parse) ? time { if (try? JSONParser().parse(bytes)) != nil { sink &+= 1 } } : nil
        let validate = steps.contains(.validate) ? time { if isValid(value) { sink &+= 1 } } : nil
        let check =
            steps.contains(.check) ? time { if self.check(arguments: text, mode: mode).isValid { sink &+= 1 } } : nil
        withExtendedLifetime(sink) {}
        return ArgumentBenchmark(
            bytes: bytes.count,
            iterations: counted,
            parse: parse,
            validate: validate,
            check: check
        )
    }
}
