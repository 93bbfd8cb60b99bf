import ArgumentParser
import Foundation
import ToolSchema

/// The `toolschema` command: thin subcommands over the libraries.
struct ToolSchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolschema",
        abstract: "Check, repair and validate LLM tool-call JSON.",
        discussion: """
            Exit status: 0 success, 1 the input is invalid, 2 usage or I/O error \
            (chat: 1 a bound was reached, 3 the provider failed).
            """,
        version: "toolschema \(ToolSchemaInfo.version) (libyaml \(LibYAML.version))",
        subcommands: [
            ParseCommand.self, ValidateCommand.self, LintCommand.self, DeriveCommand.self, BenchCommand.self,
            ChatCommand.self,
        ]
    )
}

/// Runs the command and maps every outcome to the documented exit status: ArgumentParser's
/// own usage errors (64) become 2, `--help` stays 0, and commands report 1 themselves.
@main
enum Entry {
    static func main() async {
        do {
            var command = try ToolSchemaCommand.parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CLIFailure {
            Console.error("toolschema: error: \(failure.message)")
            Foundation.exit(failure.status)
        } catch {
            let code = ToolSchemaCommand.exitCode(for: error)
            let message = ToolSchemaCommand.fullMessage(for: error)
            if code == .success {
                Console.out(message + "\n")
                Foundation.exit(0)
            }
            Console.error(message)
            Foundation.exit(2)
        }
    }
}

/// An error the command reports with one line on stderr and a status.
struct CLIFailure: Error {
    var message: String
    var status: Int32 = 2
}

/// Writing to the standard streams.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func out(bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes `text` and a line break to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Reading a command's input: a file, or stdin for `-` or no path.
enum Input {
    /// The name to show in messages and the bytes.
    static func read(_ path: String?) throws(CLIFailure) -> (name: String, bytes: [UInt8]) {
        guard let path, path != "-" else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return ("<stdin>", [UInt8](data))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIFailure(message: "cannot read '\(path)': no such file")
        }
        if isDirectory.boolValue { throw CLIFailure(message: "cannot read '\(path)': it is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CLIFailure(message: "cannot read '\(path)': permission denied")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return (path, [UInt8](data))
        } catch {
            throw CLIFailure(message: "cannot read '\(path)': \(error.localizedDescription)")
        }
    }
}

/// ANSI styling, used only when the stream is a terminal and NO_COLOR is not set.
struct Style {
    var enabled: Bool

    static func forStandardError() -> Style {
        let environment = ProcessInfo.processInfo.environment
        let terminal = isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        return Style(enabled: terminal)
    }

    func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
