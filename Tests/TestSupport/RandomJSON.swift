public import JSONCore

/// A small deterministic generator (SplitMix64), so generated tests repeat exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates random JSON values that exercise the writer and parser: every kind of value,
/// control characters, quotes, backslashes, non-ASCII and astral characters, and number
/// literals of every shape the grammar allows.
public struct RandomJSON {
    public var rng: SplitMix64
    public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let alphabet: [Unicode.Scalar] = [
        "a", "b", "z", "A", "0", "9", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}",
        "\u{7F}", "é", "ß", "中", "文", "😀", "👨", "\u{200D}", "\u{2028}", "\u{FEFF}", "\u{10FFFF}", "'", "{", "]",
    ]

    public mutating func string() -> String {
        let length = Int.random(in: 0...12, using: &rng)
        var s = String.UnicodeScalarView()
        for _ in 0..<length { s.append(Self.alphabet.randomElement(using: &rng)!) }
        return String(s)
    }

    public mutating func numberLiteral() -> String {
        var text = Bool.random(using: &rng) ? "-" : ""
        if Int.random(in: 0..<4, using: &rng) == 0 {
            text += "0"
        } else {
            text += String(Int.random(in: 1...9, using: &rng))
            for _ in 0..<Int.random(in: 0...25, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        if Bool.random(using: &rng) {
            text += "."
            for _ in 0..<Int.random(in: 1...10, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        if Int.random(in: 0..<3, using: &rng) == 0 {
            text += ["e", "E"].randomElement(using: &rng)!
            text += ["", "+", "-"].randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 1...4, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        return text
    }

    public mutating func value(depth: Int = 0) -> JSONValue {
        let choice = Int.random(in: 0..<(depth > 4 ? 4 : 6), using: &rng)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(JSONNumber(literal: numberLiteral())!)
        case 3: return .string(string())
        case 4:
            return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in value(depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...5, using: &rng) { object[string()] = value(depth: depth + 1) }
            return .object(object)
        }
    }
}
