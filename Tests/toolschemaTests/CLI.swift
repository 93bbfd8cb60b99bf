import Foundation
import Testing

/// Runs the built `toolschema` binary as a process.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary sits next to the test bundle that `swift test` built.
    static let binary = program("toolschema")

    /// A program this package builds (`toolschema`, `toolschema-lint`), next to the test bundle.
    static func program(_ name: String) -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // On Linux the runner is `<build>/debug/ToolSchemaPackageTests.xctest`; on Darwin it is
        // inside the bundle.
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/" + name)
    }

    /// Runs `toolschema` with `arguments`, feeding `stdin`; the working directory is the
    /// package root so relative paths like `schemas/…` work. Output goes through temporary
    /// files, so large outputs cannot deadlock on a pipe.
    static func run(
        _ arguments: [String],
        stdin: String = "",
        workingDirectory: URL? = nil,
        environment: [String: String]? = nil,
        program: URL = binary
    ) throws -> Result {
        try run(
            arguments,
            stdinBytes: Array(stdin.utf8),
            workingDirectory: workingDirectory,
            environment: environment,
            program: program
        )
    }

    /// ``run(_:stdin:workingDirectory:environment:)`` with stdin as bytes, which need not be
    /// UTF-8.
    static func run(
        _ arguments: [String],
        stdinBytes: [UInt8],
        workingDirectory: URL? = nil,
        environment: [String: String]? = nil,
        program: URL = binary
    ) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toolschema-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("stdin")
        let outURL = dir.appendingPathComponent("stdout")
        let errURL = dir.appendingPathComponent("stderr")
        try Data(stdinBytes).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory ?? packageRoot
        if let environment { process.environment = environment }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// Writes `contents` to a new temporary file and returns its path.
    static func temporaryFile(_ contents: [UInt8], name: String = "input.json") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toolschema-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(contents).write(to: url)
        return url.path
    }
}
