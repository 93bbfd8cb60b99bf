internal import JSONCore

/// Checks tool specs against JSON Schema's rules and the providers' own, with the file, line
/// and column of each problem.
///
/// ```swift
/// let source = SourceText(file: "tools.yaml", bytes: bytes)
/// let report = Linter(profiles: [.portable, .openAIStrict]).lint([source])
/// for finding in report.findings { print(finding.message) }
/// ```
public struct Linter: Sendable {
    /// The profiles whose rules run. `portable` is the default.
    public var profiles: Set<LintProfile>
    /// Documents `$ref`s may point to (see ``Validator/init(_:resources:options:)``); a
    /// reference none of them answers is an error. Nothing is fetched.
    public var resources: [SchemaResource]
    /// The dialect of a schema that does not name one with `$schema`.
    public var defaultDialect: SchemaDialect

    /// Creates a linter; `portable` always runs, since the other profiles build on it.
    public init(
        profiles: Set<LintProfile> = [.portable],
        resources: [SchemaResource] = [],
        defaultDialect: SchemaDialect = .draft2020_12
    ) {
        self.profiles = profiles.union([.portable])
        self.resources = resources
        self.defaultDialect = defaultDialect
    }

    /// Loads and lints files. A file that cannot be read as JSON or YAML, or that holds
    /// something other than tool specs, becomes an error finding.
    public func lint(_ sources: [SourceText]) -> LintReport {
        var findings: [LintFinding] = []
        var specs: [ToolSpec] = []
        for source in sources {
            do {
                specs += try SpecFiles.specs(in: source)
            } catch {
                findings.append(
                    LintFinding(
                        file: error.file,
                        position: error.position,
                        pointer: .root,
                        rule: .syntax,
                        severity: .error,
                        message: error.message,
                        excerpt: error.excerpt
                    )
                )
            }
        }
        var report = lint(specs)
        report.findings = (findings + report.findings).sorted(by: Self.order)
        report.fileCount = sources.count
        return report
    }

    /// Lints specs that are already loaded.
    public func lint(_ specs: [ToolSpec]) -> LintReport {
        var findings: [LintFinding] = []
        // Names must be unique among the tools that can be sent together: one provider family.
        // The same tool written for OpenAI and for Anthropic is not a clash.
        var firstByName: [String: ToolSpec] = [:]
        for spec in specs {
            var checker = SpecChecker(spec: spec, profiles: profiles, resources: resources, dialect: defaultDialect)
            checker.check()
            findings += checker.findings
            if let name = spec.name {
                let key = "\(Self.family(spec.shape))/\(name)"
                if let first = firstByName[key] {
                    let where_ = first.origin.map { o in
                        "\(o.document.source.file)"
                            + (o.document.position(of: o.pointer).map { ":\($0.line):\($0.column)" } ?? "")
                    }
                    checker.findings = []
                    checker.report(
                        .duplicateName,
                        .error,
                        at: ["name"],
                        relativeTo: .tool,
                        "the tool name \"\(name)\" is used twice (first at \(where_ ?? "another spec")); tool names must be unique"
                    )
                    findings += checker.findings
                } else {
                    firstByName[key] = spec
                }
            }
        }
        let named = specs.filter { $0.name != nil }
        if profiles.contains(.openAI) && named.count > 128, let spec = named.dropFirst(128).first {
            var checker = SpecChecker(spec: spec, profiles: profiles)
            checker.report(
                .openAIToolCount,
                .error,
                at: .root,
                relativeTo: .tool,
                "\(named.count) tools: OpenAI accepts at most 128 in one request; this is the 129th"
            )
            findings += checker.findings
        }
        return LintReport(findings: findings.sorted(by: Self.order), fileCount: 0, toolCount: named.count)
    }

    /// The provider family whose requests a shape's tools go into.
    static func family(_ shape: SpecShape) -> String {
        switch shape {
        case .openAI, .function: "openai"
        case .anthropic: "anthropic"
        case .gemini: "gemini"
        case .mcp: "mcp"
        case .jsonSchema: "schema"
        }
    }

    static func order(_ a: LintFinding, _ b: LintFinding) -> Bool {
        if a.file != b.file { return a.file < b.file }
        let pa = a.position?.offset ?? -1
        let pb = b.position?.offset ?? -1
        if pa != pb { return pa < pb }
        if a.severity != b.severity { return a.severity < b.severity }
        return a.rule.id < b.rule.id
    }
}
