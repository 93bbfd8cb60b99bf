public import JSONCore

extension LintReport {
    /// Compiler-style text: `path:line:column: error: message [rule-id]`, the source line and a
    /// caret for each finding, then a summary line.
    public func text() -> String {
        var out = ""
        for f in findings {
            let place = f.position.map { "\(f.file):\($0.line):\($0.column)" } ?? f.file
            out += "\(place): \(f.severity.rawValue): \(f.message) [\(f.rule)]\n"
            if !f.excerpt.isEmpty || !f.caret.isEmpty { out += "\(f.excerpt)\n\(f.caret)\n" }
        }
        out += summary + "\n"
        return out
    }

    /// `3 files, 5 tools: 1 error, 2 warnings`.
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return
            "\(plural(fileCount, "file")), \(plural(toolCount, "tool")): \(plural(errorCount, "error")), \(plural(warningCount, "warning"))"
    }

    /// One JSON array of `{file, line, column, pointer, rule, severity, message}`.
    public func json() -> JSONValue {
        .array(
            findings.map { f in
                [
                    "file": .string(f.file),
                    "line": f.position.map { .number(JSONNumber($0.line)) } ?? .null,
                    "column": f.position.map { .number(JSONNumber($0.column)) } ?? .null,
                    "pointer": .string(f.pointer.description),
                    "rule": .string(f.rule),
                    "severity": .string(f.severity.rawValue),
                    "message": .string(f.message),
                ]
            }
        )
    }

    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=rule::message`.
    public func githubAnnotations() -> String {
        var out = ""
        for f in findings {
            var properties = "file=\(Self.escapeProperty(f.file))"
            if let p = f.position { properties += ",line=\(p.line),col=\(p.column)" }
            properties += ",title=\(Self.escapeProperty(f.rule))"
            out += "::\(f.severity.rawValue) \(properties)::\(Self.escapeData(f.message))\n"
        }
        return out
    }

    static func escapeData(_ s: String) -> String {
        s.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }

    /// A SARIF 2.1.0 log for code-scanning upload: one run, the rules that fired, one result
    /// per finding with its physical location.
    public func sarif(toolVersion: String = "0.1.0") -> JSONValue {
        let ruleIDs = Array(Set(findings.map(\.rule))).sorted()
        let rules: [JSONValue] = ruleIDs.map { id in
            ["id": .string(id), "shortDescription": ["text": .string(LintRules.summary[id] ?? id)]]
        }
        let results: [JSONValue] = findings.map { f in
            var region = JSONObject()
            if let p = f.position {
                region["startLine"] = .number(JSONNumber(p.line))
                region["startColumn"] = .number(JSONNumber(p.column))
            }
            var physical: JSONObject = ["artifactLocation": ["uri": .string(Self.uri(f.file))]]
            if !region.isEmpty { physical["region"] = .object(region) }
            return [
                "ruleId": .string(f.rule),
                "ruleIndex": .number(JSONNumber(ruleIDs.firstIndex(of: f.rule) ?? 0)),
                "level": .string(f.severity.rawValue),
                "message": ["text": .string(f.message)],
                "locations": [["physicalLocation": .object(physical)]],
                "properties": ["pointer": .string(f.pointer.description)],
            ]
        }
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "toolschema",
                            "version": .string(toolVersion),
                            "rules": .array(rules),
                        ]
                    ],
                    "results": .array(results),
                ]
            ],
        ]
    }

    /// A relative file path as a URI reference: `/` separators, unsafe characters percent-encoded.
    static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            let safe =
                (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                || "-._~/".utf8.contains(b)
            if safe {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}

/// One line about each rule, for SARIF's rule descriptions and the docs.
public enum LintRules {
    /// Rule id to summary.
    public static let summary: [String: String] = [
        "syntax": "The file is valid JSON or YAML and holds tool specs.",
        "root-type": "The arguments schema has type: object at its root.",
        "schema-type": "Every schema is an object or a boolean.",
        "type-name": "Type names are JSON Schema's (string, number, integer, boolean, array, object, null).",
        "required": "required is a list of unique property names that exist.",
        "properties": "properties is an object of schemas.",
        "enum": "enum is non-empty, without duplicates, and its values match the type.",
        "value-type": "default, examples and const are valid against their own schema.",
        "bounds": "Lower bounds are not above upper bounds.",
        "keyword-value": "Keyword values have the right type.",
        "ref": "$ref resolves inside the schema; remote references are never fetched.",
        "unsupported-keyword":
            "No assertion keyword the validator does not implement yet (unevaluatedProperties, unevaluatedItems, $dynamicRef, $recursiveRef).",
        "pattern": "pattern compiles as an ECMA-262 regular expression a linear-time engine can run.",
        "misspelled-keyword": "Keywords are spelled as JSON Schema spells them.",
        "unknown-keyword": "Keywords are known to JSON Schema or the providers.",
        "non-standard-keyword": "Non-standard keywords such as optional: true are replaced by JSON Schema's.",
        "missing-description": "Tools and properties have descriptions.",
        "duplicate-name": "Tool names are unique across all files.",
        "openai-name": "OpenAI tool names match ^[a-zA-Z0-9_-]{1,64}$.",
        "openai-tool-count": "At most 128 tools for OpenAI.",
        "strict-required": "OpenAI strict mode: every property is required.",
        "strict-additional-properties": "OpenAI strict mode: additionalProperties: false on every object.",
        "strict-root-anyof": "OpenAI strict mode: the root is not anyOf.",
        "strict-unsupported-keyword":
            "OpenAI strict mode: no allOf, not, dependentRequired, dependentSchemas, if/then/else.",
        "strict-format": "OpenAI strict mode: only the supported string formats.",
        "strict-limits": "OpenAI strict mode: size limits on properties, nesting and enums.",
        "anthropic-name": "Anthropic tool names match ^[a-zA-Z0-9_-]{1,64}$.",
        "anthropic-root-type": "Anthropic input_schema has type: object.",
        "gemini-name": "Gemini function names start with a letter or underscore; [a-zA-Z0-9_.-], at most 64.",
        "gemini-additional-properties": "Gemini schemas have no additionalProperties.",
        "gemini-enum-type": "Gemini enum values are strings.",
        "gemini-missing-type": "Gemini schemas have a type.",
        "gemini-unsupported-keyword": "Gemini schemas use only its OpenAPI subset.",
        "mcp-name": "MCP tool names are 1 to 128 characters of [A-Za-z0-9_.-].",
    ]
}

extension String {
    fileprivate func replacingAll(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
