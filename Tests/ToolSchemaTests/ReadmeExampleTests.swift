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
