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
    }

    /// The size of the arguments text in bytes.
    var bytes: Int
    /// Operations timed per step.
    var iterations: Int
    /// The strict parse of the text.
    var parse: Timing
    /// Validation of the already-parsed value.
    var validate: Timing
    /// `check(arguments:)` from the text in the chosen mode.
    var check: Timing

    /// Megabytes (10^6 bytes) per second at a timing's median.
    func megabytesPerSecond(_ t: Timing) -> Double { t.median > 0 ? Double(bytes) / t.median * 1_000 : 0 }
}

extension Validator {
    /// Times strict parse, validate and check on `text`, `iterations` times each, in batches,
    /// and reports the median and spread of the per-operation times.
    ///
    /// Wall-clock timings on shared machines vary; compare results taken in one run.
    func measure(
        arguments text: String,
        mode: CheckMode = .repair,
        iterations: Int = 10_000
    ) -> ArgumentBenchmark {
        let bytes = Array(text.utf8)
        let value = (try? JSONParser().parse(bytes)) ?? .null
        let batches = max(1, min(50, iterations / 10))
        let perBatch = max(1, iterations / batches)
        func time(_ body: () -> Void) -> ArgumentBenchmark.Timing {
            for _ in 0..<min(perBatch, 100) { body() }  // warm up
            var samples: [Double] = []
            samples.reserveCapacity(batches)
            let clock = ContinuousClock()
            for _ in 0..<batches {
                let start = clock.now
                for _ in 0..<perBatch { body() }
                let elapsed = clock.now - start
                let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
                samples.append(ns / Double(perBatch))
            }
            samples.sort()
            func at(_ q: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count - 1) * q + 0.5))] }
            return ArgumentBenchmark.Timing(median: at(0.5), p25: at(0.25), p75: at(0.75))
        }
        var sink = 0
        let parse = time { if (try? JSONParser().parse(bytes)) != nil { sink &+= 1 } }
        let validate = time { if isValid(value) { sink &+= 1 } }
        let check = time { if self.check(arguments: text, mode: mode).isValid { sink &+= 1 } }
        withExtendedLifetime(sink) {}
        return ArgumentBenchmark(
            bytes: bytes.count,
            iterations: batches * perBatch,
            parse: parse,
            validate: validate,
            check: check
        )
    }
}
