import Foundation
import TestSupport
import Testing
import ToolSchema

/// The fixtures in `Fixtures/invalid/` each say, in a header comment (or a `.expect` file
/// beside a JSON fixture), which rule must fire where, and under which profiles.
struct LintFixture: CustomTestStringConvertible, Sendable {
    var path: String
    var rule: String
    var line: Int
    var column: Int
    var profiles: Set<LintProfile>
    var testDescription: String { (path as NSString).lastPathComponent }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/invalid"
    )

    /// Every fixture; one whose header cannot be read has a `problem` (a test fails on it)
    /// instead of being dropped or crashing the loader.
    static let all: [LintFixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasSuffix(".expect") }.sorted().map { name in
            let path = directory.appendingPathComponent(name).path
            let header = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let sidecar = (try? String(contentsOfFile: path + ".expect", encoding: .utf8)) ?? ""
            let lines = (header + "\n" + sidecar).split(separator: "\n")
            var fixture = LintFixture(path: path, rule: "", line: 0, column: 0, profiles: [.portable])
            guard let expect = lines.first(where: { $0.contains("expect: ") }),
                let marker = expect.range(of: "expect: ")
            else {
                fixture.problem = "no `expect: RULE LINE:COLUMN` line in its header or .expect file"
                return fixture
            }
            let parts = expect[marker.upperBound...].split(separator: " ")
            let position = parts.count > 1 ? parts[1].split(separator: ":").compactMap { Int($0) } : []
            guard parts.count >= 2, position.count == 2 else {
                fixture.problem = "`\(expect)` is not `expect: RULE LINE:COLUMN`"
                return fixture
            }
            fixture.rule = String(parts[0])
            fixture.line = position[0]
            fixture.column = position[1]
            if let line = lines.first(where: { $0.hasPrefix("# profiles: ") }) {
                let names = line.dropFirst("# profiles: ".count).split(separator: " ").map(String.init)
                let profiles = names.compactMap { LintProfile(rawValue: $0) }
                if profiles.count != names.count { fixture.problem = "unknown profile in `\(line)`" }
                fixture.profiles = Set(profiles)
            }
            return fixture
        }
    }()

    /// Why the fixture's header could not be read, if it could not.
    var problem: String? = nil
}

@Suite struct LintTests {
    func source(_ path: String) throws -> SourceText {
        SourceText(file: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func everyRuleHasAFailingFixture() {
        let covered = Set(LintFixture.all.map(\.rule))
        let rules = Set(LintRule.all.map(\.id)).subtracting(["openai-tool-count"])  // generated below
        #expect(rules.subtracting(covered).isEmpty, "rules without a fixture: \(rules.subtracting(covered).sorted())")
    }

    @Test("each invalid fixture produces its finding at its place", arguments: LintFixture.all)
    func fixture(_ f: LintFixture) throws {
        if let problem = f.problem {
            Issue.record("\(f.testDescription): \(problem)")
            return
        }
        let report = Linter(profiles: f.profiles).lint([try source(f.path)])
        let hit = report.findings.first { $0.rule.id == f.rule }
        let found = report.findings.map { "\($0.rule.id) \($0.position.map { "\($0.line):\($0.column)" } ?? "-")" }
        #expect(hit?.position?.line == f.line && hit?.position?.column == f.column, "found: \(found)")
        #expect(hit?.message.isEmpty == false)
    }

    @Test("the same fixture is clean of provider rules when their profile is off")
    func profilesAreOptIn() throws {
        for f in LintFixture.all where f.profiles != [.portable] {
            let report = Linter().lint([try source(f.path)])
            #expect(!report.findings.contains { $0.rule.id == f.rule }, "\(f.testDescription)")
        }
    }

    static let schemasDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("schemas")

    func shippedSpecs() throws -> [SourceText] {
        // Spec files only: schemas/ also holds the example tool script for `toolschema chat`.
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.schemasDirectory.path).sorted()
            .filter { DocumentFormat(path: $0) != nil }
        return try names.map { try source(Self.schemasDirectory.appendingPathComponent($0).path) }
    }

    @Test("schemas/ lints clean under portable, openai, anthropic and mcp")
    func shippedSpecsAreClean() throws {
        let report = Linter(profiles: [.portable, .openAI, .anthropic, .mcp]).lint(try shippedSpecs())
        #expect(report.findings.isEmpty, "\(report.rendered())")
        #expect(report.fileCount >= 7)
        #expect(report.toolCount >= 7)
    }

    @Test("derive --strict output passes openai-strict; derive --to gemini output passes gemini")
    func derivedSpecsPassTheirProfiles() throws {
        let sources = try shippedSpecs()
        let documents = try sources.flatMap { try LoadedDocument.load($0) }
        let specs = try ToolSpec.specs(in: documents)
        for (shape, strict, profile) in [(SpecShape.openAI, true, LintProfile.openAIStrict), (.gemini, false, .gemini)]
        {
            let value = try ToolSpec.emit(specs, as: shape, strict: strict).value
            let text = SourceText(file: "derived.json", bytes: Array(value.jsonString(pretty: true).utf8))
            let report = Linter(profiles: [profile]).lint([text])
            // Both get_weather examples land in one shape here, so that clash is expected.
            let errors = report.findings.filter { $0.severity == .error && $0.rule.id != "duplicate-name" }
            #expect(errors.isEmpty, "\(profile): \(report.rendered())")
        }
    }

    @Test("more than 128 tools for OpenAI")
    func toolCount() {
        let specs = (0..<130).map { ToolSpec(name: "t\($0)", description: "d") }
        #expect(
            Linter(profiles: [.openAI]).lint(specs).findings.filter { $0.rule.id == "openai-tool-count" }.count == 1
        )
        #expect(Linter(profiles: [.openAI]).lint(Array(specs.prefix(128))).findings.isEmpty)
    }

    @Test("the same name for two providers is not a duplicate")
    func duplicatesPerFamily() {
        let specs = [
            ToolSpec(name: "w", description: "d", shape: .openAI),
            ToolSpec(name: "w", description: "d", shape: .anthropic),
        ]
        #expect(Linter().lint(specs).findings.isEmpty)
        let clash = [
            ToolSpec(name: "w", description: "d", shape: .openAI),
            ToolSpec(name: "w", description: "d", shape: .function),
        ]
        #expect(Linter().lint(clash).findings.map(\.rule.id) == ["duplicate-name"])
    }

    @Test(
        "type names get a suggestion",
        arguments: [
            ("dict", "use object"), ("float", "use number"), ("int", "use integer"), ("str", "use string"),
            ("bool", "use boolean"),
            ("list", "use array"), ("tuple", "prefixItems"), ("any", "leave type out"), ("String", "use \"string\""),
            ("HashMap", "use object"), ("long", "use integer"), ("double", "use number"),
            ("Integer", "use \"integer\""),
        ]
    )
    func typeSuggestions(_ name: String, _ advice: String) {
        let spec = ToolSpec(
            name: "f",
            description: "d",
            parameters: ["type": "object", "properties": ["a": ["type": .string(name), "description": "x"]]]
        )
        let finding = Linter().lint([spec]).findings.first { $0.rule.id == "type-name" }
        #expect(finding?.message.contains(advice) == true, "\(finding?.message ?? "none")")
    }

    @Test(
        "misspelled keywords get a did-you-mean",
        arguments: [
            ("require", "required"), ("minimun", "minimum"), ("additionalProperty", "additionalProperties"),
            ("enums", "enum"),
            ("maxlength", "maxLength"), ("propertys", "properties"), ("descripton", "description"),
        ]
    )
    func misspellings(_ keyword: String, _ suggestion: String) {
        let spec = ToolSpec(
            name: "f",
            description: "d",
            parameters: ["type": "object", "properties": [:], .init(stringLiteral: keyword): 1]
        )
        let finding = Linter().lint([spec]).findings.first
        #expect(finding?.rule.id == "misspelled-keyword")
        #expect(finding?.message.contains("did you mean \"\(suggestion)\"") == true, "\(finding?.message ?? "none")")
    }

    @Test(
        "valid specs produce nothing",
        arguments: [
            [
                "type": "object",
                "properties": [
                    "a": ["type": ["string", "null"], "description": "x", "enum": ["p", nil], "default": "p"]
                ],
            ],
            [
                "type": "object",
                "properties": [
                    "n": ["type": "integer", "description": "x", "minimum": 1, "maximum": 1, "examples": [1]]
                ],
            ],
            [
                "type": "object", "properties": ["r": ["$ref": "#/$defs/x", "description": "y"]],
                "$defs": ["x": ["type": "string"]],
            ],
            [
                "type": "object",
                "properties": ["p": ["type": "string", "description": "x", "pattern": "^[a-z]{2,3}(-[A-Z]+)?$"]],
            ],
            ["type": "object", "properties": ["x-extension": ["type": "string", "description": "x", "x-order": 1]]],
        ] as [JSONValue]
    )
    func validSpecs(_ schema: JSONValue) {
        let report = Linter().lint([ToolSpec(name: "f", description: "d", parameters: schema)])
        #expect(report.findings.isEmpty, "\(report.rendered())")
    }

    @Test func textOutput() throws {
        let text = SourceText(file: "t.yaml", bytes: Array("name: f\ndescription: d\nparameters:\n  type: dict\n".utf8))
        let report = Linter().lint([text])
        #expect(
            report.rendered() == """
                t.yaml:4:9: error: the arguments schema must have type: object at its root, found type: "dict" [root-type]
                  type: dict
                        ^
                t.yaml:4:9: error: "dict" is not a JSON Schema type; use object [type-name]
                  type: dict
                        ^
                1 file, 1 tool: 2 errors, 0 warnings

                """
        )
    }

    @Test func jsonAndGithubOutput() throws {
        let text = SourceText(
            file: "a,b.yaml",
            bytes: Array("name: f\nparameters: {type: object, properties: {}}\n".utf8)
        )
        let report = Linter().lint([text])
        let json = report.json()
        #expect(
            json[0] == [
                "file": "a,b.yaml", "line": 1, "column": 1, "pointer": "", "rule": "missing-description",
                "severity": "warning", "message": json[0]?["message"] ?? nil,
            ]
        )
        #expect(
            report.githubAnnotations().hasPrefix(
                "::warning file=a%2Cb.yaml,line=1,col=1,title=missing-description::the tool \"f\""
            )
        )
    }

    @Test("SARIF 2.1.0 has the structure code scanning requires")
    func sarif() throws {
        let text = SourceText(
            file: "dir/t.yaml",
            bytes: Array("name: f\ndescription: d\nparameters:\n  type: dict\n".utf8)
        )
        let log = Linter().lint([text]).sarif()
        #expect(log["version"] == "2.1.0")
        #expect(log["$schema"]?.stringValue?.contains("sarif-2.1.0") == true)
        let run = try #require(log["runs"]?[0])
        #expect(run["tool"]?["driver"]?["name"] == "toolschema")
        #expect(run["tool"]?["driver"]?["version"] == .string(ToolSchemaInfo.version))
        let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
        #expect(rules.map { $0["id"] } == ["root-type", "type-name"])
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == 2)
        for result in results {
            #expect(result["level"] == "error")
            #expect(result["message"]?["text"]?.stringValue?.isEmpty == false)
            let location = try #require(result["locations"]?[0]?["physicalLocation"])
            #expect(location["artifactLocation"]?["uri"] == "dir/t.yaml")
            #expect(location["region"] == ["startLine": 4, "startColumn": 9])
            let index = try #require(result["ruleIndex"]?.intValue)
            #expect(rules[index]["id"] == result["ruleId"])
        }
    }

    @Test("thousands of specs lint quickly (checked by the harness's time limit, not asserted)")
    func manySpecs() {
        let specs = (0..<3000).map { k in
            ToolSpec(
                name: "tool_\(k)",
                description: "d",
                parameters: [
                    "type": "object",
                    "properties": [
                        "a": ["type": "string", "description": "x", "enum": ["p", "q"]],
                        "b": ["type": "integer", "description": "y", "minimum": 0],
                    ], "required": ["a"],
                ]
            )
        }
        let report = Linter(profiles: [.portable, .anthropic, .mcp]).lint(specs)
        #expect(report.findings.isEmpty)
        #expect(report.toolCount == 3000)
    }
}

@Suite struct RegexSyntaxTests {
    @Test(
        "valid ECMA-262 patterns compile",
        arguments: [
            "^[a-z]+$", "\\d{3}-\\d{4}", "^(\\w+\\s?)*$", "a|b|c", "(?:ab)+?", "[\\w.-]+@[\\w-]+\\.[a-z]{2,}",
            "\\u00e9\\x41",
            "^SKU-[0-9]{4,}$", "[^\\s]", "\\/path\\/", "a{2}", "(?<year>\\d{4})", "[\\b]", "", "^$", "\\bword\\b",
            "x{,3}", "a{",
            "]", "\\uD83D\\uDE00", "\\u{1F600}", "[中文]+", "\\.", "\\cJ",
        ]
    )
    func valid(_ pattern: String) throws {
        // Compiles, and has nothing a linear-time engine cannot run.
        #expect(try RegexCheck.compile(pattern) == nil)
    }

    @Test(
        "invalid patterns are errors with a position",
        arguments: [
            ("(a", 0), ("a)", 1), ("[a-", 0), ("*a", 0), ("a**", 2), ("[z-a]", 1), ("a{3,1}", 1), ("\\", 0),
            ("(?P<n>a)", 2),
            ("\\p{Script=Han}", 0), ("\\q", 0), ("+", 0), ("a{2}{3}", 4), ("(?<a>x)(?<a>y)", 10), ("\\uD800", 0),
            ("\\01", 0),
        ]
    )
    func invalid(_ pattern: String, _ index: Int) {
        do {
            _ = try RegexCheck.compile(pattern)
            Issue.record("expected an error for /\(pattern)/")
        } catch {
            #expect(error.index == index, "\(error.message)")
        }
    }

    @Test("backreferences are recognised", arguments: ["(a)\\1", "(?<n>a)\\k<n>", "(?=(a))\\1"])
    func unsupported(_ pattern: String) throws {
        #expect(try RegexCheck.compile(pattern) != nil)
    }

    @Test("lookarounds are accepted: they run in linear time", arguments: ["a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b"])
    func lookaround(_ pattern: String) throws {
        #expect(try RegexCheck.compile(pattern) == nil)
        let report = Linter().lint([
            ToolSpec(
                name: "f",
                description: "d",
                parameters: [
                    "type": "object",
                    "properties": ["p": ["type": "string", "pattern": .string(pattern), "description": "x"]],
                ]
            )
        ])
        #expect(!report.findings.contains { $0.rule == .pattern }, "\(report.rendered())")
    }
}

@Suite struct ValueTypeRuleTests {
    @Test("default, examples and const are validated against their own schema, $refs resolved")
    func fullValidation() {
        let spec = ToolSpec(
            name: "f",
            description: "d",
            parameters: [
                "type": "object",
                "properties": [
                    "d": ["type": "string", "format": "date", "default": "24/12/2026", "description": "x"],
                    "n": ["type": "integer", "minimum": 1, "examples": [0, 2], "description": "x"],
                    "r": ["$ref": "#/$defs/code", "default": "abc", "description": "x"],
                    "c": ["type": "string", "maxLength": 2, "const": "abc", "description": "x"],
                    "ok": ["type": "string", "pattern": "^[a-z]+$", "default": "abc", "description": "x"],
                ],
                "$defs": ["code": ["type": "string", "pattern": "^[0-9]+$"]],
            ]
        )
        let findings = Linter().lint([spec]).findings.filter { $0.rule.id == "value-type" }
        #expect(
            findings.map(\.pointer.description).sorted() == [
                "/properties/c/const", "/properties/d/default", "/properties/n/examples/0", "/properties/r/default",
            ]
        )
        #expect(findings.contains { $0.message.contains("expected a string matching /^[0-9]+$/") })
    }
}
