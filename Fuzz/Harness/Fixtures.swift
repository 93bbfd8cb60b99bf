import Foundation
import JSONCore
import ToolSchema

/// What the targets check against, loaded once per process: the specs in `schemas/`, and
/// the schemas of the official JSON-Schema-Test-Suite (draft 2020-12 and draft-07, required
/// tests, with its `remotes/`). Paths come from this file's place in the checkout, so a fuzz
/// binary and `swift test` read the same files.
enum Fixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// One spec's validator and name.
    struct Tool {
        var name: String
        var validator: Validator
    }

    /// Every spec in `schemas/`, compiled.
    static let tools: [Tool] = {
        guard let loaded = try? SpecFiles.load([root + "/schemas"]) else {
            fatalError("fuzz fixtures: cannot read \(root)/schemas")
        }
        let tools = loaded.specs.compactMap { spec -> Tool? in
            guard let validator = try? Validator(spec: spec) else { return nil }
            return Tool(name: spec.name ?? "tool", validator: validator)
        }
        guard !tools.isEmpty else { fatalError("fuzz fixtures: no spec in \(root)/schemas compiles") }
        return tools
    }()

    static let suite = root + "/Tests/ToolSchemaTests/Conformance/JSON-Schema-Test-Suite"

    /// Every schema of the suite's required tests that compiles, with the specs' schemas first.
    static let schemas: [Validator] = {
        var validators = tools.map(\.validator)
        let remotes = (try? SchemaResource.load(suite + "/remotes", baseURI: "http://localhost:1234/")) ?? []
        for (folder, dialect) in [("draft2020-12", SchemaDialect.draft2020_12), ("draft7", .draft07)] {
            let directory = suite + "/tests/" + folder
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
            var options = Validator.Options()
            options.defaultDialect = dialect
            for file in files where file.hasSuffix(".json") {
                guard let data = FileManager.default.contents(atPath: directory + "/" + file),
                    let groups = try? JSONValue(parsing: [UInt8](data)).arrayValue
                else { continue }
                for group in groups {
                    if let validator = try? Validator(group["schema"] ?? true, resources: remotes, options: options) {
                        validators.append(validator)
                    }
                }
            }
        }
        return validators
    }()
}
