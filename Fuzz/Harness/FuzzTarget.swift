import JSONCore
import ToolSchema

/// The fuzz targets: one per entry point that reads untrusted bytes. Each treats its input as
/// hostile: ``failure(for:)`` is nil for every input the code handles as documented, and a
/// ``FuzzFailure`` when a property the library promises does not hold.
///
/// `scripts/fuzz TARGET [SECONDS]` runs one under libFuzzer (``run(_:)`` stops the process on
/// a failure, so libFuzzer saves the input); `swift test` replays the committed corpus and
/// every saved crash through ``failure(for:)``, and feeds it generated inputs.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The strict parser, beside Foundation's `JSONSerialization` (the same decision and equal
    /// values, except the differences ``ParserDifferential`` documents).
    case parse
    /// The repairing parser: valid JSON unchanged, its own output unchanged, every repair
    /// inside the input.
    case repair
    /// The writer: `parse(write(v)) == v` for compact, pretty and sorted output.
    case roundTrip = "round-trip"
    /// The incremental parser fed in random chunks, against the whole-text parser; and the
    /// streaming check's early verdict against the final check.
    case incremental
    /// YAML loading through libyaml: values, positions and errors.
    case yaml
    /// A fuzzed schema: compile it, validate sample values with it, and lint it as a tool's
    /// parameters.
    case compile
    /// A fuzzed instance against a schema from `schemas/` or the conformance suite.
    case validate
    /// `check(arguments:)` in every mode against the specs in `schemas/`.
    case check
    /// The regex engine: compile a fuzzed pattern, match fuzzed text, table against VM.
    case regex
    /// Hints for every invalid outcome: within the budget, the same every time.
    case hints
    /// Typed decoding into derived types, against `JSONDecoder` on the checked value.
    case decode
    /// The SSE reader in random chunkings, then the stream assembler for each API.
    case sse

    /// Checks one input: nil when every promise held, else the first that did not.
    public func failure(for bytes: [UInt8]) -> FuzzFailure? {
        do throws(FuzzFailure) {
            switch self {
            case .parse: try JSONTargets.parse(bytes)
            case .repair: try JSONTargets.repair(bytes)
            case .roundTrip: try JSONTargets.roundTrip(bytes)
            case .incremental: try JSONTargets.incremental(bytes)
            case .yaml: try SchemaTargets.yaml(bytes)
            case .compile: try SchemaTargets.compile(bytes)
            case .validate: try SchemaTargets.validate(bytes)
            case .check: try SchemaTargets.check(bytes)
            case .regex: try SchemaTargets.regex(bytes)
            case .hints: try SchemaTargets.hints(bytes)
            case .decode: try DecodeTarget.decode(bytes)
            case .sse: try StreamTarget.sse(bytes)
            }
            return nil
        } catch {
            return error
        }
    }

    /// Loads what the target checks against (the specs in `schemas/`, the conformance schemas) before the first input, so that libFuzzer's per-input timeout
    /// measures the input and not the one-time setup (compiling every conformance schema
    /// takes seconds under AddressSanitizer).
    public func prepare() {
        switch self {
        case .validate: _ = Fixtures.schemas.count
        case .check, .hints, .incremental: _ = Fixtures.tools.count
        case .parse, .decode, .repair, .roundTrip, .yaml, .compile, .regex, .sse: break
        }
    }

    /// Runs one input under libFuzzer: a broken promise stops the process, so that libFuzzer
    /// saves the input as a crash.
    public func run(_ input: UnsafeBufferPointer<UInt8>) {
        if let failure = failure(for: [UInt8](input)) { fatalError("fuzz property failed: \(failure)") }
    }

    /// The C entry point libFuzzer calls (`LLVMFuzzerTestOneInput`'s shape) for this target.
    public var entryPoint: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt {
        switch self {
        case .parse:
            {
                FuzzTarget.parse.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .repair:
            {
                FuzzTarget.repair.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .roundTrip:
            {
                FuzzTarget.roundTrip.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .incremental:
            {
                FuzzTarget.incremental.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .yaml:
            {
                FuzzTarget.yaml.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .compile:
            {
                FuzzTarget.compile.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .validate:
            {
                FuzzTarget.validate.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .check:
            {
                FuzzTarget.check.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .regex:
            {
                FuzzTarget.regex.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .hints:
            {
                FuzzTarget.hints.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .decode:
            {
                FuzzTarget.decode.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        case .sse:
            {
                FuzzTarget.sse.run(UnsafeBufferPointer(start: $0, count: $1)); return 0
            }
        }
    }
}

/// A promise a target states that did not hold for an input: what, and where the harness
/// checks it.
public struct FuzzFailure: Error, CustomStringConvertible, Sendable {
    /// What did not hold.
    public var message: String
    /// The harness file and line of the check.
    public var location: String

    /// The message and the location, on one line.
    public var description: String { "\(message) (\(location))" }
}

/// A broken promise: fails the input with `message`.
func fail(
    _ message: @autoclosure () -> String,
    file: StaticString = #fileID,
    line: UInt = #line
) throws(FuzzFailure) -> Never {
    throw FuzzFailure(message: message(), location: "\(file):\(line)")
}

/// Checks a promise; see ``fail(_:file:line:)``.
func require(
    _ condition: Bool,
    _ message: @autoclosure () -> String,
    file: StaticString = #fileID,
    line: UInt = #line
) throws(FuzzFailure) {
    if !condition { try fail(message(), file: file, line: line) }
}

/// The exact text of a value, keys in their order: equal values that are written differently
/// (`1.0` and `1`, or strings equal only by Unicode canonical equivalence) differ here.
func exact(_ value: JSONValue) -> [UInt8] { JSONWriter().bytes(value) }

/// Splits an input into chunks whose sizes come from the input's first byte: the same input
/// always gives the same chunking, and libFuzzer explores chunkings as it explores bytes.
struct Chunking {
    private var state: UInt64

    init(seed: UInt8) { state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// The next chunk length, 1 to 16 bytes, sometimes a single byte for a long run.
    mutating func next() -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % 16) + 1
    }

    /// `bytes` cut into chunks.
    mutating func chunks(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + next())
            out.append(bytes[start..<end])
            start = end
        }
        return out
    }
}

extension FuzzTarget {
    /// The declared parameter names of each spec the `check`, `incremental` and `hints`
    /// targets read, in the order their first byte selects them.
    public static var toolParameters: [[String]] {
        Fixtures.tools.map { $0.validator.schema["properties"]?.objectValue?.keys ?? [] }
    }
}
