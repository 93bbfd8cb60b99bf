import Foundation
import Testing
import ToolSchema

@Suite struct LintCommandTests {
    @Test("the README's main job: lint schemas/ exits 0")
    func schemasAreClean() throws {
        let result = try CLI.run(["lint", "schemas"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("tools: 0 errors, 0 warnings\n"))
        #expect(result.stdout.hasPrefix("8 files, 8 tools"))
    }

    @Test("--version prints the package's version (the one SARIF reports) and libyaml's")
    func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "toolschema \(ToolSchemaInfo.version) (libyaml \(LibYAML.version))\n")
        let sarif = try CLI.run(["lint", "--format", "sarif", "schemas"])
        #expect(sarif.stdout.contains("\"version\": \"\(ToolSchemaInfo.version)\""))
    }

    func writeSpec(_ text: String, name: String = "spec.yaml") throws -> String {
        try CLI.temporaryFile(Array(text.utf8), name: name)
    }

    @Test("errors: exit 1, text with the line, a caret and the rule")
    func errors() throws {
        let path = try writeSpec("name: f\ndescription: d\nparameters:\n  type: dict\n")
        let result = try CLI.run(["lint", path])
        #expect(result.status == 1)
        #expect(
            result.stdout.hasPrefix(
                "\(path):4:9: error: the arguments schema must have type: object at its root, found type: \"dict\" [root-type]\n  type: dict\n        ^\n"
            )
        )
        #expect(result.stdout.hasSuffix("1 file, 1 tool: 2 errors, 0 warnings\n"))
    }

    @Test("warnings: exit 0, or 1 with --warnings-as-errors")
    func warnings() throws {
        let path = try writeSpec("name: f\nparameters: {type: object, properties: {}}\n")
        #expect(try CLI.run(["lint", path]).status == 0)
        #expect(try CLI.run(["lint", "--warnings-as-errors", path]).status == 1)
    }

    @Test("profiles add rules; several combine")
    func profiles() throws {
        let path = try writeSpec("name: get weather\ndescription: d\n")
        #expect(try CLI.run(["lint", path]).status == 0)
        let result = try CLI.run(["lint", "--profile", "openai", "--profile", "gemini", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[openai-name]"))
        #expect(result.stdout.contains("[gemini-name]"))
    }

    @Test func jsonFormat() throws {
        let path = try writeSpec("name: f\ndescription: d\nparameters:\n  type: dict\n")
        let result = try CLI.run(["lint", "--format", "json", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"rule\": \"root-type\""))
        #expect(result.stdout.contains("\"line\": 4"))
        #expect(result.stdout.contains("\"pointer\": \"/parameters/type\""))
    }

    @Test func githubFormat() throws {
        let path = try writeSpec("name: f\ndescription: d\nparameters:\n  type: dict\n")
        let result = try CLI.run(["lint", "--format", "github", path])
        #expect(result.stdout.hasPrefix("::error file=\(path),line=4,col=9,title=root-type::"))
    }

    @Test func sarifFormat() throws {
        let path = try writeSpec("name: f\ndescription: d\nparameters:\n  type: dict\n")
        let result = try CLI.run(["lint", "--format", "sarif", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"version\": \"2.1.0\""))
        #expect(result.stdout.contains("\"startLine\": 4"))
    }

    @Test("directories are searched recursively for .json, .yaml and .yml")
    func directories() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lint-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("nested/.hidden"),
            withIntermediateDirectories: true
        )
        try Data("name: a\ndescription: d\n".utf8).write(to: root.appendingPathComponent("a.yaml"))
        try Data(#"{"name": "b", "description": "d"}"#.utf8).write(to: root.appendingPathComponent("nested/b.json"))
        try Data("name: c\ndescription: d\n".utf8).write(to: root.appendingPathComponent("nested/c.yml"))
        try Data("not a spec".utf8).write(to: root.appendingPathComponent("nested/readme.txt"))
        try Data("name: [".utf8).write(to: root.appendingPathComponent("nested/.hidden/broken.yaml"))
        let result = try CLI.run(["lint", root.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout == "3 files, 3 tools: 0 errors, 0 warnings\n")
    }

    @Test("a broken file is a finding (exit 1), a missing path is an I/O error (exit 2)")
    func brokenAndMissing() throws {
        let broken = try writeSpec("name: [\n")
        let result = try CLI.run(["lint", broken])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[syntax]"))
        #expect(try CLI.run(["lint", "/nonexistent/dir"]).status == 2)
        #expect(try CLI.run(["lint"]).status == 2)
        #expect(try CLI.run(["lint", "--format", "xml", "schemas"]).status == 2)
        #expect(try CLI.run(["lint", "--profile", "nope", "schemas"]).status == 2)
    }

    @Test func stdin() throws {
        let result = try CLI.run(["lint", "-"], stdin: "name: f\ndescription: d\n")
        #expect(result.status == 0)
    }
}
