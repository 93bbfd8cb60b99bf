/// The version of ToolSchema, as `toolschema --version` prints it and SARIF logs report it.
public enum ToolSchemaVersion {
    /// The release this build is, such as `0.3.0`.
    public static let current = "0.3.0"
}
