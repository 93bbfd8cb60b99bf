import Foundation
import Testing
import ToolSchema

/// Outcomes encode as the JSON the command line prints for them.
@Suite struct EncodableOutcomeTests {
    static let weather: JSONValue = [
        "type": "object",
        "properties": [
            "city": ["type": "string"],
            "days": ["type": "integer", "minimum": 1],
            "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]],
        ],
        "required": ["city"],
        "additionalProperties": false,
    ]

    func encoded(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try JSONValue(parsing: [UInt8](encoder.encode(value)))
    }

    /// `value` with its members sorted, as a sorted-keys encoder writes them, recursively.
    func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            .object(JSONObject(object.sorted { $0.0 < $1.0 }.map { ($0.0, sorted($0.1)) }))
        case .array(let items): .array(items.map(sorted))
        default: value
        }
    }

    @Test("a check encodes as validate --format json prints it, without the hint it cannot know")
    func argumentCheck() throws {
        let validator = try Validator(Self.weather)
        for text in [#"{"city": "Paris"}"#, #"{'city': 'P', "days": "3"}"#, #"{"cityName": "P", "days": 0}"#, "{"] {
            let check = validator.check(arguments: text)
            var expected = check.json(tool: "get_weather", validator: validator)
            #expect(expected["hint"] != nil)
            expected = .object(JSONObject(expected.objectValue!.filter { $0.0 != "hint" }))
            #expect(try encoded(check) == sorted(expected), "\(text)")
        }
    }

    @Test("an ArgumentsError encodes exactly as validate --format json prints the failed check")
    func argumentsError() throws {
        struct GetWeather: ToolArguments {
            var city: String
            var days: Int?
        }
        do {
            _ = try GetWeather.decodeArguments(from: #"{"cityName": "Paris", "days": "x"}"#)
            Issue.record("no error")
        } catch let error as ArgumentsError {
            let value = try encoded(error)
            #expect(value["valid"] == false)
            #expect(value["hint"]?.stringValue == error.hint.text)
            #expect(value["errors"]?.arrayValue?.isEmpty == false)
            #expect(value["decodingFailure"] == nil)
        }
    }

    @Test("a hint encodes its items and fixes")
    func hint() throws {
        let validator = try Validator(Self.weather)
        let check = validator.check(arguments: #"{"City": "Paris", "unit": "Celsius", "extra": 1}"#, mode: .strict)
        let hint = ModelHint(check: check, tool: "get_weather", validator: validator)
        let value = try encoded(hint)
        #expect(value["tool"] == "get_weather")
        #expect(value["text"]?.stringValue == hint.text)
        #expect(value["exactlyActionable"] == .bool(hint.isExactlyActionable))
        #expect(value["correctedArguments"] == sorted(hint.correctedArguments ?? .null))
        let items = try #require(value["items"]?.arrayValue)
        #expect(items.count == hint.items.count)
        #expect(items.map { $0["line"]?.stringValue } == hint.items.map(\.line))
        let fixes = items.compactMap { $0["fix"] }.filter { $0 != .null }
        #expect(fixes.contains(["remove": true]), "\(fixes)")
        #expect(fixes.contains(["replace": "celsius"]), "\(fixes)")
    }

    @Test("a lint report encodes as lint --format json prints it, and each finding as one element")
    func lint() throws {
        let source = SourceText(
            file: "spec.yaml",
            bytes: Array("name: f\ndescription: d\nparameters:\n  type: dict\n".utf8)
        )
        let report = Linter().lint([source])
        #expect(report.errorCount > 0)
        #expect(try encoded(report) == sorted(report.json()))
        for (finding, element) in zip(report.findings, report.json().arrayValue ?? []) {
            #expect(try encoded(finding) == sorted(element))
        }
    }
}
