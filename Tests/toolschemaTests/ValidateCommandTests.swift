import Foundation
import Testing

@Suite struct ValidateCommandTests {
    let schema = "schemas/get_weather.json"

    @Test("valid: exit 0, the final arguments on stdout, the changes on stderr")
    func valid() throws {
        let result = try CLI.run(["validate", "--schema", schema, #"{'city': '北京', 'unit': 'Celsius'}"#])
        #expect(result.status == 0)
        #expect(result.stdout == "{\"city\":\"北京\",\"unit\":\"celsius\"}\n")
        #expect(
            result.stderr.contains(
                "<arguments>:1:2: repaired: read a single-quoted string as a JSON string [single-quotes]"
            )
        )
        #expect(
            result.stderr.contains("coerced: /unit: changed \"Celsius\" to the allowed value \"celsius\" [enum-case]")
        )
    }

    @Test("invalid: exit 1, the errors and the hint on stderr")
    func invalid() throws {
        let result = try CLI.run(["validate", "--schema", schema, #"{"citty": "北京"}"#])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: /citty: unexpected property \"citty\""))
        #expect(
            result.stderr.contains("hint for the model:\nThe arguments for `get_weather` do not match its parameters:")
        )
    }

    @Test("--format json prints exactly one object with the documented fields")
    func json() throws {
        let result = try CLI.run(["validate", "--schema", schema, "--format", "json", #"{"city": 5}"#])
        #expect(result.status == 0)
        #expect(
            result.stdout
                == #"{"valid":true,"arguments":{"city":"5"},"errors":[],"repairs":[{"path":"/city","kind":"scalar-to-string","message":"converted the number 5 to the string \"5\""}],"hint":null}"#
                + "\n"
        )
        let bad = try CLI.run(["validate", "--schema", schema, "--format", "json", #"{"unit": "kelvin"}"#])
        #expect(bad.status == 1)
        #expect(
            bad.stdout.hasPrefix(
                ##"{"valid":false,"arguments":{"unit":"kelvin"},"errors":[{"path":"","schemaPath":"#/required","keyword":"required""##
            )
        )
        #expect(bad.stdout.contains(#""hint":"The arguments for `get_weather` do not match its parameters:"#))
    }

    @Test("modes: strict changes nothing, coerce needs valid JSON, repair does both")
    func modes() throws {
        #expect(try CLI.run(["validate", "--schema", schema, "--mode", "strict", #"{"city": 5}"#]).status == 1)
        #expect(try CLI.run(["validate", "--schema", schema, "--mode", "coerce", #"{"city": 5}"#]).status == 0)
        #expect(try CLI.run(["validate", "--schema", schema, "--mode", "coerce", "{'city': 'a'}"]).status == 1)
        #expect(try CLI.run(["validate", "--schema", schema, "--mode", "repair", "{'city': 'a'}"]).status == 0)
    }

    @Test("arguments from stdin and from a file")
    func inputs() throws {
        #expect(try CLI.run(["validate", "--schema", schema], stdin: #"{"city": "a"}"#).status == 0)
        let file = try CLI.temporaryFile(Array(#"{"city": "a"}"#.utf8))
        #expect(try CLI.run(["validate", "--schema", schema, "--arguments-file", file]).stdout == "{\"city\":\"a\"}\n")
    }

    @Test("--batch: one result per line, in order; exit 1 when any is invalid")
    func batch() throws {
        let lines = (0..<500).map { #"{"city": "c\#($0)"}"# } + [#"{"city": 1}"#, "", #"{"a":1}{"b":2}"#]
        let result = try CLI.run(
            ["validate", "--schema", schema, "--batch"],
            stdin: lines.joined(separator: "\n") + "\n"
        )
        #expect(result.status == 1)
        let out = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(out.count == 503)
        #expect(out[0] == #"{"valid":true,"arguments":{"city":"c0"},"errors":[],"repairs":[],"hint":null}"#)
        #expect(out[500].contains(#""valid":true"#))
        #expect(out[501].contains(#""keyword":"required""#))
        #expect(out[502].contains(#""keyword":"json""#))
        let allValid = try CLI.run(["validate", "--schema", schema, "--batch"], stdin: #"{"city": "a"}"# + "\n")
        #expect(allValid.status == 0)
    }

    @Test("--batch across blocks: 20,000 lines in order, whatever --jobs says; CRLF, no final newline")
    func batchAcrossBlocks() throws {
        // More lines than one block holds (8,192), some invalid, the last without a newline.
        let lines = (0..<20_000).map { $0 % 997 == 0 ? #"{"town": "t\#($0)"}"# : #"{"city": "c\#($0)"}"# }
        let input = lines.joined(separator: "\r\n")
        var outputs: [String] = []
        for jobs in ["1", "2", "3"] {
            let result = try CLI.run(["validate", "--schema", schema, "--batch", "--jobs", jobs], stdin: input)
            #expect(result.status == 1)
            outputs.append(result.stdout)
        }
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
        let out = outputs[0].split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.count == 20_001 && out.last == "")
        for k in [0, 1, 8_191, 8_192, 8_193, 16_384, 19_999] {
            let expected = k % 997 == 0 ? #""keyword":"required""# : #""city":"c\#(k)""#
            #expect(out[k].contains(expected), "line \(k): \(out[k])")
        }
    }

    @Test("--batch: a line longer than a block is read whole; invalid UTF-8 is an error at its byte, not replaced")
    func batchLongLinesAndBytes() throws {
        let long = #"{"city": ""# + String(repeating: "北", count: 1_500_000) + #""}"#  // 4.5 MB
        var input = Array((long + "\n").utf8)
        input += Array(#"{"city": "a"#.utf8) + [0xFF] + Array(#""}"#.utf8) + [0x0A]
        let result = try CLI.run(["validate", "--schema", schema, "--batch"], stdinBytes: input)
        #expect(result.status == 1)
        let out = result.stdout.split(separator: "\n")
        #expect(out.count == 2)
        #expect(out[0].hasPrefix(#"{"valid":true"#) && out[0].utf8.count > 4_500_000)
        #expect(out[1].contains(#""keyword":"json""#) && out[1].contains("UTF-8"), "\(out[1])")
    }

    @Test("--jobs needs --batch and at least one job")
    func jobsUsage() throws {
        #expect(try CLI.run(["validate", "--schema", schema, "--jobs", "2", "{}"]).status == 2)
        #expect(try CLI.run(["validate", "--schema", schema, "--batch", "--jobs", "0"]).status == 2)
    }

    @Test("several tools: --tool picks one, otherwise an error lists them")
    func toolSelection() throws {
        let file = try CLI.temporaryFile(
            Array("- name: a\n  parameters: {type: object, properties: {x: {type: integer}}}\n- name: b\n".utf8),
            name: "tools.yaml"
        )
        let none = try CLI.run(["validate", "--schema", file, "{}"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("choose one with --tool: a, b"))
        #expect(try CLI.run(["validate", "--schema", file, "--tool", "a", #"{"x": "3"}"#]).stdout == "{\"x\":3}\n")
        let missing = try CLI.run(["validate", "--schema", file, "--tool", "c", "{}"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no tool named \"c\""))
    }

    @Test("a bare JSON Schema in YAML works; a broken schema is exit 2 with its position")
    func schemas() throws {
        let bare = try CLI.temporaryFile(
            Array("type: object\nproperties:\n  d: {type: string, format: date}\n".utf8),
            name: "s.yaml"
        )
        #expect(try CLI.run(["validate", "--schema", bare, #"{"d": "2026-12-24"}"#]).status == 0)
        #expect(try CLI.run(["validate", "--schema", bare, #"{"d": "24/12"}"#]).status == 1)
        #expect(try CLI.run(["validate", "--schema", bare, "--no-assert-formats", #"{"d": "24/12"}"#]).status == 0)
        let broken = try CLI.temporaryFile(
            Array("type: object\nproperties:\n  d: {pattern: \"(x\"}\n".utf8),
            name: "b.yaml"
        )
        let result = try CLI.run(["validate", "--schema", broken, "{}"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("b.yaml:3:16: error: the pattern /(x/ cannot be used"))
    }

    @Test func fillDefaults() throws {
        let file = try CLI.temporaryFile(
            Array("type: object\nproperties:\n  n: {type: integer, default: 3}\n".utf8),
            name: "d.yaml"
        )
        #expect(try CLI.run(["validate", "--schema", file, "--fill-defaults", "{}"]).stdout == "{\"n\":3}\n")
        #expect(try CLI.run(["validate", "--schema", file, "{}"]).stdout == "{}\n")
    }

    @Test(
        "usage and I/O errors: exit 2",
        arguments: [
            ["validate", "{}"], ["validate", "--schema", "/nonexistent.json", "{}"],
            ["validate", "--schema", "schemas/get_weather.json", "--mode", "lax", "{}"],
            ["validate", "--schema", "schemas/get_weather.json", "--batch", "{}"],
        ]
    )
    func usage(_ arguments: [String]) throws {
        #expect(try CLI.run(arguments).status == 2)
    }
}

@Suite(.timeLimit(.minutes(1)))
struct ValidateStreamTests {
    @Test("--stream ends with exit 1 and the hint while stdin is still open, once an invented name is complete")
    func decidesBeforeTheEnd() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["validate", "--stream", "--schema", "schemas/get_weather.json"]
        process.currentDirectoryURL = CLI.packageRoot
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data(#"{"cityName": "Bei"#.utf8))
        // No end of input: the command must decide from what arrived.
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try? input.fileHandleForWriting.close()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("unexpected property \"cityName\""))
        #expect(stderr.contains("no continuation can be valid"))
        #expect(stderr.contains("hint for the model:"))
    }

    @Test("--stream on a text that stays possible gives the whole-text outcome at the end")
    func endsLikeValidate() throws {
        let valid = try CLI.run(
            ["validate", "--stream", "--schema", "schemas/get_weather.json"],
            stdin: #"{"city": "北京"}"#
        )
        #expect(valid.status == 0)
        #expect(valid.stdout == "{\"city\":\"北京\"}\n")
        let repaired = try CLI.run(
            ["validate", "--stream", "--schema", "schemas/get_weather.json", "--format", "json"],
            stdin: "{'city': 'Beijing', 'unit': 'Celsius'}"
        )
        #expect(repaired.status == 0)
        #expect(repaired.stdout.contains(#""valid":true"#))
        let usage = try CLI.run(["validate", "--stream", "--batch", "--schema", "schemas/get_weather.json"])
        #expect(usage.status == 2)
    }
}

@Suite struct UndeclaredCommandTests {
    @Test("warnings go to stderr and into --format json; --undeclared reject refuses with exit 1")
    func warnings() throws {
        let args = #"{"query": "退款", "tag": "faq"}"#
        let text = try CLI.run(["validate", "--schema", "schemas/search_documents.yaml", args])
        #expect(text.status == 0)
        #expect(
            text.stderr.contains("warning: /tag: \"tag\" is not declared, and looks like \"tags\", which is missing")
        )
        let json = try CLI.run(["validate", "--schema", "schemas/search_documents.yaml", "--format", "json", args])
        #expect(json.stdout.contains(#""warnings":[{"path":"/tag","kind":"undeclared-lookalike""#))
        let refused = try CLI.run([
            "validate", "--schema", "schemas/search_documents.yaml", "--undeclared", "reject", args,
        ])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("did you mean `tags`? Rename it and send the value as an array: [\"faq\"]"))
    }
}
