package import ArgumentParser
package import ToolSchema

/// How schemas are read, for validate, lint and bench: the dialect of a schema without
/// `$schema`, and the documents `$ref`s may point to.
package struct SchemaOptions: ParsableArguments {
    @Option(
        help: "The dialect of a schema without $schema: 2020-12 (the default), 2019-09, draft-07, draft-06 or draft-04."
    )
    package var dialect: SchemaDialect = .draft2020_12

    @Option(
        name: .customLong("resources"),
        help: ArgumentHelp(
            "[BASE_URI=]PATH: schema documents that $refs may point to; repeatable. Nothing is fetched.",
            discussion:
                "A file, or a directory read recursively for .json, .yaml and .yml. Each document answers to its $id "
                + "and its file:// URI; with BASE_URI=, also to BASE_URI plus its path below PATH.",
            valueName: "[BASE_URI=]PATH"
        )
    )
    package var resources: [String] = []

    package init() {}

    /// The documents `--resources` names; a path that cannot be read is status 2.
    package func loadResources() throws -> [SchemaResource] {
        var loaded: [SchemaResource] = []
        for argument in resources {
            do {
                loaded += try SchemaResource.load(argument: argument)
            } catch {
                Console.error(error.rendered())
                throw ExitCode(2)
            }
        }
        return loaded
    }
}
