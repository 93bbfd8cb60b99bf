import JSONCore

/// Checks one spec: the rules of every profile in force, each finding placed in its file.
struct SpecChecker {
    let spec: ToolSpec
    let profiles: Set<LintProfile>
    var findings: [LintFinding] = []
    /// The schema's root, for resolving `$ref`.
    let root: JSONValue
    let isGemini: Bool
    /// The compiled schema, for checking default, examples and const; nil when the schema has
    /// errors that the other rules report.
    let validator: Validator?
    /// Why the schema does not compile, when it does not.
    let compileError: SchemaError?
    /// The dialect of a schema without `$schema`.
    let dialect: SchemaDialect
    // openai-strict totals
    var propertyCount = 0
    var totalTextLength = 0

    init(
        spec: ToolSpec,
        profiles: Set<LintProfile>,
        resources: [SchemaResource] = [],
        dialect: SchemaDialect = .draft2020_12
    ) {
        self.spec = spec
        self.profiles = profiles
        self.root = spec.parameters ?? [:]
        self.isGemini = spec.shape == .gemini
        self.dialect = dialect
        var options = Validator.Options()
        options.defaultDialect = dialect
        if let parameters = spec.parameters, SchemaResource.refersOutside(parameters) {
            options.baseURI = spec.origin.flatMap { SchemaResource.fileURI($0.document.source.file) }
        }
        do {
            self.validator = try Validator(spec.parameters ?? [:], resources: resources, options: options)
            self.compileError = nil
        } catch {
            self.validator = nil
            self.compileError = error
        }
    }

    enum Base { case tool, schema }

    mutating func report(
        _ rule: LintRule,
        _ severity: LintFinding.Severity,
        at pointer: JSONPointer,
        relativeTo base: Base = .schema,
        key: Bool = false,
        _ message: String
    ) {
        let origin = spec.origin
        let basePointer: JSONPointer
        switch base {
        case .tool: basePointer = origin?.pointer ?? .root
        case .schema: basePointer = origin?.parametersPointer ?? origin?.pointer ?? .root
        }
        let absolute = JSONPointer(tokens: basePointer.tokens + pointer.tokens)
        let position: SourcePosition? =
            origin.flatMap { key ? $0.document.keyPosition(of: absolute) : $0.document.position(of: absolute) }
        let excerpt = position.flatMap { p in origin.map { $0.document.source.excerpt(at: p) } }
        findings.append(
            LintFinding(
                file: origin?.document.source.file ?? "<spec>",
                position: position,
                pointer: absolute,
                rule: rule,
                severity: severity,
                message: message,
                excerpt: excerpt
            )
        )
    }

    /// A compiled validator for each dialect's meta-schema, built once.
    static let metaValidators: [SchemaDialect: Validator] = {
        var options = Validator.Options()
        options.assertsFormats = false  // the meta-schemas' formats are annotations
        var validators: [SchemaDialect: Validator] = [:]
        for dialect in SchemaDialect.allCases {
            validators[dialect] = try? Validator(["$ref": .string(dialect.metaSchemaURI)], options: options)
        }
        return validators
    }()

    /// The schema against its dialect's meta-schema: what the other rules did not already
    /// report at the same place. Gemini's schemas are OpenAPI, not JSON Schema, and are left
    /// to the gemini rules.
    mutating func checkMetaSchema(_ parameters: JSONValue) {
        guard !isGemini else { return }
        let declared = parameters["$schema"]?.stringValue.flatMap(SchemaDialect.init(metaSchemaURI:))
        guard let meta = Self.metaValidators[declared ?? dialect] else { return }
        let base = spec.origin?.parametersPointer ?? spec.origin?.pointer ?? .root
        let reported = Set(findings.map(\.pointer))
        var seen: Set<JSONPointer> = []
        for violation in meta.validate(parameters) {
            let absolute = JSONPointer(tokens: base.tokens + violation.instancePath.tokens)
            // Another rule said it already, here or just above (a keyword's value).
            if reported.contains(absolute) || absolute.parent.map(reported.contains) == true { continue }
            guard seen.insert(violation.instancePath).inserted else { continue }
            let place = violation.instancePath == .root ? "the schema" : violation.instancePath.description
            report(
                .metaSchema,
                declared == nil ? .warning : .error,
                at: violation.instancePath,
                "\(place) is not valid \((declared ?? dialect).rawValue) JSON Schema: \(violation.message)"
            )
        }
    }

    mutating func check() {
        checkTool()
        guard let parameters = spec.parameters, !spec.hasNoParameters else {
            if profiles.contains(.openAIStrict) && spec.name != nil {
                // Strict mode still needs an object schema; no parameters is fine (emitted as one).
            }
            return
        }
        // The root must describe an object of named arguments.
        if case .object(let o) = parameters {
            if o["type"] != "object" && !(isGemini && o["type"] == "OBJECT") {
                let rule =
                    spec.shape == .anthropic && profiles.contains(.anthropic) ? LintRule.anthropicRootType : .rootType
                report(
                    rule,
                    .error,
                    at: o["type"] != nil ? ["type"] : .root,
                    "the arguments schema must have type: object at its root"
                        + (o["type"].map { ", found type: \($0.jsonString())" } ?? "")
                )
            }
            if profiles.contains(.openAIStrict), o["anyOf"] != nil {
                report(
                    .strictRootAnyOf,
                    .error,
                    at: ["anyOf"],
                    key: true,
                    "OpenAI strict mode does not allow anyOf at the root; the root must be one object"
                )
            }
        }
        visit(parameters, at: .root, depth: 1)
        checkMetaSchema(parameters)
        if profiles.contains(.openAIStrict) {
            if propertyCount > 5_000 {
                report(
                    .strictLimits,
                    .error,
                    at: .root,
                    "\(propertyCount) properties: OpenAI strict mode allows at most 5,000"
                )
            }
            if totalTextLength > 120_000 {
                report(
                    .strictLimits,
                    .error,
                    at: .root,
                    "property names, definition names and enum and const values total \(totalTextLength) characters; strict mode allows 120,000"
                )
            }
        }
    }
}
