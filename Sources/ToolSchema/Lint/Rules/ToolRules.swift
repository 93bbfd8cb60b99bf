import JSONCore

/// Rules about the tool itself: its name and description, per provider.
extension SpecChecker {

    mutating func checkTool() {
        guard let name = spec.name else { return }
        func matches(_ allowed: (Unicode.Scalar) -> Bool, max: Int) -> Bool {
            !name.isEmpty && name.unicodeScalars.count <= max && name.unicodeScalars.allSatisfy(allowed)
        }
        let alnum: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        if profiles.contains(.openAI) && !matches({ alnum($0) || $0 == "_" || $0 == "-" }, max: 64) {
            report(
                .openAIName,
                .error,
                at: ["name"],
                relativeTo: .tool,
                "OpenAI tool names must match ^[a-zA-Z0-9_-]{1,64}$, found \"\(name)\""
            )
        }
        if profiles.contains(.anthropic) && !matches({ alnum($0) || $0 == "_" || $0 == "-" }, max: 64) {
            report(
                .anthropicName,
                .error,
                at: ["name"],
                relativeTo: .tool,
                "Anthropic tool names must match ^[a-zA-Z0-9_-]{1,64}$, found \"\(name)\""
            )
        }
        if profiles.contains(.gemini) {
            let first = name.unicodeScalars.first
            let startsWell = first.map { ($0.isASCII && $0.properties.isAlphabetic) || $0 == "_" } ?? false
            if !startsWell || !matches({ alnum($0) || $0 == "_" || $0 == "." || $0 == "-" }, max: 64) {
                report(
                    .geminiName,
                    .error,
                    at: ["name"],
                    relativeTo: .tool,
                    "Gemini function names must start with a letter or underscore and use only a-z, A-Z, 0-9, _, . and -, at most 64; found \"\(name)\""
                )
            }
        }
        if profiles.contains(.mcp) && !matches({ alnum($0) || $0 == "_" || $0 == "." || $0 == "-" }, max: 128) {
            report(
                .mcpName,
                .error,
                at: ["name"],
                relativeTo: .tool,
                "MCP tool names must be 1 to 128 characters of A-Z, a-z, 0-9, _, . and -, found \"\(name)\""
            )
        }
        if spec.description?.trimmingWhitespace.isEmpty ?? true {
            report(
                .missingDescription,
                .warning,
                at: spec.description == nil ? .root : ["description"],
                relativeTo: .tool,
                "the tool \"\(name)\" has no description; the model decides when to call it from the description"
            )
        }
    }
}
