public import ArgumentParser
public import ToolSchema

// The option values are the library's own enums, spelled by their raw values, so the CLI
// cannot offer a value the library does not have (or miss one it gains).

extension LintProfile: ExpressibleByArgument {
    /// The raw value, as the option is spelled.
    public var defaultValueDescription: String { rawValue }
}

extension SpecShape: ExpressibleByArgument {
    /// The raw value, as the option is spelled.
    public var defaultValueDescription: String { rawValue }
}

extension Validator.UndeclaredProperties: ExpressibleByArgument {
    /// The raw value, as the option is spelled.
    public var defaultValueDescription: String { rawValue }
}

extension SchemaDialect: ExpressibleByArgument {
    /// The raw value, as the option is spelled.
    public var defaultValueDescription: String { rawValue }
}

extension CheckMode: ExpressibleByArgument {
    /// The raw value, as the option is spelled.
    public var defaultValueDescription: String { rawValue }
}
