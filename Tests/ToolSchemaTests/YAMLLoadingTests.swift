import TestSupport
import Testing
import ToolSchema

@Suite struct YAMLLoadingTests {
    func load(_ text: String, limits: YAMLLimits = YAMLLimits()) throws(LoadError) -> [LoadedDocument] {
        try LoadedDocument.loadYAML(SourceText(file: "t.yaml", bytes: Array(text.utf8)), limits: limits)
    }

    func value(_ text: String) throws -> JSONValue {
        let documents = try load(text)
        try #require(documents.count == 1)
        return documents[0].value
    }

    func loadError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> LoadError? {
        do {
            let documents = try load(text)
            Issue.record("expected an error, loaded \(documents.map(\.value))", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test("the Norway problem: yes, no, on, off and NO stay strings")
    func norway() throws {
        let v = try value("country: NO\na: yes\nb: no\nc: on\nd: off\ne: Yes\nf: y\n")
        #expect(v == ["country": "NO", "a": "yes", "b": "no", "c": "on", "d": "off", "e": "Yes", "f": "y"])
    }

    @Test(
        "core schema scalars",
        arguments: [
            ("~", "null"), ("null", "null"), ("Null", "null"), ("NULL", "null"), ("", "null"),
            ("true", "true"), ("True", "true"), ("TRUE", "true"), ("false", "false"), ("FALSE", "false"),
            ("TrUe", #""TrUe""#), ("nULL", #""nULL""#),
            ("42", "42"), ("-7", "-7"), ("+3", "3"), ("007", "7"), ("-0", "-0"), ("0o17", "15"), ("0x1F", "31"),
            ("0xFFFFFFFFFFFFFFFFFFFF", "1208925819614629174706175"), ("1.5", "1.5"), ("-2e3", "-2e3"), (".5", "0.5"),
            ("1.", "1"), ("+1.25E+2", "1.25e+2"), ("1e400", "1e400"),
            ("12345678901234567890123", "12345678901234567890123"),
            ("0x", #""0x""#), ("1_000", #""1_000""#), ("0b101", #""0b101""#), ("1.2.3", #""1.2.3""#),
            ("'42'", #""42""#), ("\"true\"", #""true""#), ("'~'", #""~""#), ("2026-12-24", #""2026-12-24""#),
            ("北京", #""北京""#),
        ]
    )
    func scalars(_ yaml: String, _ json: String) throws {
        let v = try value("v: \(yaml)\n")
        #expect(v["v"] == (try JSONValue(parsing: json)), "got \(String(describing: v["v"]))")
        #expect(v["v"]?.numberValue?.literal == (try JSONValue(parsing: json)).numberValue?.literal)
    }

    @Test func blockScalarsAreStrings() throws {
        let v = try value("a: |\n  42\n  true\nb: >\n  folded\n  text\n")
        #expect(v == ["a": "42\ntrue\n", "b": "folded text\n"])
    }

    @Test("infinity and NaN are errors", arguments: [".inf", "-.inf", "+.Inf", ".nan", ".NaN", "!!float .inf"])
    func specialFloats(_ yaml: String) throws {
        let error = try #require(loadError("a: 1\nv: \(yaml)\n"))
        #expect(error.message.contains("JSON"))
        expectPosition(error.position, line: 2, column: 4)
    }

    @Test(
        "core tags are honoured",
        arguments: [
            ("!!str 42", #""42""#), ("!!str true", #""true""#), ("!!int \"42\"", "42"), ("!!float 7", "7"),
            ("!!float '2.5'", "2.5"), ("!!bool 'true'", "true"), ("!!null ''", "null"), ("! 42", #""42""#),
            ("!!seq [1]", "[1]"), ("!!map {a: 1}", #"{"a":1}"#),
        ]
    )
    func tags(_ yaml: String, _ json: String) throws {
        #expect(try value("v: \(yaml)\n")["v"] == (try JSONValue(parsing: json)))
    }

    @Test(
        "wrong and unknown tags are errors",
        arguments: [
            "!!int abc", "!!bool yes", "!!null x", "!!float abc", "!custom x", "!!binary aGk=", "!!set {a}",
            "!!omap [a: 1]",
        ]
    )
    func badTags(_ yaml: String) throws {
        let error = try #require(loadError("v: \(yaml)\n"))
        expectPosition(error.position, line: 1, column: 4)
    }

    @Test func anchorsAndAliases() throws {
        let v = try value("base: &b {type: string, enum: [a, b]}\ncopy: *b\nlist: [&x 1, *x]\n")
        #expect(v["copy"] == v["base"])
        #expect(v["list"] == [1, 1])
    }

    @Test("merge keys: explicit keys win, earlier sources win")
    func mergeKeys() throws {
        let yaml = """
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            one:
              <<: *a
              x: 9
            many:
              <<: [*a, *b]
              w: 0
            inline:
              <<: {k: v}
            """
        let v = try value(yaml)
        #expect(v["one"] == ["x": 9, "y": 1])
        #expect(v["many"] == ["x": 1, "y": 1, "z": 2, "w": 0])
        #expect(v["inline"] == ["k": "v"])
    }

    @Test func mergeKeyNeedsMappings() throws {
        let error = try #require(loadError("a:\n  <<: 5\n"))
        expectPosition(error.position, line: 2, column: 7)
    }

    @Test func severalDocuments() throws {
        let documents = try load("---\nname: a\n---\nname: b\n...\n---\n")
        #expect(documents.map(\.value) == [["name": "a"], ["name": "b"], nil])
        expectPosition(documents[1].position(of: ["name"]), line: 4, column: 7)
    }

    @Test("a billion laughs document is an error, fast, with small memory")
    func billionLaughs() throws {
        var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for k in 1...9 {
            let refs = Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(k): &a\(k) [\(refs)]\n"
        }
        let error = try #require(loadError(yaml))
        #expect(error.message.contains("more than 100000 values"))
    }

    @Test("a number longer than a JSON reader takes is an error at its place, fast; quoted, it is text")
    func longNumbers() throws {
        let decimal = String(repeating: "7", count: 1_000)
        #expect(try value("n: \(decimal)")["n"]?.numberValue?.description == decimal)
        for text in [
            String(repeating: "7", count: 1_001),
            "0x" + String(repeating: "c", count: 900),  // 1,084 decimal digits
            "!!int 0o" + String(repeating: "7", count: 999),
            "!!float 1." + String(repeating: "5", count: 1_000),
            "0x" + String(repeating: "f", count: 1_000_000),  // refused before its digits are read
        ] {
            let error = try #require(loadError("n: \(text)\n"))
            #expect(error.code == .limit, "\(text.prefix(20))")
            #expect(error.message.contains("more than the limit of 1000; quote it to keep it as text"))
            #expect(error.position?.line == 1 && error.position?.column == 4)
        }
        let quoted = "0x" + String(repeating: "c", count: 900)
        #expect(try value("n: '\(quoted)'")["n"] == .string(quoted))
        #expect(try value("n: 0x\(String(repeating: "c", count: 800))")["n"]?.numberValue?.description.count == 964)
    }

    @Test func aliasLimitIsConfigurable() throws {
        var limits = YAMLLimits()
        limits.maxValues = 5
        #expect(throws: LoadError.self) { try load("[1, 2, 3, 4, 5, 6]", limits: limits) }
    }

    @Test func tabsInIndentationAreLibyamlErrors() throws {
        let error = try #require(loadError("a:\n\tb: 1\n"))
        #expect(error.position?.line == 2)
        #expect(error.message.contains("tab") || error.message.contains("cannot start"), "\(error.message)")
    }

    @Test("duplicate keys name both positions")
    func duplicateKeys() throws {
        let error = try #require(loadError("name: a\nx: 1\nname: b\n"))
        #expect(error.message.contains("duplicate key \"name\""))
        expectPosition(error.position, line: 3, column: 1)
        expectPosition(error.relatedPosition, line: 1, column: 1)
    }

    @Test func nonScalarKeys() throws {
        let error = try #require(loadError("? [a, b]\n: c\n"))
        #expect(error.message.contains("scalar"))
        expectPosition(error.position, line: 1, column: 3)
    }

    @Test func undefinedAndRecursiveAliases() throws {
        #expect(loadError("a: *nothing\n")?.message.contains("no anchor") == true)
        #expect(loadError("a: &x [1, *x]\n")?.message.contains("recursive") == true)
    }

    @Test("non-UTF-8 and binary files are errors, not crashes")
    func binary() throws {
        let bad = SourceText(file: "b.yaml", bytes: Array("a: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8))
        do {
            _ = try LoadedDocument.loadYAML(bad)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("UTF-8"))
            expectPosition(error.position, line: 1, column: 4)
        }
        let nul = SourceText(file: "n.yaml", bytes: Array("a: b".utf8) + [0, 1, 2])
        #expect(throws: LoadError.self) { try LoadedDocument.loadYAML(nul) }
    }

    @Test("libyaml syntax errors keep its line and column")
    func syntaxErrors() throws {
        let error = try #require(loadError("a: [1, 2\nb: 3\n"))
        #expect(error.position != nil)
        #expect(!error.message.isEmpty)
        let unclosed = try #require(loadError("a: \"open\n"))
        #expect(unclosed.position?.line == 2)
    }

    @Test("every value and key knows its line and column")
    func positions() throws {
        let yaml = """
            tools:
              - name: get_weather
                description: 获取天气
                parameters:
                  type: object
                  properties:
                    城市: {type: string}
            """
        let document = try #require(try load(yaml).first)
        expectPosition(document.position(of: ["tools", "0", "name"]), line: 2, column: 11, offset: 17)
        expectPosition(document.keyPosition(of: ["tools", "0", "name"]), line: 2, column: 5)
        expectPosition(document.position(of: ["tools", "0", "description"]), line: 3, column: 18)
        expectPosition(document.keyPosition(of: ["tools", "0", "parameters", "properties", "城市"]), line: 7, column: 9)
        expectPosition(
            document.position(of: ["tools", "0", "parameters", "properties", "城市", "type"]),
            line: 7,
            column: 20
        )
        // A pointer with no entry falls back to its nearest ancestor.
        expectPosition(document.position(of: ["tools", "0", "name", "nothing"]), line: 2, column: 11)
    }

    @Test func emptyStream() throws {
        #expect(try load("").isEmpty)
        #expect(try load("# only a comment\n").isEmpty)
    }

    @Test func deepNestingIsAnError() throws {
        let yaml = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: LoadError.self) { try load(yaml) }
    }
}
