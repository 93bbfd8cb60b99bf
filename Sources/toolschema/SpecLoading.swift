import ArgumentParser
import ToolSchema
import ToolSchemaCLI

/// Loading a schema file and picking a tool, for validate and bench.
enum SpecLoading {
    /// Loads the schema file and picks the tool; every failure here is status 2.
    static func validator(
        schema: String,
        tool: String?,
        assertFormats: Bool,
        schemaOptions: SchemaOptions
    ) throws -> (Validator, String?) {
        let input = try Input.specs(schema)
        let specs = input.specs
        let names = specs.compactMap(\.name)
        let spec: ToolSpec
        if let tool {
            guard let found = specs.first(where: { $0.name == tool }) else {
                throw CLIFailure(
                    message: "no tool named \"\(tool)\" in \(input.name); it has: \(names.joined(separator: ", "))"
                )
            }
            spec = found
        } else if specs.count == 1 {
            spec = specs[0]
        } else if specs.isEmpty {
            throw CLIFailure(message: "\(input.name) holds no tool spec or schema")
        } else {
            throw CLIFailure(
                message:
                    "\(input.name) holds \(specs.count) tools; choose one with --tool: \(names.joined(separator: ", "))"
            )
        }
        var options = Validator.Options()
        options.assertsFormats = assertFormats
        options.defaultDialect = schemaOptions.dialect
        let resources = try schemaOptions.loadResources()
        do {
            return (try Validator(spec: spec, resources: resources, options: options), spec.name)
        } catch {
            if error.file != nil {
                Console.error(error.rendered())
            } else {
                Console.error("toolschema: error: the schema cannot be compiled: \(error)")
            }
            throw ExitCode(2)
        }
    }

}
