public import JSONCore

extension LintReport {
    /// Compiler-style text: `path:line:column: error: message [rule-id]`, the source line and a
    /// caret for each finding, then a summary line.
    public func rendered() -> String {
        var out = ""
        for f in findings { out += f.rendered() + "\n" }
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
        .array(findings.map { $0.json() })
    }

    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=rule::message`.
    public func githubAnnotations() -> String {
        var out = ""
        for f in findings {
            var properties = "file=\(Self.escapeProperty(f.file))"
            if let p = f.position { properties += ",line=\(p.line),col=\(p.column)" }
            properties += ",title=\(Self.escapeProperty(f.rule.id))"
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
    public func sarif(toolVersion: String = ToolSchemaInfo.version) -> JSONValue {
        let ruleIDs = Array(Set(findings.map(\.rule.id))).sorted()
        let rules: [JSONValue] = ruleIDs.map { id in
            ["id": .string(id), "shortDescription": ["text": .string(LintRule(id: id)?.summary ?? id)]]
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
                "ruleId": .string(f.rule.id),
                "ruleIndex": .number(JSONNumber(ruleIDs.firstIndex(of: f.rule.id) ?? 0)),
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

extension String {
    fileprivate func replacingAll(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
