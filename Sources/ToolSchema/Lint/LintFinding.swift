public import JSONCore

/// One problem the linter found: where, which rule, how bad, and what to change.
public struct LintFinding: Hashable, Sendable {
    /// How bad a finding is.
    public enum Severity: String, Hashable, Sendable, Comparable {
        /// A provider would reject the spec, or the schema does not mean what it says.
        case error
        /// Suspicious or unhelpful, but accepted.
        case warning

        /// Orders as the type documents.
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    /// The file, as the user named it.
    public var file: String
    /// Where in the file; nil only when the file could not be read at all.
    public var position: SourcePosition?
    /// Where in the document, as a JSON Pointer.
    public var pointer: JSONPointer
    /// The rule, such as ``LintRule/typeName`` (`type-name`).
    public var rule: LintRule
    /// How bad it is.
    public var severity: Severity
    /// One line that says what to change.
    public var message: String
    /// The source line and a caret under the problem, when the file's text is known.
    public var excerpt: SourceExcerpt?

    /// Creates a finding.
    public init(
        file: String,
        position: SourcePosition?,
        pointer: JSONPointer,
        rule: LintRule,
        severity: Severity,
        message: String,
        excerpt: SourceExcerpt? = nil
    ) {
        self.file = file
        self.position = position
        self.pointer = pointer
        self.rule = rule
        self.severity = severity
        self.message = message
        self.excerpt = excerpt
    }

    /// `file:line:column: severity: message [rule]`, then the source line and a caret.
    public func rendered() -> String {
        DiagnosticLayout.render(
            header: DiagnosticLayout.header(
                file: file,
                position: position,
                severity: severity.rawValue,
                message: "\(message) [\(rule.id)]"
            ),
            excerpt: excerpt
        )
    }
}

/// A set of rules, named after what it checks a spec against. Several combine.
public enum LintProfile: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// JSON Schema correctness that every provider needs. The default.
    case portable
    /// OpenAI's tool names and tool count.
    case openAI = "openai"
    /// Everything OpenAI's strict mode demands.
    case openAIStrict = "openai-strict"
    /// Anthropic's tool names and input schemas.
    case anthropic
    /// Gemini's names and OpenAPI schema subset.
    case gemini
    /// MCP's tool names.
    case mcp

    /// The value in words, as messages print it.
    public var description: String { rawValue }
}

/// The findings for a set of files, with counts for a summary.
public struct LintReport: Sendable {
    /// Every finding, ordered by file, position and rule.
    public var findings: [LintFinding]
    /// How many files were read.
    public var fileCount: Int
    /// How many tools they held.
    public var toolCount: Int

    /// Creates a report.
    public init(findings: [LintFinding], fileCount: Int, toolCount: Int) {
        self.findings = findings
        self.fileCount = fileCount
        self.toolCount = toolCount
    }

    /// The number of error findings.
    public var errorCount: Int { findings.count { $0.severity == .error } }
    /// The number of warning findings.
    public var warningCount: Int { findings.count { $0.severity == .warning } }
}
