import JSONCore

// Every outcome a service logs or returns encodes as the JSON the command line prints for it,
// so that a `JSONEncoder`, a Vapor or Hummingbird response, or a logger's JSON formatter writes
// the same shape `toolschema` does, documented once on each `json` method.

extension ArgumentCheck: Encodable {
    /// Encodes as ``json(tool:validator:)`` describes (what `toolschema validate --format json`
    /// prints), without `hint`: a check does not know its tool. ``ArgumentsError`` and
    /// ``ModelHint`` carry the hint.
    public func encode(to encoder: any Encoder) throws {
        try json(hint: nil).encode(to: encoder)
    }
}

extension ArgumentsError: Encodable {
    /// Encodes as `toolschema validate --format json` prints a failed check, `hint` included;
    /// when the type's own `init(from:)` refused a valid value, `decodingFailure` follows:
    /// `{"path", "message"}`.
    public func encode(to encoder: any Encoder) throws {
        var value = check.json(hint: .string(hint.text))
        if let decodingFailure {
            value["decodingFailure"] = [
                "path": .string(decodingFailure.instancePath.description),
                "message": .string(decodingFailure.message),
            ]
        }
        try value.encode(to: encoder)
    }
}

extension ModelHint: Encodable {
    /// Encodes as `{"tool", "text", "exactlyActionable", "correctedArguments", "items":
    /// [{"kind", "path", "name", "received", "expected", "fix", "line"}]}`, where `fix` is null
    /// (the model must choose) or `{"rename": {"from", "to"}}`, `{"replace": value}`,
    /// `{"rename": {…}, "replace": value}` or `{"remove": true}`; absent values are null.
    public func encode(to encoder: any Encoder) throws {
        let items: [JSONValue] = items.map { item in
            [
                "kind": .string(item.kind.description),
                "path": .string(item.instancePath.description),
                "name": item.name.map(JSONValue.string) ?? .null,
                "received": item.received ?? .null,
                "expected": .string(item.expected),
                "fix": item.fix.map(Self.json) ?? .null,
                "line": .string(item.line),
            ]
        }
        let value: JSONValue = [
            "tool": tool.map(JSONValue.string) ?? .null,
            "text": .string(text),
            "exactlyActionable": .bool(isExactlyActionable),
            "correctedArguments": correctedArguments ?? .null,
            "items": .array(items),
        ]
        try value.encode(to: encoder)
    }

    static func json(_ fix: HintItem.Fix) -> JSONValue {
        switch fix {
        case .rename(let from, let to): ["rename": ["from": .string(from), "to": .string(to)]]
        case .renameAndReplace(let from, let to, let value):
            ["rename": ["from": .string(from), "to": .string(to)], "replace": value]
        case .replace(let value): ["replace": value]
        case .remove: ["remove": true]
        }
    }
}

extension LintFinding: Encodable {
    /// Encodes as one element of ``LintReport/json()`` (what `toolschema lint --format json`
    /// prints): `{file, line, column, pointer, rule, severity, message}`.
    public func encode(to encoder: any Encoder) throws {
        try json().encode(to: encoder)
    }

    func json() -> JSONValue {
        [
            "file": .string(file),
            "line": position.map { .number(JSONNumber($0.line)) } ?? .null,
            "column": position.map { .number(JSONNumber($0.column)) } ?? .null,
            "pointer": .string(pointer.description),
            "rule": .string(rule.id),
            "severity": .string(severity.rawValue),
            "message": .string(message),
        ]
    }
}

extension LintReport: Encodable {
    /// Encodes as ``json()``: the array `toolschema lint --format json` prints.
    public func encode(to encoder: any Encoder) throws {
        try json().encode(to: encoder)
    }
}
