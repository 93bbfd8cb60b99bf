package import ArgumentParser
import Foundation
package import ToolSchema

/// Runs a command-line program's root command and maps every outcome to the documented exit
/// status: ArgumentParser's own usage errors (64) become 2, `--help` and `--version` stay 0,
/// and commands report 1 (and 3) themselves.
package enum CommandEntry {
    package static func run(_ root: any ParsableCommand.Type) async -> Never {
        do {
            var command = try root.parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CLIFailure {
            Console.error("\(root.configuration.commandName ?? "toolschema"): error: \(failure.message)")
            Foundation.exit(failure.status)
        } catch {
            let code = root.exitCode(for: error)
            let message = root.fullMessage(for: error)
            if code == .success {
                Console.out(message + "\n")
                Foundation.exit(0)
            }
            Console.error(message)
            Foundation.exit(2)
        }
    }

    /// What `--version` prints for `program`: the package's version (the one SARIF reports)
    /// and the libyaml it runs on.
    package static func version(of program: String) -> String {
        "\(program) \(ToolSchemaInfo.version) (libyaml \(LibYAML.version))"
    }
}

/// An error the command reports with one line on stderr and a status.
package struct CLIFailure: Error {
    package var message: String
    package var status: Int32 = 2

    package init(message: String, status: Int32 = 2) {
        self.message = message
        self.status = status
    }
}

/// Writing to the standard streams.
package enum Console {
    package static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    package static func out(bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes `text` and a line break to stderr.
    package static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Reading a command's input: a file, or stdin for `-` or no path.
package enum Input {
    /// The name to show in messages and the bytes; `-` or nil reads standard input.
    package static func read(_ path: String?) throws(CLIFailure) -> (name: String, bytes: [UInt8]) {
        do {
            let source = try SpecFiles.read(path ?? "-")
            return (source.file, source.bytes)
        } catch {
            throw CLIFailure(message: error.message)
        }
    }

    /// The paths named, with directories expanded (see `SpecFiles.expand`); status 2 when one
    /// cannot be read.
    package static func expand(_ paths: [String]) throws(CLIFailure) -> [String] {
        do { return try SpecFiles.expand(paths) } catch { throw CLIFailure(message: error.message) }
    }

    /// The specs in one file: a file that cannot be read or loaded ends the command with
    /// status 2, its error printed with its line and column.
    package static func specs(_ path: String) throws -> (name: String, specs: [ToolSpec]) {
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
package struct Style {
    package var enabled: Bool

    package init(enabled: Bool) { self.enabled = enabled }

    package static func forStandardError() -> Style {
        let environment = ProcessInfo.processInfo.environment
        let terminal = isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        return Style(enabled: terminal)
    }

    package func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
