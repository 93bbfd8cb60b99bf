import Foundation
import Testing
import ToolSchema

struct HintCase: Sendable, CustomTestStringConvertible {
    var spec: String
    var tool: String
    var mode: CheckMode
    var category: String
    var arguments: String
    var contains: [String]
    /// The call the model meant, where what it wrote determines it: the hint must be sure
    /// and its corrected arguments must equal this.
    var intended: JSONValue?
    /// Where what the model wrote does not determine the call: the places whose values only
    /// the model can choose, each of which the hint must name and mark.
    var choose: [JSONPointer]
    /// The undeclared-properties policy the call is checked with (`warn` unless given).
    var undeclared: Validator.UndeclaredProperties = .warn
    var testDescription: String { "\(category): \(tool) ← \(arguments.prefix(60))" }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let schemas = directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "schemas"
    )

    static let corpus: [HintCase] = {
        let url = directory.appendingPathComponent("Fixtures/hints/corpus.jsonl")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let v = try? JSONValue(parsing: String(line)) else { return nil }
            return HintCase(
                spec: v["spec"]?.stringValue ?? "",
                tool: v["tool"]?.stringValue ?? "",
                mode: CheckMode(rawValue: v["mode"]?.stringValue ?? "") ?? .strict,
                category: v["category"]?.stringValue ?? "",
                arguments: v["arguments"]?.stringValue ?? "",
                contains: (v["contains"]?.arrayValue ?? []).compactMap(\.stringValue),
                intended: v["intended"],
                choose: (v["choose"]?.arrayValue ?? []).compactMap {
                    $0.stringValue.flatMap { try? JSONPointer(parsing: $0) }
                },
                undeclared: v["undeclared"]?.stringValue.flatMap(Validator.UndeclaredProperties.init(rawValue:))
                    ?? .warn
            )
        }
    }()

    /// Whether `value` is the intended call, member order aside (the model's order is kept
    /// where it can be, but a rename or an unwrapping may move a member).
    func means(_ value: JSONValue) -> Bool {
        guard let intended else { return false }
        let writer = JSONWriter(sortsKeys: true)
        return writer.string(intended) == writer.string(value)
    }

    /// A spec in `schemas/`, or in the test fixtures when its path says `Fixtures/…`.
    static func validator(_ spec: String) throws -> Validator {
        let url =
            spec.hasPrefix("Fixtures/") ? directory.appendingPathComponent(spec) : schemas.appendingPathComponent(spec)
        let source = SourceText(file: spec, bytes: Array(try Data(contentsOf: url)))
        let specs = try ToolSpec.specs(in: LoadedDocument.load(source))
        return try Validator(spec: specs[0])
    }

    static func allToolNames() throws -> [String] {
        // Spec files only: schemas/ also holds the example tool script for `toolschema chat`.
        let files = try FileManager.default.contentsOfDirectory(atPath: schemas.path).sorted()
            .filter { DocumentFormat(path: $0) != nil }
        var names: Set<String> = []
        for file in files {
            let source = SourceText(
                file: file,
                bytes: Array(try Data(contentsOf: schemas.appendingPathComponent(file)))
            )
            for spec in try ToolSpec.specs(in: LoadedDocument.load(source)) { if let n = spec.name { names.insert(n) } }
        }
        return names.sorted()
    }

    func hint() throws -> (ModelHint, ArgumentCheck?, Validator?) {
        if category == "unknown-tool" {
            return (ModelHint(unknownTool: tool, available: try Self.allToolNames()), nil, nil)
        }
        let validator = try Self.validator(spec)
        var options = Validator.CheckOptions()
        options.undeclaredProperties = undeclared
        let check = validator.check(arguments: arguments, mode: mode, options: options)
        return (ModelHint(check: check, tool: tool, validator: validator), check, validator)
    }
}

@Suite struct HintCorpusTests {
    @Test func corpusIsLargeEnough() {
        #expect(HintCase.corpus.count >= 150)
        #expect(Set(HintCase.corpus.map(\.category)).count >= 10)
    }

    @Test("every bad call gets a hint with the facts it must contain", arguments: HintCase.corpus)
    func facts(_ c: HintCase) throws {
        let (hint, check, _) = try c.hint()
        if let check { #expect(!check.isValid, "the corpus holds only bad calls") }
        for fact in c.contains {
            #expect(hint.text.contains(fact), "missing \(fact.debugDescription) in:\n\(hint.text)")
        }
        #expect(hint.text.count <= ModelHint.defaultBudget, "\(hint.text.count) characters")
        if c.category != "unknown-tool" { #expect(hint.text.hasSuffix("again with corrected arguments.")) }
        // Deterministic: the same outcome gives the same text.
        #expect(try c.hint().0.text == hint.text)
    }

    static let valueLevel = HintCase.corpus.filter {
        !["truncated", "merged", "not-json", "unknown-tool"].contains($0.category)
    }

    @Test("every value-level call says what the model meant, or what only the model can choose")
    func corpusIsLabelled() {
        for c in Self.valueLevel {
            #expect((c.intended == nil) != c.choose.isEmpty, "\(c.testDescription)")
        }
    }

    @Test("a sure hint's corrected arguments are the call the model meant", arguments: valueLevel)
    func sureMeansIntended(_ c: HintCase) throws {
        let (hint, _, validator) = try c.hint()
        guard hint.isExactlyActionable, let corrected = hint.correctedArguments else { return }
        #expect(validator?.validate(corrected).isEmpty == true, "\(corrected)")
        // Sure and wrong is worse than unsure: the model would send a call nobody meant.
        #expect(c.means(corrected), "sure of \(corrected)\nmeant \(c.intended?.jsonString() ?? "a choice")")
    }

    @Test("a hint that is not sure names and marks every value only the model can choose", arguments: valueLevel)
    func choicesAreNamed(_ c: HintCase) throws {
        guard !c.choose.isEmpty else { return }
        let (hint, _, _) = try c.hint()
        #expect(!hint.isExactlyActionable)
        #expect(hint.items.contains { $0.fix == nil })
        for path in c.choose {
            #expect(hint.text.contains("`\(path.tokens.last ?? "")`"), "\(path) not named in:\n\(hint.text)")
            let marked = hint.correctedArguments.flatMap { path.resolve(in: $0) }?.stringValue
            #expect(marked?.hasPrefix("<") == true && marked?.hasSuffix(">") == true, "\(path) not marked")
        }
    }

    /// The rate issue 14 measures: of the calls whose intended arguments are determined by
    /// what the model wrote, how many get a hint whose stated fixes alone give exactly them;
    /// per kind, and over every value-level call.
    @Test("applying only the fixes a hint states gives the intended call (rate per kind)")
    func actionableRate() throws {
        var perKind: [String: (determined: Int, exact: Int, choice: Int)] = [:]
        for c in Self.valueLevel {
            let (hint, _, _) = try c.hint()
            var row = perKind[c.category] ?? (0, 0, 0)
            if c.intended != nil {
                row.determined += 1
                if hint.isExactlyActionable, let corrected = hint.correctedArguments, c.means(corrected) {
                    row.exact += 1
                }
            } else {
                row.choice += 1
            }
            perKind[c.category] = row
            if ProcessInfo.processInfo.environment["HINT_REPORT"] != nil, !hint.isExactlyActionable {
                print("not sure: \(c.category): \(c.arguments)\n\(hint.text)\n")
            }
        }
        let determined = perKind.values.map(\.determined).reduce(0, +)
        let exact = perKind.values.map(\.exact).reduce(0, +)
        let all = Self.valueLevel.count
        func percent(_ a: Int, _ b: Int) -> Int { b == 0 ? 0 : Int((Double(a) / Double(b) * 100).rounded()) }
        var report =
            "hint corpus: \(exact) of \(determined) determined calls exactly fixed (\(percent(exact, determined))%)"
        report +=
            "; \(exact) of \(all) value-level calls (\(percent(exact, all))%), the other \(all - determined) need a value only the model has\n"
        report +=
            "| kind | calls | determined | exactly fixed | needs the model's choice |\n|---|---:|---:|---:|---:|\n"
        for (kind, row) in perKind.sorted(by: { $0.key < $1.key }) {
            report +=
                "| \(kind) | \(row.determined + row.choice) | \(row.determined) | \(row.exact) | \(row.choice) |\n"
        }
        print(report)
        #expect(Double(exact) >= 0.95 * Double(determined), "\(report)")
    }
}

@Suite struct HintGoldenTests {
    let validator = try! Validator([
        "type": "object",
        "properties": [
            "city": ["type": "string", "description": "The city, e.g. Beijing"],
            "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]],
            "days": ["type": "integer", "minimum": 1, "maximum": 7],
        ],
        "required": ["city"],
        "additionalProperties": false,
    ])

    func hint(_ text: String, mode: CheckMode = .strict, budget: Int = ModelHint.defaultBudget) -> ModelHint {
        ModelHint(
            check: validator.check(arguments: text, mode: mode),
            tool: "get_weather",
            validator: validator,
            budget: budget
        )
    }

    @Test func renameAndEnum() {
        #expect(
            hint(#"{"City": "Paris", "unit": "Celsius"}"#).text == """
                The arguments for `get_weather` do not match its parameters:
                - `City` is not a parameter; did you mean `city`? Rename it.
                - `unit`: expected one of "celsius", "fahrenheit" but got "Celsius"; did you mean "celsius"?
                Corrected arguments: {"city":"Paris","unit":"celsius"}
                Call `get_weather` again with corrected arguments.
                """
        )
    }

    @Test("arguments wrapped in an invented key and wrong inside: said once, the inside hinted with the model's values")
    func wrappedAndWrongInside() {
        let h = hint(#"{"arguments": {"city": "Paris", "days": 10, "unit": "Celsius"}}"#, mode: .repair)
        #expect(
            h.text == """
                The arguments for `get_weather` do not match its parameters:
                - the arguments are wrapped in `arguments`; send the object inside it as the arguments.
                - `unit`: expected one of "celsius", "fahrenheit" but got "Celsius"; did you mean "celsius"?
                - `days`: expected at most 7 but got 10.
                Corrected arguments (fill in each <…>): {"city":"Paris","days":"<at most 7>","unit":"celsius"}
                Call `get_weather` again with corrected arguments.
                """
        )
        #expect(h.items.first?.kind == .wrongName)
        #expect(h.correctedArguments?["city"] == "Paris")
    }

    @Test("a name holding line breaks or control characters is written escaped, each item on one line")
    func controlCharactersInNames() {
        let h = hint("{\"ci\\nty\": \"Paris\", \"unit\\u0000\": \"celsius\"}")
        #expect(h.items.allSatisfy { !$0.line.contains("\n") && !$0.line.unicodeScalars.contains("\u{0}") })
        #expect(h.text.contains(#"`ci\nty`"#), "\(h.text)")
        #expect(h.text.contains(#"`unit\u0000`"#), "\(h.text)")
        #expect(h.text.split(separator: "\n").count == 5, "\(h.text)")
        let long = hint("{\"" + String(repeating: "\\n", count: 300) + "\": 1, \"city\": \"P\"}", budget: 300)
        #expect(long.text.count <= 300)
        #expect(long.text.contains("is not a parameter"), "\(long.text)")
    }

    @Test func missingAndBounds() {
        let h = hint(#"{"days": 10}"#)
        #expect(
            h.text == """
                The arguments for `get_weather` do not match its parameters:
                - `city` is missing: expected a string (The city, e.g. Beijing).
                - `days`: expected at most 7 but got 10.
                Corrected arguments (fill in each <…>): {"days":"<at most 7>","city":"<a string>"}
                Call `get_weather` again with corrected arguments.
                """
        )
        #expect(!h.isExactlyActionable)
        #expect(h.items.map(\.kind) == [.missingRequired, .outOfBounds])
    }

    @Test func typeConversion() {
        let h = hint(#"{"city": "Paris", "days": "3"}"#)
        #expect(h.text.contains("- `days`: expected an integer but got \"3\"; send 3."))
        #expect(h.isExactlyActionable)
        #expect(h.items.first?.fix == .replace(with: 3))
    }

    @Test func unknownPropertyIsRemoved() {
        let h = hint(#"{"city": "Paris", "colour": "red"}"#)
        #expect(h.text.contains("`colour` is not a parameter; remove it. The parameters are `city`, `unit`, `days`."))
        #expect(h.correctedArguments == ["city": "Paris"])
    }

    @Test(
        "parse failures: truncated, merged, not JSON",
        arguments: [
            (#"{"city": "Par"#, CheckMode.repair, "your arguments were cut off; send the complete call."),
            (
                #"{"city": "a"}{"city": "b"}"#, .repair,
                "several calls were merged into one text; send one JSON object per call"
            ),
            ("Sure! Calling the weather tool now.", .repair, "the text is not JSON at all"),
            (#"{"city": }"#, .strict, "the text is not valid JSON (line 1, column 10"),
        ]
    )
    func parseFailures(_ text: String, _ mode: CheckMode, _ expected: String) {
        let h = hint(text, mode: mode)
        #expect(h.text.contains(expected), "\(h.text)")
        #expect(h.text.hasSuffix("Call `get_weather` again with corrected arguments."))
    }

    @Test func unknownTool() {
        let h = ModelHint(unknownTool: "get_wether", available: ["book_ticket", "get_weather", "get_current_time"])
        #expect(
            h.text
                == "There is no tool named `get_wether`. Did you mean `get_weather`? The available tools are: `get_weather`, `book_ticket`, `get_current_time`. Call one of them with its arguments."
        )
    }

    @Test("the budget keeps the most actionable first, then says how many more")
    func budget() throws {
        var properties = JSONObject()
        for k in 0..<40 { properties["p\(k)"] = ["type": "integer", "minimum": 10] }
        let v = try Validator(["type": "object", "properties": .object(properties), "required": ["must"]])
        var args = JSONObject()
        for k in 0..<40 { args["p\(k)"] = 1 }
        let h = ModelHint(
            check: v.check(arguments: JSONValue.object(args).jsonString(), mode: .strict),
            tool: "t",
            validator: v,
            budget: 600
        )
        #expect(h.text.count <= 600)
        #expect(h.text.contains("- `must` is missing"))
        #expect(h.text.contains("more\n"))
        #expect(h.items.first?.kind == .missingRequired)
    }

    @Test("ready to send in every provider's shape")
    func providerShapes() {
        let h = hint(#"{"city": 5, "x": 1}"#)
        #expect(
            h.openAIToolMessage(toolCallID: "call_1") == [
                "role": "tool", "tool_call_id": "call_1", "content": .string(h.text),
            ]
        )
        #expect(h.functionMessage() == ["role": "function", "name": "get_weather", "content": .string(h.text)])
        #expect(
            h.anthropicToolResult(toolUseID: "toolu_1")
                == ["type": "tool_result", "tool_use_id": "toolu_1", "content": .string(h.text), "is_error": true]
        )
    }

    @Test func validCallsGetNoHint() {
        let h = hint(#"{"city": "Paris"}"#)
        #expect(h.items.isEmpty)
        #expect(h.text.isEmpty)
    }
}

@Suite struct ReportTests {
    @Test("the human report lists repairs, coercions and errors; colour only when asked")
    func report() throws {
        let v = try Validator([
            "type": "object", "properties": ["n": ["type": "integer"], "u": ["enum": ["a"]]],
            "additionalProperties": false,
        ])
        let result = v.check(arguments: "{'n': '3', 'x': 1}")
        #expect(
            result.rendered() == """
                <arguments>:1:2: repaired: read a single-quoted string as a JSON string [single-quotes]
                <arguments>:1:7: repaired: read a single-quoted string as a JSON string [single-quotes]
                <arguments>:1:12: repaired: read a single-quoted string as a JSON string [single-quotes]
                coerced: /n: converted the string "3" to the number 3 [string-to-number]
                error: /x: unexpected property "x"; the allowed properties are "n", "u" [additionalProperties]
                """
        )
        #expect(result.rendered(colour: true).contains("\u{1B}[31merror:\u{1B}[0m"))
        #expect(!result.rendered().contains("\u{1B}"))
    }
}

/// Hints on schemas written as Pydantic writes them: properties reached through `$defs` and
/// `$ref`, and `allOf`.
@Suite struct HintReferenceTests {
    let validator = try! Validator([
        "type": "object",
        "properties": ["booking": ["$ref": "#/$defs/Booking"], "extra": ["allOf": [["$ref": "#/$defs/Extra"]]]],
        "required": ["booking"],
        "$defs": [
            "Booking": [
                "type": "object",
                "properties": ["seats": ["type": "integer", "minimum": 1, "maximum": 9]],
                "required": ["seats"],
            ],
            "Extra": ["type": "object", "properties": ["meal": ["type": "boolean"]]],
        ],
    ])

    func hint(_ text: String) -> ModelHint {
        ModelHint(check: validator.check(arguments: text, mode: .strict), tool: "book", validator: validator)
    }

    @Test("a conversion through $ref is offered only when it validates there")
    func conversionThroughRef() {
        // "12" would become 12, which breaks maximum 9: not a certain fix.
        let tooMany = hint(#"{"booking": {"seats": "12"}}"#)
        #expect(tooMany.items.first?.fix == nil)
        #expect(!tooMany.isExactlyActionable)
        // "3" becomes 3, which fits: a certain fix, found through the $ref.
        let fits = hint(#"{"booking": {"seats": "3"}}"#)
        #expect(fits.items.first?.fix == .replace(with: 3))
        #expect(fits.isExactlyActionable)
    }

    @Test("a conversion inside an allOf branch is found and checked")
    func conversionThroughAllOf() {
        let h = hint(#"{"booking": {"seats": 2}, "extra": {"meal": "yes"}}"#)
        #expect(h.items.first?.fix == .replace(with: true))
    }
}

/// Hints read an error's keyword and details, never its English.
@Suite struct HintFactsTests {
    let validator = try! Validator([
        "type": "object",
        "properties": [
            "days": ["type": "integer", "minimum": 1], "email": ["type": "string", "format": "email"],
            "code": ["type": "string", "pattern": "^[A-Z]{3}$"],
        ],
    ])

    @Test(
        "a reworded message leaves the hint unchanged",
        arguments: [
            ("/days", "minimum", SchemaViolation.Details(limit: 1), JSONValue(0), "at least 1"),
            ("/email", "format", .init(format: "email"), "bob", "an email address"),
            ("/code", "pattern", .init(format: "^[A-Z]{3}$"), "ab", "a string matching /^[A-Z]{3}$/"),
        ] as [(String, String, SchemaViolation.Details, JSONValue, String)]
    )
    func rewordedMessage(
        path: String,
        keyword: String,
        details: SchemaViolation.Details,
        value: JSONValue,
        words: String
    ) throws {
        let pointer = try JSONPointer(parsing: path)
        let arguments = JSONValue.object(JSONObject([(String(path.dropFirst()), value)]))
        let check = ArgumentCheck(
            isValid: false,
            arguments: arguments,
            errors: [
                SchemaViolation(
                    instancePath: pointer,
                    schemaPath: JSONPointer(tokens: ["properties"] + pointer.tokens + [keyword]),
                    keyword: keyword,
                    message: "Wert ungültig",  // any wording at all
                    details: details
                )
            ]
        )
        let hint = ModelHint(check: check, tool: "t", validator: validator)
        #expect(hint.items.first?.expected == words)
        #expect(!hint.text.contains("Wert ungültig"))
    }
}

@Suite struct PairingTests {
    let booking = try! HintCase.validator("book_ticket.yaml")

    @Test("the issue's example: every misnamed parameter paired, the plural with its conversion, the list said once")
    func bookTicket() throws {
        let check = booking.check(
            arguments:
                #"{"from": "北京", "passenger_name": "Li Lei", "to_airport": "SHA", "travel_date": "2026-12-24", "seat_class": "second", "passengers": 1}"#,
            mode: .strict
        )
        let hint = ModelHint(check: check, tool: "book_ticket", validator: booking)
        #expect(hint.isExactlyActionable)
        #expect(
            hint.text.contains(
                "`passenger_name` is not a parameter; did you mean `passenger_names`? Rename it and send the value as an array: [\"Li Lei\"]."
            )
        )
        #expect(hint.text.contains("`to_airport` is not a parameter; did you mean `to`? Rename it."))
        #expect(hint.text.contains("`travel_date` is not a parameter; did you mean `date`? Rename it."))
        #expect(hint.text.components(separatedBy: "The parameters are").count <= 2)
        let corrected = try #require(hint.correctedArguments)
        #expect(booking.validate(corrected).isEmpty)
        #expect(corrected["passenger_names"] == ["Li Lei"])
        #expect(
            hint.items.contains {
                $0.fix == .renameAndReplace(from: "passenger_name", to: "passenger_names", with: ["Li Lei"])
            }
        )
    }

    @Test("a value one anyOf branch fixes names what every branch allows there, and guesses no short word")
    func branchAlternatives() throws {
        let order = try HintCase.validator("create_order.json")
        func hint(_ method: String) -> ModelHint {
            let text =
                #"{"items": [{"sku": "SKU-1042", "quantity": 2}], "shipping_address": {"street": "1 Road", "city": "Dalian", "postal_code": "116000", "country": "CN"}, "payment": {"method": "\#(method)"}}"#
            return ModelHint(check: order.check(arguments: text, mode: .strict), tool: "create_order", validator: order)
        }
        let cash = hint("cash")
        #expect(
            cash.text.contains(#"expected one of "card", "balance" but got "cash"; choose one of them."#),
            "\(cash.text)"
        )
        #expect(!cash.isExactlyActionable)
        let spelled = hint("Balance")
        #expect(spelled.isExactlyActionable, "\(spelled.text)")
        #expect(spelled.correctedArguments?["payment"]?["method"] == "balance")
        // A branch that lists no values there may take others: no list is claimed then.
        let open = try Validator([
            "type": "object",
            "anyOf": [
                ["properties": ["kind": ["const": "a"], "n": ["type": "integer"]], "required": ["kind", "n"]],
                ["properties": ["kind": ["const": "b"], "n": ["type": "string"]], "required": ["kind", "n"]],
                ["properties": ["kind": ["type": "string"], "m": ["type": "integer"]], "required": ["kind", "m"]],
            ],
        ])
        let loose = ModelHint(
            check: open.check(arguments: #"{"kind": "zzz", "n": 1}"#, mode: .strict),
            tool: "t",
            validator: open
        )
        #expect(!loose.text.contains("one of"), "\(loose.text)")
    }

    @Test("repeated items are sent once each in a short array; a long one gets no pairwise work")
    func uniqueItems() throws {
        let tags = try Validator([
            "type": "object", "properties": ["tags": ["type": "array", "uniqueItems": true]],
        ])
        let short = ModelHint(
            check: tags.check(arguments: #"{"tags": ["a", "b", "a"]}"#, mode: .strict),
            tool: "t",
            validator: tags
        )
        #expect(short.text.contains(#"send ["a","b"]"#), "\(short.text)")
        #expect(short.isExactlyActionable)
        let many = "[" + Array(repeating: "1", count: 5_000).joined(separator: ",") + "]"
        let long = ModelHint(
            check: tags.check(arguments: #"{"tags": \#(many)}"#, mode: .strict),
            tool: "t",
            validator: tags
        )
        #expect(!long.isExactlyActionable)
        #expect(long.text.contains("expected unique items"))
    }

    @Test("a name two parameters fit equally is a choice, not a guess")
    func ambiguous() {
        let check = booking.check(
            arguments:
                #"{"station": "北京南", "date": "2026-12-24", "seat_class": "second", "passengers": 1, "passenger_names": ["李娜"]}"#,
            mode: .strict
        )
        let hint = ModelHint(check: check, tool: "book_ticket", validator: booking)
        #expect(!hint.isExactlyActionable)
        #expect(hint.text.contains("`station` is not a parameter; did you mean `from` or `to`?"))
    }

    @Test(
        "names relate by case and separators, plural, an added word, a small edit, an abbreviation, a synonym",
        arguments: [
            ("cityName", "city_name", true), ("units", "unit", true), ("passenger_name", "passenger_names", true),
            ("to_airport", "to", true), ("travel_date", "date", true), ("city", "city_name", true),
            ("prority", "priority", true), ("qty", "quantity", true), ("station", "to", false), ("a", "b", false),
            ("categories", "category", true), ("boxes", "box", true), ("max_results", "limit", true),
            ("origin", "from", true), ("Destination", "to", true), ("colour", "limit", false), ("q", "limit", false),
        ]
    )
    func relations(_ written: String, _ declared: String, _ related: Bool) {
        #expect((PropertyPairing.relation(written, declared) != nil) == related, "\(written) / \(declared)")
    }
}

@Suite struct HintTextTests {
    @Test("the list of parameters is said once, however many names the object does not have")
    func listOnce() throws {
        let weather = try HintCase.validator("get_weather.json")
        let check = weather.check(
            arguments: #"{"city": "北京", "country": "CN", "days": 3, "language": "zh"}"#,
            mode: .strict
        )
        let hint = ModelHint(check: check, tool: "get_weather", validator: weather)
        #expect(hint.text.components(separatedBy: "The parameters are").count == 2, "\(hint.text)")
        for name in ["country", "days", "language"] { #expect(hint.text.contains("`\(name)` is not a parameter")) }
        #expect(hint.isExactlyActionable)
    }

    /// Found by the generated hint tests: the rename was called exactly actionable, and the
    /// corrected arguments did not validate.
    @Test("a rename whose value does not fit says the value must change too, and is not called sure")
    func renameWithValueThatDoesNotFit() throws {
        let weather = try HintCase.validator("get_weather.anthropic.yaml")
        let check = weather.check(arguments: #"{"location_name": "Paris", "UNIT": ""}"#, mode: .repair)
        let hint = ModelHint(check: check, tool: "get_weather", validator: weather)
        #expect(!hint.isExactlyActionable)
        #expect(
            hint.text.contains("did you mean `unit`? Rename it, and change its value: expected one of"),
            "\(hint.text)"
        )
        let unit = hint.correctedArguments?["unit"]?.stringValue ?? ""
        #expect(unit.hasPrefix("<") && unit.contains("celsius"), "\(hint.correctedArguments.map { "\($0)" } ?? "")")
        #expect(hint.correctedArguments?["UNIT"] == nil)
    }

    /// Found by the generated hint tests: `{"id": {}}` passes for a tool without parameters,
    /// yet got a "wrapped in `id`" hint.
    @Test("a valid call gets no hint, even when its one member holds an object")
    func validLoneObjectMember() throws {
        let time = try HintCase.validator("get_current_time.json")
        let check = time.check(arguments: #"{"id": {}}"#, mode: .repair)
        #expect(check.isValid)
        let hint = ModelHint(check: check, tool: "get_current_time", validator: time)
        #expect(hint.items.isEmpty && hint.text.isEmpty, "\(hint.text)")
    }

    /// Found by the generated hint tests: the corrected-arguments line was counted one
    /// character short, giving 301 characters for a 300-character budget.
    @Test("the corrected-arguments line counts toward the budget exactly", arguments: 280...320)
    func correctedArgumentsWithinBudget(budget: Int) throws {
        let weather = try HintCase.validator("get_weather.anthropic.yaml")
        let check = weather.check(arguments: #"{"id": {}}"#, mode: .repair)
        let hint = ModelHint(check: check, tool: "get_weather", validator: weather, budget: budget)
        #expect(hint.text.count <= budget, "\(hint.text.count) characters: \(hint.text)")
    }
}
