import Foundation
import FuzzHarness
import JSONCore
import Testing

@testable import ToolSchema

/// Two implementations of the same contract, fed the same generated inputs: ToolSchema's
/// strict parser beside Foundation's `JSONSerialization`, its regex engine beside
/// `NSRegularExpression` (ICU), and the repairing parser and `check(arguments:)` against the
/// properties the fuzz targets state. The inputs come from a seeded generator, so a failure
/// names an input that reproduces; the fuzz targets explore beyond them.
@Suite("differential")
struct DifferentialTests {
    static let seeds: [UInt64] = [1, 2, 3, 4]

    @Test("the strict parser and JSONSerialization decide alike and read equal values", arguments: seeds)
    func parserAgainstFoundation(seed: UInt64) {
        var generator = Generator(seed: seed)
        var accepted = 0
        var rejected = 0
        for _ in 0..<2_500 {
            let text = generator.jsonText()
            if let disagreement = ParserDifferential.disagreement(text) {
                Issue.record("\(disagreement) on \(String(decoding: text, as: UTF8.self).debugDescription)")
                return
            }
            if (try? JSONParser().parse(text)) != nil { accepted += 1 } else { rejected += 1 }
        }
        // Both sides of the decision are exercised, not one.
        #expect(accepted > 500 && rejected > 300, "accepted \(accepted), rejected \(rejected)")
    }

    /// Each documented difference, shown on its smallest input: what ToolSchema does, and what
    /// Foundation does.
    @Test(
        "the documented differences from JSONSerialization are what they say",
        arguments: [
            // Foundation accepts a trailing comma; ToolSchema reports `trailing-comma`.
            ("[1,]", false, true),
            (#"{"a":1,}"#, false, true),
            // A number a Double cannot hold: ToolSchema keeps its text, Foundation rejects it.
            ("1e400", true, false),
            // Foundation skips a byte-order mark; ToolSchema rejects it unless told.
            ("\u{FEFF}1", false, true),
            // Foundation keeps a duplicate key's last value; ToolSchema rejects duplicates
            // unless told (`duplicateKeys`).
            (#"{"a":1,"a":2}"#, false, true),
            // Both reject a lone surrogate: not a difference, pinned so it stays that way.
            (#""\ud800""#, false, false),
            (#""\udc00x""#, false, false),
        ]
    )
    func documentedDifferences(text: String, ours: Bool, foundation: Bool) {
        let bytes = Array(text.utf8)
        #expect(((try? JSONParser().parse(bytes)) != nil) == ours)
        let theirs = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
        #expect(theirs == foundation)
        // The comparison's own options turn the BOM and the duplicate key into agreements,
        // and treat the trailing comma and the unrepresentable number as the documented
        // exceptions: no disagreement is reported for any of them.
        #expect(ParserDifferential.disagreement(bytes) == nil)
    }

    @Test("Foundation drops a U+FEFF that begins a string or follows an escape; ToolSchema keeps it")
    func leadingZeroWidthNoBreakSpace() throws {
        for text in ["[\"\u{FEFF}a\"]", "{\"\u{FEFF}k\": 1}", "[\"\\n\u{FEFF}a\"]"] {
            let bytes = Array(text.utf8)
            let ours = try JSONParser().parse(bytes)
            let string = ours.arrayValue?.first?.stringValue ?? ours.objectValue?.keys.first
            #expect(string?.unicodeScalars.contains("\u{FEFF}") == true)
            let theirs = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
            let their = (theirs as? [Any])?.first as? String ?? (theirs as? [String: Any])?.keys.first
            #expect(their?.unicodeScalars.contains("\u{FEFF}") == false)
            #expect(ParserDifferential.disagreement(bytes) == nil)
        }
    }

    @Test("the regex engine and NSRegularExpression match alike", arguments: seeds)
    func regexAgainstICU(seed: UInt64) throws {
        var generator = Generator(seed: seed)
        var compared = 0
        var patterns = 0
        var onlyICU: [String] = []
        var matched = 0
        for _ in 0..<400 {
            let pattern = generator.pattern()
            let ours = try? CompiledPattern(pattern)
            let icu = try? NSRegularExpression(pattern: pattern)
            if ours == nil, icu != nil { onlyICU.append(pattern) }
            guard let ours, let icu else { continue }
            patterns += 1
            for _ in 0..<12 {
                let text = generator.subject()
                // ECMA-262's \w, and \b which is defined by it, are ASCII; ICU's are Unicode.
                // Documented in `pattern`'s DocC; not compared on text outside ASCII.
                if pattern.contains(where: { "wWbB".contains($0) }) && pattern.contains("\\")
                    && !text.unicodeScalars.allSatisfy(\.isASCII)
                {
                    continue
                }
                let theirs = icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                let mine = ours.matches(text)
                compared += 1
                if mine { matched += 1 }
                if mine != theirs {
                    Issue.record(
                        "/\(pattern)/ on \(text.debugDescription): ToolSchema \(mine), NSRegularExpression \(theirs)"
                    )
                    return
                }
                if ours.hasAutomaton {
                    #expect(ours.matchesByVM(text) == mine, "/\(pattern)/ table and VM on \(text.debugDescription)")
                }
            }
        }
        // Every pattern the generator writes is one ICU and ECMA-262 both read.
        #expect(onlyICU.isEmpty, "ToolSchema rejects patterns ICU reads: \(onlyICU.prefix(5))")
        #expect(patterns > 300, "only \(patterns) of 400 patterns compiled in both")
        #expect(matched > compared / 10 && matched < compared * 9 / 10, "\(matched) of \(compared) matched")
    }

    @Test(
        "the documented differences from ICU are what they say",
        arguments: [
            // \w is ASCII in ECMA-262; ICU's is Unicode.
            (#"^\w$"#, "é", false, true),
            (#"\bé"#, "é", false, true),
            // ICU's $ also matches before a final line terminator; ECMA-262's only at the end.
            ("^a$", "a\n", false, true),
            // ICU fails a later alternative after a lazy loop over a group that can match
            // the empty string; the empty branch matches in ECMA-262.
            (#"(\b)*?1|"#, "d", true, false),
            (#"(?:(a?)*?1|)"#, "d", true, false),
        ]
    )
    func documentedRegexDifferences(pattern: String, text: String, ours: Bool, icu: Bool) throws {
        #expect(try CompiledPattern(pattern).matches(text) == ours)
        let expression = try NSRegularExpression(pattern: pattern)
        #expect((expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil) == icu)
    }

    @Test("repairing generated text keeps every promise of the repair target", arguments: seeds)
    func repairProperties(seed: UInt64) {
        var generator = Generator(seed: seed)
        for _ in 0..<1_500 {
            let text = generator.jsonText()
            if let failure = FuzzTarget.repair.failure(for: text) {
                Issue.record("\(failure) on \(String(decoding: text, as: UTF8.self).debugDescription)")
                return
            }
        }
    }

    @Test("check in every mode keeps its promises on generated arguments", arguments: seeds)
    func checkProperties(seed: UInt64) {
        var generator = Generator(seed: seed)
        let tools = FuzzTarget.toolParameters
        #expect(!tools.isEmpty)
        for _ in 0..<600 {
            let selector = generator.below(tools.count)
            let text = generator.arguments(for: tools[selector])
            // The check and incremental targets read the tool from the first byte; the hints
            // target also reads a budget from the second.
            let inputs: [(FuzzTarget, [UInt8])] = [
                (.check, [UInt8(selector)] + text),
                (.incremental, [UInt8(selector)] + text),
                (.hints, [UInt8(selector), UInt8(generator.below(4))] + text),
            ]
            for (target, input) in inputs {
                if let failure = target.failure(for: input) {
                    Issue.record("\(target): \(failure) on \(String(decoding: text, as: UTF8.self).debugDescription)")
                    return
                }
            }
        }
    }
}
