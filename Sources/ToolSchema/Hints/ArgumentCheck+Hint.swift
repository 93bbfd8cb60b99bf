extension ArgumentCheck {
    /// A short message for the model when the arguments are not valid, nil when they are:
    /// what went wrong, one line per problem, and an instruction to call again.
    ///
    /// - Parameter tool: the tool's name, to address the model precisely.
    public func hint(tool: String?) -> String? {
        guard !isValid else { return nil }
        let name = tool.map { "`\($0)`" } ?? "the tool"
        var lines: [String] = []
        if let parseError {
            let cause: String
            switch parseError.code {
            case .mergedValues: cause = "several calls were merged into one text; send one JSON object per call"
            case .emptyInput: cause = "no arguments arrived"
            default:
                cause =
                    "the text is not JSON (line \(parseError.position.line), column \(parseError.position.column): \(parseError.message))"
            }
            lines.append("The arguments for \(name) could not be read: \(cause).")
        } else if isTruncated {
            lines.append("Your arguments for \(name) were cut off; send the complete call.")
        } else {
            lines.append("The arguments for \(name) do not match its parameters:")
            for error in errors.prefix(10) {
                let place = error.instancePath == .root ? "arguments" : "`\(error.instancePath)`"
                lines.append("- \(place): \(error.message)")
            }
            if errors.count > 10 { lines.append("- and \(errors.count - 10) more") }
        }
        lines.append("Call \(tool ?? "the tool") again with corrected arguments.")
        return lines.joined(separator: "\n")
    }
}
