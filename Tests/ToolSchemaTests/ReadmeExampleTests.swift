import Testing
import ToolSchema

/// The library example on README's first screen, run as written.
@Suite struct ReadmeExampleTests {
    @Test func firstScreenExample() throws {
        let arguments = "```json\n{'city': 'Beijing', unit: None,}\n```"
        let result = try JSONParser().repair(arguments)
        #expect(result.value.description == #"{"city":"Beijing","unit":null}"#)
        #expect(result.repairs.count == 6)
        #expect(result.repairs.first?.description == "1:1: removed a markdown code fence around the JSON [code-fence]")
        #expect(!result.isTruncated)
    }
}

@Suite struct ReadmeValidatorExampleTests {
    @Test func validatorExample() throws {
        let validator = try Validator([
            "type": "object",
            "properties": ["city": ["type": "string"], "days": ["type": "integer", "minimum": 1]],
            "required": ["city"],
        ])
        let result = validator.check(arguments: "{'city': 'Beijing', 'days': '3'}")
        #expect(result.arguments?.description == #"{"city":"Beijing","days":3}"#)
        #expect(result.isValid)
        #expect(result.coercions.count == 1)
    }
}

struct ReadmeGetWeather: ToolArguments {
    var city: String
    var unit: Unit?
    enum Unit: String, Decodable, CaseIterable { case celsius, fahrenheit }
    static let toolDescription: String? = "Get the current weather in a city."
    static let parameterDescriptions = ["city": "The city, e.g. Beijing"]
}

@Suite struct ReadmeDerivationExampleTests {
    @Test func derivationExample() throws {
        let spec = try ToolSpec(deriving: ReadmeGetWeather.self)
        #expect(spec.name == "readme_get_weather")
        #expect(spec.parameters?["properties"]?["city"] == ["type": "string", "description": "The city, e.g. Beijing"])
        let weather = try ReadmeGetWeather.decodeArguments(from: "{'city': 'Beijing', 'unit': 'Celsius'}")
        #expect(weather.city == "Beijing" && weather.unit == .celsius)
        do {
            _ = try ReadmeGetWeather.decodeArguments(from: #"{"citty": "Beijing"}"#)
            Issue.record("expected an error")
        } catch let error as ArgumentsError {
            #expect(error.hint.text.contains("did you mean `city`?"))
        }
    }
}
