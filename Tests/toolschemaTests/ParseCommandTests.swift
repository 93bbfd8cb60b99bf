import Foundation
import Testing

@Suite struct ParseCommandTests {
    @Test("parses a shipped spec and prints compact JSON")
    func parsesSchemaFile() throws {
        let result = try CLI.run(["parse", "schemas/get_weather.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix(#"{"type":"function","function":{"name":"get_weather","description":"获取指定城市"#))
        #expect(result.stdout.hasSuffix("\"additionalProperties\":false}}}\n"))
    }

    @Test func pretty() throws {
        let result = try CLI.run(["parse", "--pretty"], stdin: #"{"a":[1,{"b":null}]}"#)
        #expect(result.status == 0)
        #expect(result.stdout == "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ]\n}\n")
    }

    @Test("reads stdin with '-' and with no path; keeps numbers exactly")
    func stdin() throws {
        let input = #"[1e400, 12345678901234567890123, -0, 0.10]"#
        for arguments in [["parse", "-"], ["parse"]] {
            let result = try CLI.run(arguments, stdin: input)
            #expect(result.status == 0)
            #expect(result.stdout == "[1e400,12345678901234567890123,-0,0.10]\n")
        }
    }

    @Test("invalid JSON: exit 1, compiler-style message with the line and a caret")
    func invalid() throws {
        let path = try CLI.temporaryFile(Array("{\n  \"city\": \"Paris\",\n}\n".utf8), name: "args.json")
        let result = try CLI.run(["parse", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "\(path):2:18: error: trailing comma before '}'; remove it\n  \"city\": \"Paris\",\n                 ^\n"
        )
    }

    @Test func invalidFromStdin() throws {
        let result = try CLI.run(["parse"], stdin: "{'a': 1}")
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "<stdin>:1:2: error: expected a property name in double quotes, found a single quote\n"
            )
        )
    }

    @Test("--repair prints the value and each repair with its line and column")
    func repair() throws {
        let input = "```json\n{'city': 'Paris', unit: None,}\n```"
        let result = try CLI.run(["parse", "--repair"], stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout == "{\"city\":\"Paris\",\"unit\":null}\n")
        #expect(
            result.stderr == """
                <stdin>:1:1: repaired: removed a markdown code fence around the JSON [code-fence]
                <stdin>:2:2: repaired: read a single-quoted string as a JSON string [single-quotes]
                <stdin>:2:10: repaired: read a single-quoted string as a JSON string [single-quotes]
                <stdin>:2:19: repaired: put the property name unit in double quotes [unquoted-key]
                <stdin>:2:25: repaired: read None as null [non-json-literal]
                <stdin>:2:29: repaired: removed a trailing comma before '}' [trailing-comma]

                """
        )
    }

    @Test("--repair on valid JSON changes nothing and says nothing")
    func repairValid() throws {
        let result = try CLI.run(["parse", "--repair"], stdin: #"{"a": 1}"#)
        #expect(result.status == 0)
        #expect(result.stdout == "{\"a\":1}\n")
        #expect(result.stderr.isEmpty)
    }

    @Test("--repair on truncated input prints what arrived and warns")
    func repairTruncated() throws {
        let result = try CLI.run(["parse", "--repair"], stdin: #"{"city": "Par"#)
        #expect(result.status == 0)
        #expect(result.stdout == "{\"city\":\"Par\"}\n")
        #expect(result.stderr.contains("[truncated]"))
        #expect(result.stderr.contains("warning: the input was truncated"))
    }

    @Test("--repair refuses merged calls with exit 1")
    func repairMerged() throws {
        let result = try CLI.run(["parse", "--repair"], stdin: #"{"a":1}{"b":2}"#)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("<stdin>:1:8: error: found two JSON values in a row"))
    }

    @Test("--repair on unrepairable text: exit 1 with a position")
    func repairFails() throws {
        let result = try CLI.run(["parse", "--repair"], stdin: "city: Paris")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:1:1: error:"))
    }

    @Test("invalid UTF-8 in a file is exit 1, not a crash")
    func binaryFile() throws {
        let path = try CLI.temporaryFile([0x22, 0xFF, 0xFE, 0x22])
        let result = try CLI.run(["parse", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("invalid UTF-8"))
    }

    @Test("I/O errors: exit 2", arguments: [["parse", "/nonexistent/args.json"], ["parse", "/tmp"]])
    func ioErrors(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("toolschema: error: cannot read '\(arguments[1])'"))
    }

    @Test(
        "an unreadable file: exit 2",
        .enabled(if: getuid() != 0, "root can read any file, so there is nothing to test as root")
    )
    func unreadable() throws {
        let path = try CLI.temporaryFile(Array("{}".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        let result = try CLI.run(["parse", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("permission denied"))
    }

    @Test("usage errors: exit 2 with the usage", arguments: [["parse", "--bogus"], ["parse", "a", "b"], ["nosuch"]])
    func usage(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Usage:") || result.stderr.contains("Error:"))
    }

    @Test func help() throws {
        let result = try CLI.run(["parse", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: toolschema parse [--repair] [--pretty] [<file>]"))
        let root = try CLI.run(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("parse"))
    }
}
