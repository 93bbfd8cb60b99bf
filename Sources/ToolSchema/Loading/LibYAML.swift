internal import CYAML

/// Facts about the libyaml library that ToolSchema reads YAML with.
package enum LibYAML {
    /// The version of the libyaml the program is running against, such as `0.2.5`.
    package static var version: String {
        guard let text = yaml_get_version_string() else { return "unknown" }
        return String(cString: text)
    }
}
