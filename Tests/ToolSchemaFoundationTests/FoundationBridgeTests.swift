import Foundation
import Testing
import ToolSchema
import ToolSchemaFoundation

@Suite struct FoundationBridgeTests {
    @Test("JSONSerialization's objects read as the values the strict parser reads, members sorted")
    func fromJSONSerialization() throws {
        let texts = [
            #"{"b": true, "a": [1, -2.5, null, "x", false, 12345678901234567890, 0.1, 1e-7], "n": {"z": "城市", "y": 0}}"#,
            #"[true, false, 0, 1, -0.0, 1.7976931348623157e308, "\u00e9", []]"#,
            #""just a string""#,
            "42",
        ]
        for text in texts {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            let ours = try JSONParser().parse(text)
            let converted = try JSONValue(foundation: object)
            #expect(converted == sorted(ours), "\(text)")
            // And back: Foundation writes the converted value as it reads the original.
            let again = try JSONSerialization.jsonObject(
                with: JSONSerialization.data(withJSONObject: converted.foundationObject, options: [.fragmentsAllowed]),
                options: [.fragmentsAllowed]
            )
            #expect(try JSONValue(foundation: again) == converted, "\(text)")
        }
    }

    func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object): .object(JSONObject(object.sorted { $0.0 < $1.0 }.map { ($0.0, sorted($0.1)) }))
        case .array(let items): .array(items.map(sorted))
        default: value
        }
    }

    @Test("values built by hand: Bool is never a number, Int never a Bool, decimals keep their digits")
    func builtByHand() throws {
        let object: [String: Any] = [
            "flag": true, "one": 1, "zero": 0, "small": Int8(1), "ratio": 2.5,
            "price": NSDecimalNumber(string: "3.14159265358979323846"), "big": UInt64.max,
            "list": [NSNull(), "a"] as [Any], "nested": ["ok": false] as [String: Any],
        ]
        let value = try JSONValue(foundation: object)
        #expect(value["flag"] == true)
        #expect(value["one"] == 1)
        #expect(value["zero"] == 0)
        #expect(value["small"] == 1)
        #expect(value["ratio"] == 2.5)
        #expect(value["price"]?.numberValue?.description == "3.14159265358979323846")
        #expect(value["big"]?.numberValue?.description == "18446744073709551615")
        #expect(value["list"] == [nil, "a"])
        #expect(value["nested"] == ["ok": false])
        #expect(value.objectValue?.keys == ["big", "flag", "list", "nested", "one", "price", "ratio", "small", "zero"])
    }

    @Test("a value with no JSON form is an error at its place")
    func errors() {
        let cases: [(Any, String)] = [
            (["a": [1, Date(timeIntervalSince1970: 0)] as [Any]] as [String: Any], "/a/1"),
            (["x": Double.infinity] as [String: Any], "/x"),
            ([Data([1])] as [Any], "/0"),
            ([1: "a"] as [Int: String], ""),
        ]
        for (object, path) in cases {
            do {
                _ = try JSONValue(foundation: object)
                Issue.record("no error for \(object)")
            } catch {
                #expect(error.path.description == path, "\(object)")
                #expect(error.description.contains("has no JSON form"))
            }
        }
    }

    struct GetWeather: ToolArguments {
        var city: String
        var days: Int?
    }

    @Test("Data is checked and decoded in place, with the same outcome as its text")
    func data() throws {
        let validator = try Validator(spec: ToolSpec(deriving: GetWeather.self))
        for text in [#"{"city": "北京", "days": 3}"#, #"{'city': 'P', "days": "3"}"#, #"{"days": 0}"#, "{"] {
            #expect(validator.check(arguments: Data(text.utf8)) == validator.check(arguments: text), "\(text)")
        }
        let weather = try GetWeather.decodeArguments(from: Data(#"{"city": "北京", "days": "2"}"#.utf8))
        #expect(weather.city == "北京" && weather.days == 2)
        #expect(throws: ArgumentsError.self) { try GetWeather.decodeArguments(from: Data(#"{"town": "x"}"#.utf8)) }
        let fromValue = try GetWeather.decodeArguments(from: try JSONValue(foundation: ["city": "Paris"]))
        #expect(fromValue.city == "Paris" && fromValue.days == nil)
        #expect(JSONWriter().data(["a": 1]) == Data(#"{"a":1}"#.utf8))
    }
}
