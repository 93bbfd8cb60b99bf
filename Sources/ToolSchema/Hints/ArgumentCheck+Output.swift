public import JSONCore

extension ArgumentCheck {
    /// The human-facing account of a check, for logs and terminals: each repair (in the
    /// compiler-style `file:line:column: repaired: …` form every repair is printed in), each
    /// coercion, then each error with its path and message.
    ///
    /// - Parameters:
    ///   - file: the name to show for positions in the arguments text.
    ///   - colour: ANSI colours for labels; pass true only when writing to a terminal.
    /// - Returns: One line per repair, coercion, error and warning; empty for a valid, unchanged
    ///   text without warnings.
    public func rendered(file: String = "<arguments>", colour: Bool = false) -> String {
        func paint(_ code: String, _ text: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var lines: [String] = []
        for r in repairs { lines.append(r.rendered(file: file)) }
        for c in coercions { lines.append("\(paint("33", "coerced:")) \(c)") }
        if let parseError { lines.append(parseError.rendered(file: file)) }
        if isTruncated && !isValid { lines.append("\(paint("31", "error:")) the arguments were cut off (truncated)") }
        for e in errors { lines.append("\(paint("31", "error:")) \(e) [\(e.keyword)]") }
        for w in warnings { lines.append("\(paint("35", "warning:")) \(w)") }
        return lines.joined(separator: "\n")
    }

    /// The machine-readable form `toolschema validate --format json` prints:
    /// `{"valid", "arguments", "errors": [{"path", "schemaPath", "keyword", "message"}],
    /// "repairs": [{"path", "kind", "message"}], "hint"}`. A parse failure is an error with
    /// keyword `json`, truncation one with keyword `truncated`; repairs and coercions share
    /// `repairs`, a repair's message starting with its `line:column`. When there are
    /// warnings, `"warnings": [{"path", "kind", "message"}]` follows.
    ///
    /// - Parameters:
    ///   - tool: the tool's name, for the hint.
    ///   - validator: the validator that made the check, for the hint.
    /// - Returns: The object described above.
    public func json(tool: String?, validator: Validator) -> JSONValue {
        json(hint: isValid ? .null : .string(ModelHint(check: self, tool: tool, validator: validator).text))
    }

    /// The object ``json(tool:validator:)`` describes; without a `hint` member when `hint` is nil.
    func json(hint: JSONValue?) -> JSONValue {
        var errors: [JSONValue] = []
        if let p = parseError {
            errors.append([
                "path": "", "schemaPath": "", "keyword": "json",
                "message": .string("\(p.position.line):\(p.position.column): \(p.message)"),
            ])
        }
        if isTruncated && !isValid {
            errors.append([
                "path": "", "schemaPath": "", "keyword": "truncated", "message": "the arguments were cut off",
            ])
        }
        for e in self.errors {
            errors.append([
                "path": .string(e.instancePath.description), "schemaPath": .string(e.schemaPath.fragment),
                "keyword": .string(e.keyword),
                "message": .string(e.message),
            ])
        }
        var repairs: [JSONValue] = self.repairs.map { r in
            [
                "path": "", "kind": .string(r.kind.description),
                "message": .string("\(r.position.line):\(r.position.column): \(r.message)"),
            ]
        }
        repairs += coercions.map { c in
            [
                "path": .string(c.instancePath.description), "kind": .string(c.kind.description),
                "message": .string(c.message),
            ]
        }
        var object: JSONObject = [
            "valid": .bool(isValid),
            "arguments": arguments ?? .null,
            "errors": .array(errors),
            "repairs": .array(repairs),
        ]
        if let hint { object["hint"] = hint }
        if !warnings.isEmpty {
            object["warnings"] = .array(
                warnings.map { w in
                    [
                        "path": .string(w.instancePath.description), "kind": .string(w.kind.description),
                        "message": .string(w.message),
                    ]
                }
            )
        }
        return .object(object)
    }
}
