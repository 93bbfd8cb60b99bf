extension ArgumentCheck {
    /// The human-facing account of a check, for logs and terminals: each repair and coercion
    /// that was applied, then each error with its path and message.
    ///
    /// - Parameters:
    ///   - file: the name to show for parse errors (the arguments' source).
    ///   - colour: ANSI colours for labels; pass true only when writing to a terminal.
    public func report(file: String = "<arguments>", colour: Bool = false) -> String {
        func paint(_ code: String, _ text: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var lines: [String] = []
        for r in repairs {
            lines.append(
                "\(paint("33", "repaired:")) \(r.position.line):\(r.position.column): \(r.message) [\(r.kind)]"
            )
        }
        for c in coercions { lines.append("\(paint("33", "coerced:")) \(c)") }
        if let parseError { lines.append(parseError.rendered(file: file)) }
        if isTruncated && !isValid { lines.append("\(paint("31", "error:")) the arguments were cut off (truncated)") }
        for e in errors { lines.append("\(paint("31", "error:")) \(e) [\(e.keyword)]") }
        return lines.joined(separator: "\n")
    }
}
