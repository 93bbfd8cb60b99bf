import Foundation

/// Deterministic generators for the differential tests: the same seed gives the same inputs
/// on every machine, so a failure names an input that reproduces.
struct Generator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }

    /// True with probability `1 / n`.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    // MARK: JSON text

    /// JSON text, valid or nearly so: strings with every kind of escape (surrogate pairs and
    /// lone surrogates among them), numbers in every form the grammar allows and some it does
    /// not, whitespace between tokens, and sometimes one mutation (a byte dropped, inserted or
    /// replaced, a slice repeated) so that the invalid neighbourhood of valid text is covered.
    mutating func jsonText() -> [UInt8] {
        var out: [UInt8] = []
        if oneIn(40) { out += [0xEF, 0xBB, 0xBF] }
        value(into: &out, depth: 0)
        if oneIn(3) { mutate(&out) }
        return out
    }

    private mutating func space(into out: inout [UInt8]) {
        guard oneIn(4) else { return }
        out += Array(pick([" ", "\n", "\t", "\r\n", "  "]).utf8)
    }

    private mutating func value(into out: inout [UInt8], depth: Int) {
        space(into: &out)
        switch below(depth > 3 ? 5 : 7) {
        case 0: out += Array(pick(["null", "true", "false"]).utf8)
        case 1, 2: number(into: &out)
        case 3, 4: string(into: &out)
        case 5:
            out.append(UInt8(ascii: "["))
            let count = below(4)
            for i in 0..<count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                value(into: &out, depth: depth + 1)
            }
            if count > 0 && oneIn(30) { out.append(UInt8(ascii: ",")) }
            space(into: &out)
            out.append(UInt8(ascii: "]"))
        default:
            out.append(UInt8(ascii: "{"))
            let count = below(4)
            var keys: [[UInt8]] = []
            for i in 0..<count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                space(into: &out)
                var key: [UInt8] = []
                // Now and then a key repeats (Foundation keeps the last value).
                if let earlier = keys.last, oneIn(15) { key = earlier } else { string(into: &key) }
                keys.append(key)
                out += key
                space(into: &out)
                out.append(UInt8(ascii: ":"))
                value(into: &out, depth: depth + 1)
            }
            space(into: &out)
            out.append(UInt8(ascii: "}"))
        }
        space(into: &out)
    }

    private mutating func number(into out: inout [UInt8]) {
        let forms = [
            "0", "-0", "7", "-12", "1.5", "-0.25", "1e3", "2E-2", "3e+10", "12345678901234567890",
            "0.1", "1.0", "100", "9007199254740993", "1e308", "5e-324", "-1.5e-7", "123.456e2",
            // Not JSON: each must be rejected by both.
            "01", "1.", ".5", "+1", "1e", "-", "0x1", "NaN", "Infinity",
        ]
        if oneIn(3) {
            out += Array(String(below(1_000_000) - 500_000).utf8)
        } else {
            out += Array(pick(forms).utf8)
        }
    }

    private mutating func string(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for _ in 0..<below(6) {
            switch below(14) {
            case 0: out += Array(#"\n"#.utf8)
            case 1: out += Array(pick([#"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#, #"\r"#, #"\t"#]).utf8)
            case 2: out += Array(pick([#"\u0041"#, #"\u00e9"#, #"\u4e2d"#, #"\u0000"#, #"\u001f"#]).utf8)
            case 3: out += Array(#"\ud83d\ude00"#.utf8)  // a surrogate pair
            case 4 where oneIn(3): out += Array(pick([#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#]).utf8)
            case 5: out += Array(pick(["é", "中文", "😀", "\u{7F}"]).utf8)
            case 6 where oneIn(4): out.append(UInt8(below(0x20)))  // a raw control character
            case 7 where oneIn(4): out += Array(pick([#"\x41"#, #"\u12"#, #"\U0041"#]).utf8)
            default: out.append(pick(Array("abcxyz _-:,[]{}".utf8)))
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func mutate(_ out: inout [UInt8]) {
        guard !out.isEmpty else { return }
        let at = below(out.count)
        switch below(4) {
        case 0: out.remove(at: at)
        case 1: out.insert(pick(Array("{}[],:\" 0-e.\\tnu".utf8)), at: at)
        case 2: out[at] = pick(Array("{}[],:\"0.x".utf8) + [0x80, 0xC3, 0xFF])
        default:
            let end = min(out.count, at + 1 + below(4))
            out.insert(contentsOf: out[at..<end], at: end)
        }
    }

    // MARK: Patterns

    /// A pattern in the syntax both ECMA-262 (the JSON Schema dialect) and ICU read the same
    /// way: literals, `.`, classes, `\d \w \s \b`, quantifiers greedy and lazy, groups,
    /// alternation, anchors, lookahead, and lookbehind of fixed length.
    mutating func pattern() -> String {
        var out = ""
        if oneIn(4) { out += "^" }
        out += alternation(depth: 0)
        if oneIn(4) { out += "$" }
        return out
    }

    private mutating func alternation(depth: Int) -> String {
        var branches = [sequence(depth: depth)]
        while branches.count < 3 && oneIn(3) { branches.append(sequence(depth: depth)) }
        return branches.joined(separator: "|")
    }

    private mutating func sequence(depth: Int) -> String {
        var out = ""
        for _ in 0..<(1 + below(4)) {
            let atom = self.atom(depth: depth)
            out += atom.text
            // ICU fails a later alternative after a lazy loop over a group that can match
            // the empty string (`(\b)*?1|` on "d"); groups get greedy quantifiers only. The
            // difference is pinned in `documentedRegexDifferences`.
            if atom.repeatable { out += quantifier(lazy: !atom.text.hasSuffix(")")) }
        }
        return out
    }

    private mutating func atom(depth: Int) -> (text: String, repeatable: Bool) {
        switch below(depth > 1 ? 6 : 9) {
        case 0, 1: return (pick(["a", "b", "c", "1", "-", " ", "é", "中", "\\.", "\\-"]), true)
        case 2: return (".", true)
        case 3: return (characterClass(), true)
        case 4: return (pick(["\\d", "\\w", "\\s", "\\D", "\\W", "\\S"]), true)
        case 5: return (pick(["\\b", "\\B"]), false)
        case 6: return ("(" + alternation(depth: depth + 1) + ")", true)
        case 7: return ("(?:" + alternation(depth: depth + 1) + ")", true)
        default:
            if oneIn(2) {
                return (pick(["(?=", "(?!"]) + alternation(depth: depth + 1) + ")", false)
            }
            return (pick(["(?<=", "(?<!"]) + pick(["a", "b", "ab", "[ab]", "\\d", "1"]) + ")", false)
        }
    }

    private mutating func characterClass() -> String {
        var out = oneIn(3) ? "[^" : "["
        // A dash only first, where both read it as itself: ICU also reads `[\w-\d]`, which
        // ECMA-262 rejects (a class escape cannot end a range).
        if oneIn(5) { out += "-" }
        for _ in 0..<(1 + below(3)) {
            out += pick(["a", "b-d", "1", "0-9", "_", " ", "\\d", "\\w", "é"])
        }
        return out + "]"
    }

    private mutating func quantifier(lazy: Bool) -> String {
        let base = pick(["", "", "", "*", "+", "?", "{2}", "{1,}", "{0,2}", "{1,3}"])
        return base.isEmpty || !lazy || !oneIn(3) ? base : base + "?"
    }

    /// Text for a pattern: short strings over the letters the patterns use, ASCII and not.
    mutating func subject() -> String {
        let letters: [String] = ["a", "b", "c", "d", "1", "2", "-", "_", " ", ".", "é", "中", "😀"]
        return (0..<below(9)).map { _ in pick(letters) }.joined()
    }
}

extension Generator {
    /// Arguments as a model writes them for a tool with these parameters: the right names
    /// and the usual slips (a name in another case or separator style, a parameter left out,
    /// an invented one, the whole object wrapped in `arguments`), with values of every type,
    /// numbers and booleans as strings among them, and now and then a Python literal, a code
    /// fence or a cut-off end.
    mutating func arguments(for parameters: [String]) -> [UInt8] {
        var members: [String] = []
        for name in parameters where !oneIn(5) {
            var key = name
            if oneIn(8) { key = key.uppercased() }
            if oneIn(8) { key = key.replacingOccurrences(of: "_", with: "") }
            if oneIn(10) { key += "_name" }
            members.append("\"\(key)\": \(argumentValue(depth: 0))")
        }
        if oneIn(4) { members.append("\"\(pick(["extra", "note", "q", "id"]))\": \(argumentValue(depth: 0))") }
        var text = "{" + members.joined(separator: ", ") + "}"
        if oneIn(8) { text = "{\"arguments\": \(text)}" }
        if oneIn(12) { text = "```json\n\(text)\n```" }
        if oneIn(12) { text = text.replacingOccurrences(of: "true", with: "True") }
        var bytes = Array(text.utf8)
        if oneIn(10) { bytes.removeLast(below(bytes.count) / 2 + 1) }
        return bytes
    }

    private mutating func argumentValue(depth: Int) -> String {
        switch below(depth > 1 ? 9 : 11) {
        case 0: return pick(["\"Beijing\"", "\"北京\"", "\"Li Lei\"", "\"\"", "\"SHA\""])
        case 1: return pick(["\"celsius\"", "\"fahrenheit\"", "\"Celsius\"", "\"kelvin\""])
        case 2: return pick(["1", "0", "-3", "42", "2.5", "1e2", "100000"])
        case 3: return pick(["\"2\"", "\"3.5\"", "\"-1\"", "\"1e3\"", "\"12abc\""])
        case 4: return pick(["true", "false", "\"true\"", "\"false\"", "\"yes\""])
        case 5: return "null"
        case 6: return pick(["\"2026-12-24\"", "\"2026-02-30\"", "\"12:30\"", "\"a@b.cn\""])
        case 7: return pick(["\"[\\\"a\\\"]\"", "\"{\\\"x\\\": 1}\""])  // JSON inside a string
        case 8: return pick(["\"x\"", "\"high\"", "\"low\""])
        case 9: return "[" + (0..<below(3)).map { _ in argumentValue(depth: depth + 1) }.joined(separator: ",") + "]"
        default:
            let keys = ["name", "quantity", "sku", "street", "city", "a", "value"]
            return "{"
                + (0..<below(3)).map { _ in "\"\(pick(keys))\": \(argumentValue(depth: depth + 1))" }
                .joined(separator: ",") + "}"
        }
    }
}
