/// The syntax of a document.
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable {
    case json
    case yaml

    /// The format a path's extension names (`.json`; `.yaml` or `.yml`), or nil.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") {
            self = .json
        } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            self = .yaml
        } else {
            return nil
        }
    }

    /// The format a text looks like: JSON when it starts with `{` or `[` (after whitespace),
    /// otherwise YAML.
    public init(sniffing bytes: [UInt8]) {
        let first = bytes.first {
            $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
        }
        self = first == 0x7B || first == 0x5B ? .json : .yaml
    }
}

extension LoadedDocument {
    /// Loads every document in a source: one for JSON, one per `---` document for YAML.
    ///
    /// - Parameters:
    ///   - source: the file's name and bytes.
    ///   - format: the syntax; when nil, the path's extension decides, then the content.
    ///   - yamlLimits: limits for YAML files.
    /// - Returns: The documents, in the order the source holds them.
    /// - Throws: ``LoadError``.
    public static func load(
        _ source: SourceText,
        format: DocumentFormat? = nil,
        yamlLimits: YAMLLimits = YAMLLimits()
    ) throws(LoadError) -> [LoadedDocument] {
        switch format ?? DocumentFormat(path: source.file) ?? DocumentFormat(sniffing: source.bytes) {
        case .json: return [try loadJSON(source)]
        case .yaml: return try loadYAML(source, limits: yamlLimits)
        }
    }
}
