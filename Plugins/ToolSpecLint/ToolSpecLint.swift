import Foundation
import PackagePlugin

/// A build-tool plugin: lints the tool specs a target holds (its `.json`, `.yaml` and `.yml`
/// files inside a `ToolSpecs` folder, whether the target declares them as resources to
/// process, a folder to copy, or not at all) with `toolschema-lint` before the target compiles. An
/// error fails the build with `file:line:column: error: message [rule]` for each finding;
/// warnings are printed and the build goes on. The lint runs again only when a spec changes.
@main
struct ToolSpecLint: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let target = target as? any SourceModuleTarget else { return [] }
        let specs = target.sourceFiles.flatMap { Self.specs(at: $0.url) }.sorted { $0.path < $1.path }
        guard !specs.isEmpty else { return [] }
        // The command's output: a Swift file holding one comment, compiled into the target, so
        // that the build runs the lint and tracks when to run it again.
        let stamp = context.pluginWorkDirectoryURL.appendingPathComponent("ToolSpecLint.swift")
        return [
            .buildCommand(
                displayName: "Linting \(specs.count) tool spec file\(specs.count == 1 ? "" : "s") of \(target.name)",
                executable: try context.tool(named: "toolschema-lint").url,
                arguments: ["--stamp", stamp.path] + specs.map(\.path),
                inputFiles: specs,
                outputFiles: [stamp]
            )
        ]
    }

    /// The spec files at `url`: the file itself when it is one inside a `ToolSpecs` folder, or
    /// every such file below it when it is a folder (a `.copy` resource is listed as one).
    static func specs(at url: URL) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        let isSpec = { (url: URL) in
            ["json", "yaml", "yml"].contains(url.pathExtension) && url.pathComponents.contains("ToolSpecs")
        }
        guard isDirectory.boolValue else { return isSpec(url) ? [url] : [] }
        let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?.allObjects ?? []
        return files.compactMap { $0 as? URL }.filter(isSpec)
    }
}
