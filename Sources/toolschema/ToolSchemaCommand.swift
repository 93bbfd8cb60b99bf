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
    /// The name to show in messages and the bytes; `-` or nil reads standard input.
    static func read(_ path: String?) throws(CLIFailure) -> (name: String, bytes: [UInt8]) {
        do {
            let source = try SpecFiles.read(path ?? "-")
            return (source.file, source.bytes)
        } catch {
            throw CLIFailure(message: error.message)
        }
    }

    /// The paths named, with directories expanded (see `SpecFiles.expand`); status 2 when one
    /// cannot be read.
    static func expand(_ paths: [String]) throws(CLIFailure) -> [String] {
        do { return try SpecFiles.expand(paths) } catch { throw CLIFailure(message: error.message) }
    }

    /// The specs in one file: a file that cannot be read or loaded ends the command with
    /// status 2, its error printed with its line and column.
    static func specs(_ path: String) throws -> (name: String, specs: [ToolSpec]) {
        let input = try read(path)
        do {
            return (input.name, try SpecFiles.specs(in: SourceText(file: input.name, bytes: input.bytes)))
        } catch {
            Console.error(error.rendered())
            throw ExitCode(2)
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
