import Foundation
import PackagePlugin

/// `swift package lint-tool-specs [OPTION]... [PATH]...`: runs `toolschema-lint` on the paths
/// given, or on the package's `schemas/` folder when none is, from the package's folder.
/// Every option of `toolschema lint` passes through (`--profile`, `--format`, ...), and the
/// command fails exactly when `toolschema lint` would exit non-zero.
@main
struct LintToolSpecs: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "toolschema-lint")
        let directory = context.package.directoryURL
        var arguments = arguments
        if !Self.namesPath(arguments) {
            let schemas = directory.appendingPathComponent("schemas")
            guard FileManager.default.fileExists(atPath: schemas.path) else {
                throw PluginFailure(
                    "no path given and \(context.package.displayName) has no schemas/ folder; "
                        + "name the spec files or folders: swift package lint-tool-specs PATH..."
                )
            }
            arguments.append("schemas")
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        // SwiftPM reports a plugin that exits non-zero as failed; the status is the tool's.
        if process.terminationStatus != 0 { exit(process.terminationStatus) }
    }

    /// The options of `toolschema lint` that take a value.
    static let valued: Set<String> = ["--profile", "--format", "--dialect", "--resources", "--stamp"]

    /// Whether the arguments hold a path: an argument that is neither an option nor the value
    /// of one, or anything after `--`.
    static func namesPath(_ arguments: [String]) -> Bool {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { return index + 1 < arguments.endIndex }
            if argument == "-" || !argument.hasPrefix("-") { return true }
            if valued.contains(argument) { index += 1 }
            index += 1
        }
        return false
    }
}

/// A plugin failure SwiftPM prints as its message.
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
