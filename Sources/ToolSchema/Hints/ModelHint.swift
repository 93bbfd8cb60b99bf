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
        }.map { item in
            var item = item
            item.line = Self.oneLine(item.line)
            return item
        }
        self.correctedArguments = analysis.corrected
        self.isExactlyActionable = !items.isEmpty && items.allSatisfy { $0.fix != nil } && check.arguments != nil
        // Fixes can uncover what the first look could not see (a branch of `oneOf` chosen only
        // once a property is renamed): when the corrected arguments still do not validate,
        // they are looked at once more, and the hint is exactly actionable only when they then
        // validate (found by fuzzing: a sure hint whose corrected arguments lacked `last4`).
        if isExactlyActionable, let corrected = correctedArguments, !validator.isValid(corrected) {
            var second = HintAnalysis(tool: tool, validator: validator)
            second.analyse(validator.check(value: corrected, mode: .strict))
            let seen = Set(items.map(\.line))
            let more = second.items.filter { !seen.contains(Self.oneLine($0.line)) }.map { item in
                var item = item
                item.line = Self.oneLine(item.line)
                return item
            }
            self.items = (items + more).sorted {
                ($0.kind, $0.instancePath.description) < ($1.kind, $1.instancePath.description)
            }
            self.correctedArguments = second.corrected ?? corrected
            self.isExactlyActionable =
                items.allSatisfy { $0.fix != nil } && correctedArguments.map(validator.isValid) == true
        }
        self.text = ""
        self.text = render(budget: budget)
    }

    /// `text` on one line: control characters (which a model's invented names may hold) and
    /// line separators written as JSON escapes (`\n`, `\u0000`), so that each item is one line
    /// and its length is what the budget counts (found by fuzzing: a name holding line breaks
    /// defeated the shortening, a 312-character hint for a 300-character budget).
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBreaking) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isBreaking(scalar) else {
                out.append(scalar)
                continue
            }
            let escape: String
            switch scalar {
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            default:
                let hex = String(scalar.value, radix: 16)
                escape = "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar.value == 0x2028
            || scalar.value == 0x2029
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
                line: Self.oneLine(line)
            )
        ]
        self.correctedArguments = nil
        self.isExactlyActionable = false
        self.text = ""
        self.text = render(budget: budget)
    }
}
