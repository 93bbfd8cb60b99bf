import TestSupport
import Testing

@testable import ToolSchema

/// The table-driven automaton against the Pike VM it is built from: the same answer on every
/// input, for patterns of every construct the automaton takes, and the VM kept for the rest.
@Suite struct RegexAutomatonTests {
    static let patterns = [
        "^[A-Z]{3}$", "^cus_[A-Za-z0-9]{8,24}$", "^[A-Z0-9]{2,8}-[A-Z0-9]{2,12}$", "^\\+?[0-9 ()-]{7,20}$",
        "^[A-Za-z0-9 -]{3,10}$", "a", "ab|ba", "^a|b$", "^$", "", "a*", "^(a|ab)*c$", "[^a]", "^[^a-z]+$", ".",
        "^.$", "^..$", "a.b", "(a|b)*abb", "^(?:x|y)+?z", "^\\d+(\\.\\d+)?$", "\\s", "^\\S+$", "\\w+@\\w+",
        "北京", "^[一-龥]+$", "😀", "^.😀$", "[é-ë]", "^(a{2,3}){2}$", "a{0}b", "a$b", "a^b", "$", "^", "(^a|b)c",
        "a|", "(|a)b", "^(ab|a)(bc|c)$", "[\\n]", "^[^\\n]*$", "^a?a?a?aaa$",
    ]

    /// Every string of up to three scalars from a small alphabet, and longer ones from a fixed
    /// seed.
    static let inputs: [String] = {
        let alphabet: [String] = ["a", "b", "c", "A", "Z", "0", "9", "-", " ", "\n", "é", "北", "😀", "x", "z"]
        var all: [String] = [""]
        var layer: [String] = [""]
        for _ in 0..<3 {
            layer = layer.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += layer
        }
        var rng = SplitMix64(seed: 0x5EED)
        for _ in 0..<400 {
            let n = Int(rng.next() % 30)
            all.append((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined())
        }
        all += ["cus_8fK2LmQ9xTz41B", "TSHIRT-ORGBLK", "+86 (10) 1234-5678", "SW1A 1AA", "aabbcc", "abcbc", "xxyyz"]
        return all
    }()

    @Test("the automaton and the VM agree", arguments: patterns)
    func agree(_ source: String) throws {
        let pattern = try CompiledPattern(source)
        #expect(pattern.hasAutomaton, "\(source) should get a table")
        for input in Self.inputs where pattern.matches(input) != pattern.matchesByVM(input) {
            Issue.record("/\(source)/ on \(input.debugDescription): table \(pattern.matches(input))")
        }
    }

    @Test(
        "what the table cannot decide stays with the VM",
        arguments: ["\\bword\\b", "a(?=b)", "(?<!x)y", "\\p{L}+", "\\Bx"]
    )
    func keepsTheVM(_ source: String) throws {
        let pattern = try CompiledPattern(source)
        #expect(!pattern.hasAutomaton)
        for input in ["word", "a word!", "ab", "xy", "zy", "é", "1", "axb"] {
            #expect(pattern.matches(input) == pattern.matchesByVM(input))
        }
    }

    @Test("a pattern whose table would take too long to build stays with the VM")
    func costlyTableKeepsTheVM() throws {
        // About 1,000 states of about 2,000 live instructions each: under the state limit,
        // over the construction budget (it took 0.19 s to build before the budget).
        let pattern = try CompiledPattern(".{0,1000}x")
        #expect(!pattern.hasAutomaton)
        #expect(pattern.matches(String(repeating: "y", count: 1_500) + "x"))
        #expect(!pattern.matches(String(repeating: "y", count: 1_500)))
        // The same shape, small, still gets one.
        #expect(try CompiledPattern(".{0,20}x").hasAutomaton)
    }

    @Test("a pattern too large for a table stays with the VM, and linear")
    func largePatternKeepsTheVM() throws {
        // (a|b)*a followed by 14 of (a|b) needs 2^15 states as a table.
        let pattern = try CompiledPattern("(a|b)*a(a|b){14}$")
        #expect(!pattern.hasAutomaton)
        #expect(pattern.matches(String(repeating: "ab", count: 20) + "a"))
        #expect(!pattern.matches(String(repeating: "ab", count: 20)))
        #expect(!pattern.matches(String(repeating: "b", count: 40)))
    }
}
