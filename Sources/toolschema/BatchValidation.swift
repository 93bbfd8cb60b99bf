import Dispatch
import Foundation
import Synchronization
import ToolSchema
import ToolSchemaCLI

/// `validate --batch`: JSON Lines from a file descriptor, checked on every core, one result
/// line per input line, in input order, in constant memory.
///
/// Input is read in blocks of whole lines (about 4 MB, at most 8,192 lines); the lines of a
/// block are checked in parallel, the workers taking lines in turn, and a block's results are
/// written in order while the next block is checked: one block of input and two of results
/// are held at most. A line is its bytes as they are: no decoding into a `String` first, so
/// invalid UTF-8 is the parser's error at its byte, not a silent replacement character.
struct BatchValidation {
    let validator: Validator
    let toolName: String?
    let mode: CheckMode
    let options: Validator.CheckOptions
    var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    static let blockBytes = 4 << 20
    static let blockLines = 8_192

    /// Checks every line readable from `input`, writing results to stdout; returns whether
    /// all were valid.
    func run(input: Int32) throws(CLIFailure) -> Bool {
        var reader = LineReader(descriptor: input)
        var allValid = true
        var previous: [[UInt8]] = []
        while true {
            let block = try reader.nextBlock(maxBytes: Self.blockBytes, maxLines: Self.blockLines)
            if block.lines.isEmpty { break }
            let (results, valid) = check(block, writingMeanwhile: previous)
            allValid = allValid && valid
            previous = results
        }
        Self.write(previous)
        return allValid
    }

    /// Writes results in order, each followed by a newline, in one write.
    static func write(_ results: [[UInt8]]) {
        guard !results.isEmpty else { return }
        var text: [UInt8] = []
        text.reserveCapacity(results.reduce(results.count) { $0 + $1.count })
        for r in results {
            text += r
            text.append(0x0A)
        }
        Console.out(bytes: text)
    }

    /// The results of one block's lines, in order, and whether all were valid. The previous
    /// block's results are written meanwhile, by the first worker before it takes lines, so
    /// output overlaps checking.
    func check(_ block: LineReader.Block, writingMeanwhile earlier: [[UInt8]]) -> ([[UInt8]], Bool) {
        let count = block.lines.count
        var results = [[UInt8]](repeating: [], count: count)
        var valid = [Bool](repeating: true, count: count)
        let next = Counter()
        results.withUnsafeMutableBufferPointer { results in
            valid.withUnsafeMutableBufferPointer { valid in
                block.bytes.withUnsafeBufferPointer { bytes in
                    let shared = Shared(results: results, valid: valid, bytes: bytes)
                    // Workers take lines in turn from a shared counter; each slot is written
                    // by the one worker that took its line.
                    DispatchQueue.concurrentPerform(iterations: max(1, workers)) { w in
                        if w == 0 { Self.write(earlier) }
                        while true {
                            let k = next.take()
                            if k >= count { break }
                            let line = UnsafeBufferPointer(rebasing: shared.bytes[block.lines[k]])
                            let result = validator.check(arguments: line.span, mode: mode, options: options)
                            shared.valid[k] = result.isValid
                            shared.results[k] = JSONWriter().bytes(result.json(tool: toolName, validator: validator))
                        }
                    }
                }
            }
        }
        return (results, !valid.contains(false))
    }
}

/// The next line to check, taken by one worker at a time.
private final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}

/// The block's buffers as the workers see them. Unchecked: `concurrentPerform` returns only
/// when every worker has finished, so the buffers outlive their use, and no two workers
/// touch the same slot (a slot belongs to the worker that took its line from the counter);
/// the input is only read.
private struct Shared: @unchecked Sendable {
    let results: UnsafeMutableBufferPointer<[UInt8]>
    let valid: UnsafeMutableBufferPointer<Bool>
    let bytes: UnsafeBufferPointer<UInt8>
}

/// Whole lines from a file descriptor, a block at a time: a line ends at `\n` (a `\r` before
/// it is dropped), and the last line needs no newline.
struct LineReader {
    let descriptor: Int32
    /// Bytes read but not yet handed out: the start of a line that did not fit.
    private var pending: [UInt8] = []
    private var atEnd = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// A block's bytes and the range of each line in them (without its line end).
    struct Block {
        var bytes: [UInt8]
        var lines: [Range<Int>]
    }

    /// The next whole lines, at least one unless the input has ended: as many as fit in
    /// `maxBytes` (a longer line is read whole) up to `maxLines`.
    mutating func nextBlock(maxBytes: Int, maxLines: Int) throws(CLIFailure) -> Block {
        var bytes = pending
        pending = []
        var lines: [Range<Int>] = []
        var start = 0
        var scanned = 0
        while true {
            // Cut whole lines out of what is here.
            while lines.count < maxLines, let newline = bytes[scanned...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                lines.append(start..<end)
                start = newline + 1
                scanned = start
            }
            scanned = bytes.count
            if lines.count >= maxLines || (!lines.isEmpty && bytes.count >= maxBytes) { break }
            if atEnd {
                if start < bytes.count {
                    var end = bytes.count
                    if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                    lines.append(start..<end)
                    start = bytes.count
                }
                break
            }
            try readMore(into: &bytes, wanting: max(1 << 16, maxBytes - bytes.count))
        }
        pending = Array(bytes[start...])
        bytes.removeSubrange(start...)
        return Block(bytes: bytes, lines: lines)
    }

    /// Appends up to `wanting` bytes read from the descriptor; marks the end of input.
    private mutating func readMore(into bytes: inout [UInt8], wanting: Int) throws(CLIFailure) {
        let old = bytes.count
        bytes.reserveCapacity(old + wanting)
        bytes.append(contentsOf: repeatElement(0, count: wanting))
        let got = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            // Not empty: `wanting` bytes were just appended.
            guard let base = buffer.baseAddress else { return 0 }
            while true {
                let n = read(descriptor, base + old, wanting)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
        guard got >= 0 else {
            bytes.removeSubrange(old...)
            throw CLIFailure(message: "cannot read stdin: \(String(cString: strerror(errno)))")
        }
        bytes.removeSubrange((old + got)...)
        if got == 0 { atEnd = true }
    }
}
