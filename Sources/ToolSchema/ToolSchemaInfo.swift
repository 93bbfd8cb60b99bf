/// Facts about this build of ToolSchema.
///
/// (Not named `ToolSchemaVersion`: symbol graphs leave out `<Module>Version…` symbols, so its
/// documentation would be lost.)
public enum ToolSchemaInfo: Sendable {
    /// The release this build is, as `toolschema --version` prints it and SARIF logs report it.
    public static let version: String = "0.3.0"
}
