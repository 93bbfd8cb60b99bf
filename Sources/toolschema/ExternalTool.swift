import Dispatch
import Foundation
import ToolSchemaCLI

/// A tool answered by a program: the checked arguments as JSON on its stdin, its stdout the
/// result, a non-zero exit its error. No shell is involved.
struct ExternalTool: Sendable {
    var name: String
    /// The program (absolute, or found on PATH) and its arguments.
    var commandLine: [String]

    /// Why a program did not give a result.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Splits a command line into arguments the way a POSIX shell would for words: spaces
    /// separate, single quotes keep everything, double quotes keep all but `\"` and `\\`,
    /// a backslash outside quotes keeps the next character. Nothing is expanded.
    static func split(_ line: String) throws(CLIFailure) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character? = nil
        var escaped = false
        for c in line {
            if escaped {
                word.append(c)
                escaped = false
                continue
            }
            switch quote {
            case "'":
                if c == "'" { quote = nil } else { word.append(c) }
            case "\"":
                if c == "\"" {
                    quote = nil
                } else if c == "\\" {
                    escaped = true
                } else {
                    word.append(c)
                }
            default:
                if c == " " || c == "\t" || c == "\n" {
                    if inWord { words.append(word) }
                    word = ""
                    inWord = false
                } else if c == "'" || c == "\"" {
                    quote = c
                    inWord = true
                } else if c == "\\" {
                    escaped = true
                    inWord = true
                } else {
                    word.append(c)
                    inWord = true
                }
            }
        }
        if quote != nil || escaped {
            throw CLIFailure(
                message: "the command line \(line.debugDescription) ends inside a quote or after a backslash"
            )
        }
        if inWord { words.append(word) }
        return words
    }

    /// The program's path: as given when it contains a slash, else the first match on PATH.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs the program with `input` on stdin; cancellation terminates it.
    func run(input: [UInt8]) async throws -> String {
        guard let program = commandLine.first, let path = Self.resolve(program) else {
            throw Failure(description: "the command for \(name) cannot be run: \(commandLine.first ?? "") not found")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = Array(commandLine.dropFirst())
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let running = RunningProcess(process: process)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: Failure(description: "\(program) could not start: \(error)"))
                    return
                }
                DispatchQueue.global().async {
                    let group = DispatchGroup()
                    nonisolated(unsafe) var out = Data()
                    nonisolated(unsafe) var err = Data()
                    group.enter()
                    DispatchQueue.global().async {
                        out = stdout.fileHandleForReading.readDataToEndOfFile()
                        group.leave()
                    }
                    group.enter()
                    DispatchQueue.global().async {
                        err = stderr.fileHandleForReading.readDataToEndOfFile()
                        group.leave()
                    }
                    // A program that exits without reading stdin must not end this one (SIGPIPE is
                    // ignored by the command; the write error is ignored here).
                    try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
                    try? stdin.fileHandleForWriting.close()
                    group.wait()
                    process.waitUntilExit()
                    let result = String(decoding: out, as: UTF8.self)
                    if process.terminationReason == .exit && process.terminationStatus == 0 {
                        continuation.resume(returning: result.hasSuffix("\n") ? String(result.dropLast()) : result)
                    } else {
                        var message = String(decoding: err, as: UTF8.self).trimmingCharacters(
                            in: .whitespacesAndNewlines
                        )
                        if message.isEmpty { message = result.trimmingCharacters(in: .whitespacesAndNewlines) }
                        let status =
                            process.terminationReason == .exit
                            ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
                        continuation.resume(
                            throwing: Failure(description: message.isEmpty ? "\(status)" : "\(status): \(message)")
                        )
                    }
                }
            }
        } onCancel: {
            running.terminate()
        }
    }
}

/// A started process that cancellation may terminate from another thread.
final class RunningProcess: @unchecked Sendable {
    private let process: Process
    private let lock = NSLock()

    init(process: Process) { self.process = process }

    func terminate() {
        lock.lock()
        defer { lock.unlock() }
        if process.isRunning { process.terminate() }
    }
}
