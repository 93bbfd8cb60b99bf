internal import JSONCore

/// Exact decimal arithmetic for `multipleOf`: `19.99` is a multiple of `0.01`, and integers of
/// any size work, because no `Double` is involved.
enum DecimalMath {
    /// Whether `n / m` is an integer, computed on the decimal digits.
    static func isMultiple(_ n: JSONNumber, of m: JSONNumber) -> Bool {
        guard let a = n.decimalComponents, let b = m.decimalComponents, !b.digits.isEmpty else {
            // An exponent too large to hold: fall back to Double, which is exact for such scales.
            guard let x = n.doubleValue, let y = m.doubleValue, y != 0 else { return false }
            let q = x / y
            return q.isFinite && q == q.rounded()
        }
        if a.digits.isEmpty { return true }  // zero is a multiple of everything
        // n/m = (dn/dm) × 10^(en-em). dn has no trailing zeros, so when en < em the quotient
        // needs dn divisible by 10, which it is not.
        guard a.exponent >= b.exponent else { return false }
        var r = remainder(a.digits, b.digits)
        // Multiplying by 10 can only reach 0 when dm's factors are 2s and 5s, within
        // 4 × len(dm) steps; more steps change nothing.
        let steps = min(a.exponent - b.exponent, 4 * b.digits.count + 4)
        var k = 0
        while k < steps && !r.isEmpty {
            r = remainder(r + [0x30], b.digits)
            k += 1
        }
        return r.isEmpty
    }

    /// `x mod y` for ASCII digit strings; the result has no leading zeros (empty for zero).
    static func remainder(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        if y.count <= 18 {
            var m: UInt64 = 0
            for d in y { m = m * 10 + UInt64(d - 0x30) }
            var r: UInt64 = 0
            for d in x { r = (r * 10 + UInt64(d - 0x30)) % m }
            return r == 0 ? [] : Array(String(r).utf8)
        }
        var r: [UInt8] = []
        for d in x {
            if !(r.isEmpty && d == 0x30) { r.append(d) }
            while compare(r, y) >= 0 { r = subtract(r, y) }
        }
        return r
    }

    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    /// `a - b` for `a >= b`, without leading zeros.
    static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0x30, count: a.count)
        var borrow = 0
        for k in 0..<a.count {
            let i = a.count - 1 - k
            let j = b.count - 1 - k
            var d = Int(a[i] - 0x30) - borrow - (j >= 0 ? Int(b[j] - 0x30) : 0)
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 10 }
            result[i] = UInt8(d) + 0x30
        }
        let first = result.firstIndex { $0 != 0x30 } ?? result.count
        return Array(result[first...])
    }
}
