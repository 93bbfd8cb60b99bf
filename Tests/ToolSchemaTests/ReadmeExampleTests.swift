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
