import TestSupport
import Testing
import ToolSchema

@Suite struct JSONLoadingTests {
    @Test("every value and key of a JSON file knows its line and column")
    func positions() throws {
        let text = """
            {
              "name": "get_weather",
              "parameters": {
                "properties": {"城市": {"type": "string"}, "days": [1, 2]}
              }
            }
            """
        let document = try LoadedDocument.loadJSON(SourceText(file: "t.json", bytes: Array(text.utf8)))
        expectPosition(document.position(of: .root), line: 1, column: 1, offset: 0)
        expectPosition(document.position(of: ["name"]), line: 2, column: 11)
        expectPosition(document.keyPosition(of: ["name"]), line: 2, column: 3)
        expectPosition(document.keyPosition(of: ["parameters", "properties", "城市"]), line: 4, column: 20)
        expectPosition(document.position(of: ["parameters", "properties", "城市", "type"]), line: 4, column: 35)
        expectPosition(document.position(of: ["parameters", "properties", "days", "1"]), line: 4, column: 58)
    }

    @Test("a JSON syntax error becomes a load error with the excerpt")
    func errors() throws {
        do {
            _ = try LoadedDocument.loadJSON(SourceText(file: "bad.json", bytes: Array("{\"a\": 1,}".utf8)))
            Issue.record("expected an error")
        } catch {
            #expect(
                error.rendered() == "bad.json:1:8: error: trailing comma before '}'; remove it\n{\"a\": 1,}\n       ^"
            )
        }
    }

    @Test("the format comes from the extension, else from the content")
    func formats() throws {
        #expect(DocumentFormat(path: "a.JSON") == .json)
        #expect(DocumentFormat(path: "a.yml") == .yaml)
        #expect(DocumentFormat(path: "a.txt") == nil)
        #expect(DocumentFormat(sniffing: Array("  {\"a\":1}".utf8)) == .json)
        #expect(DocumentFormat(sniffing: Array("a: 1".utf8)) == .yaml)
        let docs = try LoadedDocument.load(SourceText(file: "<stdin>", bytes: Array("name: x".utf8)))
        #expect(docs.first?.value == ["name": "x"])
    }
}
