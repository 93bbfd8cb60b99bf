/// A JSON number, kept as the exact literal it was written with.
///
/// `12345678901234567890123`, `0.1`, `1e400` and `-0` all round-trip unchanged. Equality,
/// hashing and ordering follow the mathematical value of the literal, computed exactly in
/// decimal: `1`, `1.0`, `10e-1` and `0.1e1` are equal, and `0.1 + 0.2`-style binary rounding
/// never enters. Conversions to `Int64` and `Double` are offered where the value fits.
public struct JSONNumber: Sendable, CustomStringConvertible {
    /// The number as it was written, always a valid RFC 8259 number literal.
    public let literal: String

    /// Creates a number from a literal that is known to be valid RFC 8259 syntax.
    package init(uncheckedLiteral literal: String) {
        self.literal = literal
    }

    /// Creates a number from its text, or returns nil when the text is not an RFC 8259 number.
    public init?(literal: String) {
        guard Self.isValidLiteral(literal) else { return nil }
        self.literal = literal
    }

    /// Creates a number from an integer.
    public init(_ value: some BinaryInteger) {
        self.literal = String(value)
    }

    /// Creates a number from a `Double`, or returns nil for NaN and infinities, which JSON
    /// cannot hold.
    ///
    /// The literal is the shortest text that reads back as the same `Double` (`0.1` stays
    /// `0.1`); whole numbers are written without a fraction (`2.0` becomes `2`).
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 {
            self.literal = String(Int64(value)) == "0" && value.sign == .minus ? "-0" : String(Int64(value))
        } else {
            self.literal = value.description
        }
    }

    /// The value in words, as messages print it.
    public var description: String { literal }

    // MARK: Views

    /// Whether the value is a whole number, the JSON Schema meaning of `integer`: `1.0` and
    /// `1e2` count, `1.5` does not.
    public var isInteger: Bool {
        if let short = shortDecimal { return short.scale == 0 || short.mantissa % Self.powersOfTen[short.scale] == 0 }
        return withLayout { layout, _ in layout.isZero || layout.canonicalExponent >= 0 }
    }

    /// The value as `mantissa × 10^-scale` when the literal has no exponent and at most 18
    /// digits (`24.50` is 2450 and 2): what models and payloads write almost always, read
    /// without the general decimal layout.
    @inline(__always)
    var shortDecimal: (mantissa: Int64, scale: Int)? {
        let n = literal.utf8.count
        guard n <= 19 else { return nil }
        return literal.utf8.withContiguousStorageIfAvailable { b -> (mantissa: Int64, scale: Int)? in
            var i = 0
            let negative = b[0] == 0x2D
            if negative { i = 1 }
            var m: Int64 = 0
            var digits = 0
            var scale = -1
            while i < n {
                let c = b[i]
                if c == 0x2E {
                    scale = 0
                } else if c &- 0x30 < 10 {
                    m = m &* 10 &+ Int64(c &- 0x30)
                    digits += 1
                    if scale >= 0 { scale += 1 }
                } else {
                    return nil  // an exponent
                }
                i += 1
            }
            guard digits <= 18 else { return nil }
            return (negative ? -m : m, max(scale, 0))
        } ?? nil
    }

    static let powersOfTen: [Int64] = (0...18).map { k in (0..<k).reduce(1) { r, _ in r * 10 } }

    /// The value as an `Int64`, when it is a whole number in range.
    public var int64Value: Int64? {
        withLayout { layout, bytes in
            if layout.isZero { return 0 }
            guard layout.canonicalExponent >= 0, !layout.hugeExponent else { return nil }
            var magnitude: UInt64 = 0
            for k in layout.firstSignificant...layout.lastSignificant {
                let digit = UInt64(bytes[layout.digitOffset(k)] &- 0x30)
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(digit)
                if o1 || o2 { return nil }
                magnitude = s
            }
            var e = layout.canonicalExponent
            while e > 0 {
                let (m, o) = magnitude.multipliedReportingOverflow(by: 10)
                if o { return nil }
                magnitude = m
                e -= 1
            }
            if layout.negative {
                if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
                guard magnitude <= UInt64(Int64.max) else { return nil }
                return -Int64(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return Int64(magnitude)
        }
    }

    /// The value as an `Int`, when it is a whole number in range.
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// The nearest `Double`, or nil when the value is beyond `Double`'s range (`1e400`).
    ///
    /// Values with more precision than a `Double` holds are rounded to the nearest one.
    public var doubleValue: Double? {
        guard let value = Double(literal), value.isFinite else { return nil }
        return value
    }

    // MARK: Syntax

    /// Whether `text` is exactly an RFC 8259 number: `-? int frac? exp?`.
    public static func isValidLiteral(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            return scanLiteral(buffer.span, from: 0) == buffer.count && !buffer.isEmpty
        }
    }

    /// The end of the number literal starting at `i`, or nil when there is none. Scans the
    /// grammar only; it does not look at what follows.
    package static func scanLiteral(_ s: Span<UInt8>, from start: Int) -> Int? {
        var i = start
        let n = s.count
        if i < n && s[i] == 0x2D { i += 1 }
        guard i < n else { return nil }
        if s[i] == 0x30 {
            i += 1
        } else if s[i] >= 0x31 && s[i] <= 0x39 {
            while i < n && s[i] >= 0x30 && s[i] <= 0x39 { i += 1 }
        } else {
            return nil
        }
        if i < n && s[i] == 0x2E {
            i += 1
            guard i < n, s[i] >= 0x30 && s[i] <= 0x39 else { return nil }
            while i < n && s[i] >= 0x30 && s[i] <= 0x39 { i += 1 }
        }
        if i < n && (s[i] == 0x65 || s[i] == 0x45) {
            i += 1
            if i < n && (s[i] == 0x2B || s[i] == 0x2D) { i += 1 }
            guard i < n, s[i] >= 0x30 && s[i] <= 0x39 else { return nil }
            while i < n && s[i] >= 0x30 && s[i] <= 0x39 { i += 1 }
        }
        return i
    }

    // MARK: Canonical decimal form

    /// The literal decomposed as `±D × 10^e` over its digit string `D = int ++ frac`.
    struct Layout {
        var negative = false
        var intStart = 0
        var intCount = 0
        var fracStart = 0
        var fracCount = 0
        var firstSignificant = 0  // index into D
        var lastSignificant = -1  // index into D
        var canonicalExponent = 0  // exponent of the last significant digit
        var hugeExponent = false  // the written exponent did not fit; see `compareHuge`
        var exponentText: (start: Int, end: Int, negative: Bool) = (0, 0, false)

        var isZero: Bool { lastSignificant < firstSignificant }
        var significantCount: Int { lastSignificant - firstSignificant + 1 }
        /// The exponent of the first significant digit: the order of magnitude.
        var magnitude: Int { canonicalExponent + significantCount - 1 }

        @inline(__always)
        func digitOffset(_ k: Int) -> Int { k < intCount ? intStart + k : fracStart + (k - intCount) }
    }

    static func layout(_ b: UnsafeBufferPointer<UInt8>) -> Layout {
        var l = Layout()
        var i = 0
        let n = b.count
        if i < n && b[i] == 0x2D {
            l.negative = true
            i += 1
        }
        l.intStart = i
        while i < n && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
        l.intCount = i - l.intStart
        if i < n && b[i] == 0x2E {
            i += 1
            l.fracStart = i
            while i < n && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            l.fracCount = i - l.fracStart
        }
        var exponent = 0
        if i < n && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            var negativeExponent = false
            if i < n && (b[i] == 0x2B || b[i] == 0x2D) {
                negativeExponent = b[i] == 0x2D
                i += 1
            }
            while i < n && b[i] == 0x30 { i += 1 }
            let digitsStart = i
            while i < n {
                if i - digitsStart < 17 { exponent = exponent * 10 + Int(b[i] - 0x30) } else { l.hugeExponent = true }
                i += 1
            }
            l.exponentText = (digitsStart, i, negativeExponent)
            if negativeExponent { exponent = -exponent }
        }
        let total = l.intCount + l.fracCount
        var first = 0
        while first < total && b[l.digitOffset(first)] == 0x30 { first += 1 }
        var last = total - 1
        while last >= first && b[l.digitOffset(last)] == 0x30 { last -= 1 }
        l.firstSignificant = first
        l.lastSignificant = last
        l.canonicalExponent = exponent - l.fracCount + (total - 1 - last)
        return l
    }

    func withLayout<R>(_ body: (Layout, UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = literal.utf8.withContiguousStorageIfAvailable({ body(Self.layout($0), $0) }) {
            return result
        }
        let bytes = Array(literal.utf8)
        return bytes.withUnsafeBufferPointer { body(Self.layout($0), $0) }
    }

    /// The value as `mantissa × 10^-scale`, when ``shortDecimal`` can say: for a comparison
    /// with a bound whose own short form was read once, ahead of time.
    package var shortForm: (mantissa: Int64, scale: Int)? { shortDecimal }

    /// Three-way comparison of two short forms, when scaling both to a common scale does not
    /// overflow.
    @inline(__always)
    package static func compare(
        short a: (mantissa: Int64, scale: Int),
        _ b: (mantissa: Int64, scale: Int)
    ) -> Int? {
        // Both exact in 64 bits at a common scale, unless scaling overflows.
        var (x, y) = (a.mantissa, b.mantissa)
        var overflow = false
        if a.scale < b.scale {
            (x, overflow) = x.multipliedReportingOverflow(by: Self.powersOfTen[b.scale - a.scale])
        } else if b.scale < a.scale {
            (y, overflow) = y.multipliedReportingOverflow(by: Self.powersOfTen[a.scale - b.scale])
        }
        if overflow { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    /// Three-way comparison of the exact decimal values.
    package func compare(_ other: JSONNumber) -> Int {
        if let a = shortDecimal, let b = other.shortDecimal, let order = Self.compare(short: a, b) { return order }
        return compareExactly(other)
    }

    /// Three-way comparison of the exact decimal values, without the short-form fast path.
    package func compareExactly(_ other: JSONNumber) -> Int {
        if literal == other.literal { return 0 }
        return withLayout { a, ab in
            other.withLayout { b, bb in
                Self.compare(a, ab, b, bb)
            }
        }
    }

    private static func compare(
        _ a: Layout,
        _ ab: UnsafeBufferPointer<UInt8>,
        _ b: Layout,
        _ bb: UnsafeBufferPointer<UInt8>
    )
        -> Int
    {
        if a.isZero && b.isZero { return 0 }
        let aSign = a.isZero ? 0 : (a.negative ? -1 : 1)
        let bSign = b.isZero ? 0 : (b.negative ? -1 : 1)
        if aSign != bSign { return aSign < bSign ? -1 : 1 }
        // Same sign, both nonzero: compare magnitudes, then flip for negatives.
        let m = compareMagnitude(a, ab, b, bb)
        return aSign < 0 ? -m : m
    }

    private static func compareMagnitude(
        _ a: Layout,
        _ ab: UnsafeBufferPointer<UInt8>,
        _ b: Layout,
        _ bb: UnsafeBufferPointer<UInt8>
    ) -> Int {
        if a.hugeExponent || b.hugeExponent {
            let h = compareHugeExponents(a, ab, b, bb)
            if h != 0 { return h }
        } else if a.magnitude != b.magnitude {
            return a.magnitude < b.magnitude ? -1 : 1
        }
        var i = a.firstSignificant
        var j = b.firstSignificant
        while i <= a.lastSignificant && j <= b.lastSignificant {
            let x = ab[a.digitOffset(i)]
            let y = bb[b.digitOffset(j)]
            if x != y { return x < y ? -1 : 1 }
            i += 1
            j += 1
        }
        let aLeft = a.lastSignificant - i
        let bLeft = b.lastSignificant - j
        if aLeft == bLeft { return 0 }
        return aLeft < bLeft ? -1 : 1
    }

    /// Orders exponents written with more than 17 digits by their text. The small
    /// adjustments from fraction length and trailing zeros are ignored against such
    /// exponents, which cannot change an ordering between values that far apart; two values
    /// with the same huge exponent text then compare by their digits.
    private static func compareHugeExponents(
        _ a: Layout,
        _ ab: UnsafeBufferPointer<UInt8>,
        _ b: Layout,
        _ bb: UnsafeBufferPointer<UInt8>
    ) -> Int {
        func key(
            _ l: Layout,
            _ buffer: UnsafeBufferPointer<UInt8>
        ) -> (sign: Int, digits: Slice<UnsafeBufferPointer<UInt8>>) {
            if !l.hugeExponent { return (0, buffer[0..<0]) }
            return (l.exponentText.negative ? -1 : 1, buffer[l.exponentText.start..<l.exponentText.end])
        }
        let ka = key(a, ab)
        let kb = key(b, bb)
        if ka.sign != kb.sign { return ka.sign < kb.sign ? -1 : 1 }
        if ka.digits.count != kb.digits.count {
            let longer = ka.digits.count > kb.digits.count ? 1 : -1
            return ka.sign >= 0 ? longer : -longer
        }
        for (x, y) in zip(ka.digits, kb.digits) where x != y {
            let bigger = x > y ? 1 : -1
            return ka.sign >= 0 ? bigger : -bigger
        }
        return 0
    }
}

extension JSONNumber: Hashable, Comparable {
    /// Numbers are equal when their exact decimal values are equal (`1 == 1.0`, `0 == -0`).
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { lhs.compare(rhs) == 0 }

    /// Orders numbers by their exact decimal values.
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool { lhs.compare(rhs) < 0 }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        withLayout { l, b in
            if l.isZero {
                hasher.combine(0 as UInt8)
                return
            }
            hasher.combine(l.negative)
            if l.firstSignificant <= l.lastSignificant {
                for k in l.firstSignificant...l.lastSignificant { hasher.combine(b[l.digitOffset(k)]) }
            }
            if l.hugeExponent {
                hasher.combine(l.exponentText.negative)
                for k in l.exponentText.start..<l.exponentText.end { hasher.combine(b[k]) }
            } else {
                hasher.combine(l.canonicalExponent)
            }
        }
    }
}

extension JSONNumber {
    /// The exact value as `±digits × 10^exponent`: significant ASCII digits with no leading or
    /// trailing zeros (empty for zero), or nil when the written exponent is too large to hold.
    package var decimalComponents: (negative: Bool, digits: [UInt8], exponent: Int)? {
        withLayout { l, b in
            if l.hugeExponent { return nil }
            if l.isZero { return (false, [], 0) }
            var digits: [UInt8] = []
            digits.reserveCapacity(l.significantCount)
            for k in l.firstSignificant...l.lastSignificant { digits.append(b[l.digitOffset(k)]) }
            return (l.negative, digits, l.canonicalExponent)
        }
    }
}
