import ArgumentParser
import Foundation
import ToolSchema

/// `toolschema bench`: time parse, validate and check on your own schema and arguments.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure strict parse, validate and check on your own schema and arguments.",
        discussion: """
            Reports the median and spread (25th to 75th percentile) in nanoseconds per operation, \
            and MB/s, so results can be compared with tools in other languages on identical input. \
            Timings on shared machines vary; compare within one run.
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

    @Option(help: "Operations timed per step.")
    var iterations: Int = 10_000

    @Option(help: "text or json.")
    var format: ResultFormat = .text

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
    }

    func run() throws {
        let (validator, _) = try SpecLoading.validator(
            schema: schema,
            tool: tool,
            assertFormats: true,
            schemaOptions: schemaOptions
        )
        let text = String(decoding: try Input.read(argumentsFile).bytes, as: UTF8.self)
        let m = validator.measure(arguments: text, mode: mode, iterations: iterations)
        switch format {
        case .json:
            let value: JSONValue = [
                "bytes": .number(JSONNumber(m.bytes)),
                "iterations": .number(JSONNumber(m.iterations)),
                "parse_ns": .number(JSONNumber(Int(m.parse.median.rounded()))),
                "validate_ns": .number(JSONNumber(Int(m.validate.median.rounded()))),
                "check_ns": .number(JSONNumber(Int(m.check.median.rounded()))),
            ]
            Console.out(value.jsonString() + "\n")
        case .text:
            func row(_ name: String, _ t: ArgumentBenchmark.Timing) -> String {
                let mbs = m.megabytesPerSecond(t)
                return name.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + "median \(Self.format(t.median)) ns/op   (\(Self.format(t.p25))–\(Self.format(t.p75)))   \(Self.format(mbs)) MB/s"
            }
            Console.out(
                """
                \(m.bytes) bytes, \(m.iterations) iterations per step
                \(row("parse", m.parse))
                \(row("validate", m.validate))
                \(row("check", m.check))

                """
            )
        }
    }

    static func format(_ x: Double) -> String {
        x >= 100 ? String(Int(x.rounded())) : String(Double(Int(x * 10)) / 10)
    }
}
