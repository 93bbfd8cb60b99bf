public import JSONCore

/// A short, exact message for the model when its tool call does not fit: where, what arrived,
/// what is expected, and the fix; ready to send as a tool result.
///
/// ```swift
/// let check = validator.check(arguments: text)
/// if !check.isValid {
///     let hint = ModelHint(check: check, tool: "get_weather", validator: validator)
///     messages.append(hint.openAIToolMessage(toolCallID: call.id))
/// }
/// ```
///
/// The same outcome always gives the same text, byte for byte.
public struct ModelHint: Sendable, Hashable {
    /// The tool the call was for.
    public var tool: String?
    /// The problems, most actionable first.
    public var items: [HintItem]
    /// The received arguments with every certain fix applied, and a placeholder string
    /// (`<…>`) wherever the model must choose a value; nil when the text could not be read.
    public var correctedArguments: JSONValue?
    /// Whether every problem has a certain fix, so that ``correctedArguments`` needs nothing
    /// more from the model.
    public var isExactlyActionable: Bool
    /// The message for the model.
    public var text: String

    /// The default length budget for ``text``, in characters.
    public static let defaultBudget = 1_000

    /// Analyses a failed check. A valid check gives a hint with no items.
    public init(check: ArgumentCheck, tool: String?, validator: Validator, budget: Int = ModelHint.defaultBudget) {
        var analysis = HintAnalysis(tool: tool, validator: validator)
        analysis.analyse(check)
        self.tool = tool
        self.items = analysis.items.sorted {
            ($0.kind, $0.instancePath.description) < ($1.kind, $1.instancePath.description)
        }
        self.correctedArguments = analysis.corrected
        self.isExactlyActionable = !items.isEmpty && items.allSatisfy { $0.fix != nil } && check.arguments != nil
        self.text = ""
        self.text = render(budget: budget)
    }

    /// A hint for a call to a tool that does not exist, listing the available tools closest
    /// first.
    public init(unknownTool name: String, available: [String], budget: Int = ModelHint.defaultBudget) {
        let ranked = available.sorted {
            let a = TextMatching.editDistance(name.lowercased(), $0.lowercased())
            let b = TextMatching.editDistance(name.lowercased(), $1.lowercased())
            return (a, $0) < (b, $1)
        }
        var line = "There is no tool named `\(name)`."
        if let best = ranked.first,
            TextMatching.editDistance(name.lowercased(), best.lowercased()) <= max(2, name.count / 3)
        {
            line += " Did you mean `\(best)`?"
        }
        line += " The available tools are: " + ranked.map { "`\($0)`" }.joined(separator: ", ") + "."
        self.tool = nil
        self.items = [
            HintItem(
                kind: .unknownTool,
                instancePath: .root,
                name: name,
                received: .string(name),
                expected: "one of the available tools",
                fix: nil,
                line: line
            )
        ]
        self.correctedArguments = nil
        self.isExactlyActionable = false
        self.text = ""
        self.text = render(budget: budget)
    }
}
