import ArgumentParser
import Foundation
import ToolSchema
import ToolSchemaCLI

/// `toolschema bench`: time parse, validate and check on your own schema and arguments.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure strict parse, validate and check on your own schema and arguments.",
        discussion: """
            Reports the median and spread (25th to 75th percentile) in nanoseconds per operation, \
            MB/s and the operations timed, so results can be compared with tools in other languages \
            on identical input. Each step runs for about --seconds (default 1): the operation count \
            is calibrated to it, so large inputs do not run for minutes. Timings on shared machines \
            vary; compare within one run. Allocation counts per operation come from the \
            package-benchmark suite (see Performance in the docs), which counts mallocs.
            Exit status: 0 measured, 2 usage, I/O, or a schema that cannot be compiled.
            """
    )

    @Option(help: "The spec or JSON Schema file.")
    var schema: String

    @Option(help: "The tool to measure, when the file holds several.")
    var tool: String?

    @Option(help: "The file holding the arguments text.")
    var argumentsFile: String

    @Option(help: "strict, coerce or repair (for check).")
    var mode: CheckMode = .repair

    @OptionGroup var schemaOptions: SchemaOptions

    @Option(help: "Seconds to spend on each step; the operation count is calibrated to it (default 1).")
    var seconds: Double?

    @Option(help: "Operations to time per step, instead of a time budget.")
    var iterations: Int?

    @Option(help: "text or json.")
    var format: ResultFormat = .text

    @Option(
        help: ArgumentHelp(
            "Time only this step (parse, validate or check; repeat for several), e.g. to count its instructions.",
            valueName: "step"
        )
    )
    var step: [BenchmarkStep] = []

    func validate() throws {
        if Set(step).count != step.count { throw ValidationError("each --step may be given once") }
        if seconds != nil && iterations != nil { throw ValidationError("give --seconds or --iterations, not both") }
        if let iterations, iterations <= 0 { throw ValidationError("--iterations must be positive") }
        if let seconds, !(seconds > 0 && seconds <= 600) {
            throw ValidationError("--seconds must be more than 0 and at most 600")
        }
    }

    func run() throws {
        let (validator, _) = try SpecLoading.validator(
            schema: schema,
            tool: tool,
            assertFormats: true,
            schemaOptions: schemaOptions
        )
        let text = String(decoding: try Input.read(argumentsFile).bytes, as: UTF8.self)
        let length: BenchmarkLength = iterations.map { .iterations($0) } ?? .seconds(seconds ?? 1)
        let steps = step.isEmpty ? Set(BenchmarkStep.allCases) : Set(step)
        let m = validator.measure(arguments: text, mode: mode, length: length, steps: steps)
        let timed: [(BenchmarkStep, ArgumentBenchmark.Timing)] = [
            (.parse, m.parse), (.validate, m.validate), (.check, m.check),
        ].compactMap { name, timing in timing.map { (name, $0) } }
        switch format {
        case .json:
            var value: JSONValue = [
                "bytes": .number(JSONNumber(m.bytes)),
                "iterations": .number(JSONNumber(m.iterations)),
            ]
            var operations = JSONObject()
            for (name, timing) in timed {
                value["\(name.rawValue)_ns"] = .number(JSONNumber(Int(timing.median.rounded())))
                operations[name.rawValue] = .number(JSONNumber(timing.operations))
            }
            value["operations"] = .object(operations)
            Console.out(value.jsonString() + "\n")
        case .text:
            func row(_ name: String, _ t: ArgumentBenchmark.Timing) -> String {
                let mbs = m.megabytesPerSecond(t)
                return name.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + "median \(Self.format(t.median)) ns/op   (\(Self.format(t.p25))–\(Self.format(t.p75)))   \(Self.format(mbs)) MB/s   \(t.operations) ops"
            }
            let per = iterations.map { "\($0) operations per step" } ?? "about \(Self.seconds(seconds ?? 1)) s per step"
            let rows = timed.map { row($0.rawValue, $1) }.joined(separator: "\n")
            Console.out("\(m.bytes) bytes, \(per)\n\(rows)\n")
        }
    }

    /// `1` for one second, `0.25` for a quarter.
    static func seconds(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    static func format(_ x: Double) -> String {
        x >= 100 ? String(Int(x.rounded())) : String(Double(Int(x * 10)) / 10)
    }
}
