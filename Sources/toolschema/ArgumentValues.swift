public import ArgumentParser
public import ToolCalling

// The loop's option values; the schema library's are in ToolSchemaCLI.

extension ChatAPI: ExpressibleByArgument {
    /// The raw value, as the option is spelled.
    public var defaultValueDescription: String { rawValue }
}

extension BenchmarkStep: ExpressibleByArgument {}
