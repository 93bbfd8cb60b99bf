/// The syntax tree of an ECMA-262 regular expression, as JSON Schema's `pattern` uses them.
///
/// Parsed once per schema. Backreferences are recognised so they can be reported: ToolSchema
/// runs patterns with a linear-time engine, which cannot match them.
indirect enum RegexNode: Hashable, Sendable {
    case empty
    case scalar(Unicode.Scalar)
    case any  // `.`: any scalar but a line terminator
    case set(RegexSet)
    case lineStart, lineEnd  // `^`, `$`
    case wordBoundary(Bool)  // `\b` (true), `\B` (false)
    case group(RegexNode)
    case concatenation([RegexNode])
    case alternation([RegexNode])
    case repetition(RegexNode, min: Int, max: Int?, greedy: Bool)
    case backreference(String)
    case lookaround(RegexNode, ahead: Bool, negated: Bool)
}

/// A character class: ranges of scalars and Unicode properties (each possibly negated, as
/// `\P{…}` is), possibly negated as a whole.
struct RegexSet: Hashable, Sendable {
    var ranges: [ClosedRange<UInt32>]
    var negated: Bool
    var properties: [PropertyItem] = []

    struct PropertyItem: Hashable, Sendable {
        var property: UnicodeProperty
        var negated: Bool
    }

    init(ranges: [ClosedRange<UInt32>], negated: Bool, properties: [(UnicodeProperty, Bool)] = []) {
        self.ranges = ranges
        self.negated = negated
        self.properties = properties.map { PropertyItem(property: $0.0, negated: $0.1) }
    }

    static let digits = RegexSet(ranges: [0x30...0x39], negated: false)
    static let word = RegexSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A], negated: false)
    /// ECMA-262 WhiteSpace and LineTerminator.
    static let space = RegexSet(
        ranges: [
            0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
            0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
        ],
        negated: false
    )

    var inverted: RegexSet {
        var copy = self
        copy.negated.toggle()
        return copy
    }

    @inline(__always)
    func contains(_ v: UInt32) -> Bool {
        var hit = false
        for r in ranges where r.contains(v) {
            hit = true
            break
        }
        if !hit && !properties.isEmpty { hit = hasProperty(v) }
        return hit != negated
    }

    /// Whether one of the `\p{…}` items matches (the slow path, out of line).
    @inline(never)
    private func hasProperty(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        return properties.contains { $0.property.matches(scalar) != $0.negated }
    }
}

/// Why a pattern is not a valid ECMA-262 regular expression, and where.
package struct RegexSyntaxError: Error, Hashable, Sendable {
    /// What is wrong.
    package var message: String
    /// The 0-based index, in Unicode scalars, of the offending character in the pattern.
    package var index: Int
}

/// A recursive-descent parser for the ECMA-262 pattern grammar (without flags).
struct RegexParser {
    let scalars: [Unicode.Scalar]
    var i = 0
    var groupCount = 0
    var groupNames: Set<String> = []
    var depth = 0
    static let maxDepth = 256
    static let maxRepeat = 10_000

    init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    static func parse(_ pattern: String) throws(RegexSyntaxError) -> RegexNode {
        var parser = RegexParser(pattern)
        let node = try parser.parseAlternation()
        if parser.i < parser.scalars.count {
            // Only an unmatched ')' stops the top level early.
            throw RegexSyntaxError(message: "unmatched ')'", index: parser.i)
        }
        return node
    }

    var atEnd: Bool { i >= scalars.count }
    var current: Unicode.Scalar? { atEnd ? nil : scalars[i] }

    func fail(_ message: String, at index: Int? = nil) -> RegexSyntaxError {
        RegexSyntaxError(message: message, index: index ?? i)
    }

    mutating func parseAlternation() throws(RegexSyntaxError) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw fail("groups are nested more than \(Self.maxDepth) levels deep") }
        var branches = [try parseConcatenation()]
        while current == "|" {
            i += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseConcatenation() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = current, c != "|", c != ")" {
            let atomStart = i
            var atom = try parseAtom()
            if let quantified = try parseQuantifier(atom, atomStart: atomStart) { atom = quantified }
            items.append(atom)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    mutating func parseQuantifier(_ atom: RegexNode, atomStart: Int) throws(RegexSyntaxError) -> RegexNode? {
        guard let c = current else { return nil }
        var min = 0
        var max: Int? = nil
        let quantifierStart = i
        switch c {
        case "*": i += 1
        case "+":
            min = 1
            i += 1
        case "?":
            max = 1
            i += 1
        case "{":
            guard let (lo, hi) = try parseBraces() else { return nil }  // a literal '{'
            min = lo
            max = hi
        default:
            return nil
        }
        switch atom {
        case .lineStart, .lineEnd, .wordBoundary, .empty:
            throw fail("nothing to repeat before '\(c)'", at: quantifierStart)
        case .lookaround(_, ahead: false, _):
            throw fail("a lookbehind cannot be repeated", at: quantifierStart)
        default:
            break
        }
        var greedy = true
        if current == "?" {
            greedy = false
            i += 1
        }
        if let c = current, c == "*" || c == "+" || c == "?" || c == "{" && (try? lookBraces()) != nil {
            throw fail("nothing to repeat before '\(c)'")
        }
        return .repetition(atom, min: min, max: max, greedy: greedy)
    }

    /// `{n}`, `{n,}`, `{n,m}` at `i`; nil (and `i` unchanged) when the brace is literal.
    mutating func parseBraces() throws(RegexSyntaxError) -> (Int, Int?)? {
        guard let (lo, hi, end) = try lookBraces() else { return nil }
        i = end
        return (lo, hi)
    }

    func lookBraces() throws(RegexSyntaxError) -> (Int, Int?, Int)? {
        var k = i + 1
        func number(_ k: inout Int) -> Int? {
            var value = 0
            var digits = 0
            while k < scalars.count, let d = Int(String(scalars[k])), scalars[k].isASCII {
                value = Swift.min(value * 10 + d, Int(Int32.max))
                digits += 1
                k += 1
            }
            return digits > 0 ? value : nil
        }
        guard let lo = number(&k) else { return nil }
        var hi: Int? = lo
        if k < scalars.count && scalars[k] == "," {
            k += 1
            hi = number(&k)
        }
        guard k < scalars.count && scalars[k] == "}" else { return nil }
        if let hi, hi < lo {
            throw fail("numbers out of order in {\(lo),\(hi)}: the minimum is larger than the maximum")
        }
        if lo > Self.maxRepeat || (hi ?? 0) > Self.maxRepeat {
            throw fail("a repeat count above \(Self.maxRepeat) is not supported")
        }
        return (lo, hi, k + 1)
    }

    mutating func parseAtom() throws(RegexSyntaxError) -> RegexNode {
        let c = scalars[i]
        switch c {
        case "^":
            i += 1
            return .lineStart
        case "$":
            i += 1
            return .lineEnd
        case ".":
            i += 1
            return .any
        case "(":
            return try parseGroup()
        case "[":
            return .set(try parseClass())
        case "\\":
            return try parseEscape(inClass: false).node
        case "*", "+", "?":
            throw fail("nothing to repeat before '\(c)'")
        case "{":
            if (try? lookBraces()) != nil { throw fail("nothing to repeat before '{'") }
            i += 1
            return .scalar(c)
        case "]", "}":
            i += 1
            return .scalar(c)
        default:
            i += 1
            return .scalar(c)
        }
    }

    mutating func parseGroup() throws(RegexSyntaxError) -> RegexNode {
        let open = i
        i += 1
        var kind = 0  // 0 capture, 1 non-capture, 2 lookahead, 3 lookbehind
        var negated = false
        if current == "?" {
            i += 1
            switch current {
            case ":":
                kind = 1
                i += 1
            case "=", "!":
                kind = 2
                negated = current == "!"
                i += 1
            case "<":
                i += 1
                if current == "=" || current == "!" {
                    kind = 3
                    negated = current == "!"
                    i += 1
                } else {
                    let nameStart = i
                    var name = ""
                    while let c = current, c != ">" {
                        guard
                            c.properties.isAlphabetic || c == "_" || c == "$"
                                || c.properties.numericType != nil && !name.isEmpty
                        else { throw fail("invalid character in a group name") }
                        name.unicodeScalars.append(c)
                        i += 1
                    }
                    guard current == ">", !name.isEmpty else { throw fail("unterminated group name", at: nameStart) }
                    i += 1
                    if !groupNames.insert(name).inserted {
                        throw fail("duplicate group name \"\(name)\"", at: nameStart)
                    }
                }
            default:
                throw fail("invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'")
            }
        }
        if kind == 0 { groupCount += 1 }
        let inner = try parseAlternation()
        guard current == ")" else { throw fail("unterminated group: '(' has no matching ')'", at: open) }
        i += 1
        switch kind {
        case 2: return .lookaround(inner, ahead: true, negated: negated)
        case 3: return .lookaround(inner, ahead: false, negated: negated)
        default: return .group(inner)
        }
    }

    mutating func parseClass() throws(RegexSyntaxError) -> RegexSet {
        let open = i
        i += 1
        var set = RegexSet(ranges: [], negated: false)
        if current == "^" {
            set.negated = true
            i += 1
        }
        while let c = current, c != "]" {
            let lowStart = i
            let low = try classAtom()
            if current == "-", i + 1 < scalars.count, scalars[i + 1] != "]" {
                i += 1
                let high = try classAtom()
                guard case .single(let a) = low, case .single(let b) = high else {
                    throw fail("a class escape like \\d cannot bound a range", at: lowStart)
                }
                guard a <= b else {
                    throw fail("range out of order in character class: \(scalarText(a))-\(scalarText(b))", at: lowStart)
                }
                set.ranges.append(a...b)
            } else {
                switch low {
                case .single(let v): set.ranges.append(v...v)
                case .set(let s):
                    if s.negated {
                        // Complement inside a class: add the gaps.
                        var start: UInt32 = 0
                        for r in s.ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                            if r.lowerBound > start { set.ranges.append(start...(r.lowerBound - 1)) }
                            start = Swift.max(start, r.upperBound + 1)
                        }
                        if start <= 0x10FFFF { set.ranges.append(start...0x10FFFF) }
                    } else {
                        set.ranges += s.ranges
                        set.properties += s.properties
                    }
                }
            }
            _ = c
        }
        guard current == "]" else { throw fail("unterminated character class: '[' has no matching ']'", at: open) }
        i += 1
        return set
    }

    func scalarText(_ v: UInt32) -> String {
        guard let s = Unicode.Scalar(v) else { return "?" }
        return String(Character(s))
    }

    enum ClassAtom {
        case single(UInt32)
        case set(RegexSet)
    }

    mutating func classAtom() throws(RegexSyntaxError) -> ClassAtom {
        let c = scalars[i]
        if c == "\\" {
            let (node, value) = try parseEscape(inClass: true)
            if let value { return .single(value) }
            if case .set(let s) = node { return .set(s) }
            throw fail("this escape cannot appear in a character class", at: i - 1)
        }
        i += 1
        return .single(c.value)
    }

    /// Parses an escape at `i` (a backslash). Returns the node, and the scalar value when it
    /// stands for one character.
    mutating func parseEscape(inClass: Bool) throws(RegexSyntaxError) -> (node: RegexNode, value: UInt32?) {
        let start = i
        i += 1
        guard let c = current else { throw fail("the pattern ends with a lone backslash", at: start) }
        i += 1
        func single(_ v: UInt32) -> (RegexNode, UInt32?) { (.scalar(Unicode.Scalar(v) ?? "\u{FFFD}"), v) }
        switch c {
        case "d": return (.set(.digits), nil)
        case "D": return (.set(RegexSet.digits.inverted), nil)
        case "w": return (.set(.word), nil)
        case "W": return (.set(RegexSet.word.inverted), nil)
        case "s": return (.set(.space), nil)
        case "S": return (.set(RegexSet.space.inverted), nil)
        case "b":
            if inClass { return single(0x08) }
            return (.wordBoundary(true), nil)
        case "B":
            if inClass { throw fail("\\B cannot appear in a character class", at: start) }
            return (.wordBoundary(false), nil)
        case "n": return single(0x0A)
        case "r": return single(0x0D)
        case "t": return single(0x09)
        case "v": return single(0x0B)
        case "f": return single(0x0C)
        case "0":
            if let d = current, d.isASCII, d.properties.numericType != nil {
                throw fail("octal escapes are not allowed; write \\x or \\u escapes", at: start)
            }
            return single(0)
        case "c":
            guard let letter = current, letter.isASCII, letter.properties.isAlphabetic else {
                throw fail("\\c must be followed by a letter", at: start)
            }
            i += 1
            return single(letter.value % 32)
        case "x":
            let v = try hexDigits(2, escapeStart: start)
            return single(v)
        case "u":
            if current == "{" {
                i += 1
                var v: UInt32 = 0
                var digits = 0
                while let h = current, h != "}" {
                    guard let d = h.hexValue else { throw fail("invalid \\u{…} escape", at: start) }
                    v = v * 16 + d
                    digits += 1
                    if v > 0x10FFFF { throw fail("\\u{…} escape above U+10FFFF", at: start) }
                    i += 1
                }
                guard current == "}", digits > 0 else { throw fail("unterminated \\u{…} escape", at: start) }
                i += 1
                guard Unicode.Scalar(v) != nil else { throw fail("\\u{…} escape of a surrogate", at: start) }
                return single(v)
            }
            var v = try hexDigits(4, escapeStart: start)
            // A surrogate pair written as two escapes is one character.
            if v >= 0xD800 && v <= 0xDBFF, current == "\\", i + 1 < scalars.count, scalars[i + 1] == "u" {
                let save = i
                i += 2
                if let low = try? hexDigits(4, escapeStart: save), low >= 0xDC00 && low <= 0xDFFF {
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    i = save
                }
            }
            guard Unicode.Scalar(v) != nil else {
                throw fail("a lone surrogate \\u escape cannot match UTF-8 text", at: start)
            }
            return single(v)
        case "1"..."9":
            if inClass { throw fail("a backreference cannot appear in a character class", at: start) }
            var number = String(c)
            while let d = current, d.isASCII, d.properties.numericType != nil {
                number.unicodeScalars.append(d)
                i += 1
            }
            return (.backreference(number), nil)
        case "k":
            guard current == "<" else { throw fail("\\k must be followed by <name>", at: start) }
            var name = ""
            i += 1
            while let n = current, n != ">" {
                name.unicodeScalars.append(n)
                i += 1
            }
            guard current == ">" else { throw fail("unterminated \\k<name>", at: start) }
            i += 1
            return (.backreference(name), nil)
        case "p", "P":
            // Unicode property escapes, as in ECMA-262's u mode (JSON Schema 2020-12 patterns).
            guard current == "{" else { throw fail("\\\(c) must be followed by {property}", at: start) }
            i += 1
            var name = ""
            while let n = current, n != "}" {
                name.unicodeScalars.append(n)
                i += 1
            }
            guard current == "}" else { throw fail("unterminated \\\(c){…}", at: start) }
            i += 1
            guard let property = UnicodeProperty(name) else {
                throw fail(
                    "unknown or unsupported Unicode property \\\(c){\(name)}: general categories (L, Letter, Lu, Nd…) "
                        + "and Alphabetic, White_Space, Uppercase, Lowercase, Emoji, ASCII, Any are supported; scripts are not",
                    at: start
                )
            }
            return (.set(RegexSet(ranges: [], negated: false, properties: [(property, c == "P")])), nil)
        default:
            // Identity escapes: syntax characters and '/' (and, outside Unicode mode, others).
            if c.properties.isAlphabetic && c.isASCII {
                throw fail("invalid escape \\\(c)", at: start)
            }
            return single(c.value)
        }
    }

    mutating func hexDigits(_ count: Int, escapeStart: Int) throws(RegexSyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<count {
            guard let h = current, let d = h.hexValue else {
                throw fail("invalid escape: expected \(count) hexadecimal digits", at: escapeStart)
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}

extension Unicode.Scalar {
    fileprivate var hexValue: UInt32? {
        switch value {
        case 0x30...0x39: value - 0x30
        case 0x41...0x46: value - 0x41 + 10
        case 0x61...0x66: value - 0x61 + 10
        default: nil
        }
    }
}

/// Pattern checks for the linter and tests, without exposing the syntax tree.
package enum RegexCheck {
    /// Parses `pattern` as an ECMA-262 regular expression.
    ///
    /// - Returns: the first construct a linear-time engine cannot run (a backreference), or nil.
    /// - Throws: the syntax error, with the scalar index of the problem.
    package static func compile(_ pattern: String) throws(RegexSyntaxError) -> String? {
        try RegexParser.parse(pattern).unsupportedConstruct
    }
}

extension RegexNode {
    /// The same language read backwards: concatenations reversed at every level. Assertions
    /// (anchors, word boundaries, lookarounds) hold at a position whichever way it is reached,
    /// so they stay as they are.
    var reversed: RegexNode {
        switch self {
        case .concatenation(let list): .concatenation(list.reversed().map(\.reversed))
        case .alternation(let list): .alternation(list.map(\.reversed))
        case .group(let n): .group(n.reversed)
        case .repetition(let n, let min, let max, let greedy):
            .repetition(n.reversed, min: min, max: max, greedy: greedy)
        default: self
        }
    }

    /// The first construct a linear-time engine cannot run: a backreference.
    var unsupportedConstruct: String? {
        switch self {
        case .backreference(let name):
            return "a backreference (\\\(name.first?.isNumber == true ? name : "k<\(name)>"))"
        case .group(let n), .repetition(let n, _, _, _), .lookaround(let n, _, _): return n.unsupportedConstruct
        case .concatenation(let list), .alternation(let list):
            for n in list { if let u = n.unsupportedConstruct { return u } }
            return nil
        default: return nil
        }
    }
}
