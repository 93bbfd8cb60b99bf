import Testing
import ToolCalling

@Suite struct ToolboxTests {
    @Test("a toolbox refuses what it cannot run, with a code and the tool's name")
    func refusals() {
        var toolbox = Toolbox()
        func refusal(_ body: (inout Toolbox) throws -> Void) -> ToolboxError? {
            do {
                try body(&toolbox)
                return nil
            } catch {
                return error as? ToolboxError
            }
        }
        let spec = ToolSpec(name: "f", parameters: ["type": "object"])
        #expect(refusal { try $0.add(spec) { _ in "ok" } } == nil)
        let duplicate = refusal { try $0.add(spec) { _ in "ok" } }
        #expect(duplicate?.code == .duplicateName && duplicate?.tool == "f")
        let bare = refusal { try $0.add(ToolSpec(name: nil, parameters: ["type": "object"])) { _ in "ok" } }
        #expect(bare?.code == .missingName)
        let broken = refusal { try $0.add(ToolSpec(name: "g", parameters: ["type": "dict"])) { _ in "ok" } }
        #expect(broken?.code == .invalidSchema && broken?.tool == "g", "\(String(describing: broken))")
    }
}
