extension ModelHint {
    /// The hint without corrected arguments, for a call whose text has not all arrived.
    package func withoutCorrectedArguments(budget: Int = ModelHint.defaultBudget) -> ModelHint {
        var hint = self
        hint.correctedArguments = nil
        hint.isExactlyActionable = false
        hint.text = hint.render(budget: budget)
        return hint
    }

    /// The message: a header, one line per item within the budget, the corrected arguments
    /// when they fit, and the request to call again.
    func render(budget: Int) -> String {
        let name = tool.map { "`\($0)`" } ?? "the tool"
        guard !items.isEmpty else { return "" }
        if items.first?.kind == .unknownTool {
            return items[0].line + " Call one of them with its arguments."
        }
        let closing = "Call \(name) again with corrected arguments."
        var header: String
        switch items.first?.kind {
        case .unreadable, .mergedCalls, .truncated: header = "Your call to \(name) could not be used:"
        default: header = "The arguments for \(name) do not match its parameters:"
        }
        header += "\n"
        var body = ""
        var shown = 0
        for item in items {
            let line = "- \(item.line)\n"
            let reserve = closing.count + 40
            if header.count + body.count + line.count + reserve > budget && shown > 0 { break }
            body += line
            shown += 1
        }
        if shown < items.count { body += "- and \(items.count - shown) more\n" }
        // The first item is always shown; when it alone is longer than the budget allows,
        // it is shortened (found by fuzzing: a 308-character hint for a 300-character budget).
        let overflow = header.count + body.count + closing.count - budget
        if overflow > 0, shown == 1, let first = body.firstIndex(of: "\n") {
            let line = body[..<first]
            let keep = max(20, line.count - overflow - 1)
            // The middle goes: the start names the place, the end says what to do.
            if keep < line.count {
                body =
                    String(line.prefix(keep / 2)) + "…" + String(line.suffix(keep - keep / 2)) + String(body[first...])
            }
        }
        var text = header + body
        if let corrected = correctedArguments {
            // Counted exactly, line end included (found by the generated hint tests: a
            // 301-character hint for a 300-character budget).
            let line =
                (isExactlyActionable ? "Corrected arguments: " : "Corrected arguments (fill in each <…>): ")
                + corrected.jsonString() + "\n"
            if text.count + line.count + closing.count <= budget { text += line }
        }
        return text + closing
    }
}
