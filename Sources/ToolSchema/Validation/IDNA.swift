/// Punycode (RFC 3492) decoding, for the A-labels (`xn--…`) of a `hostname`.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

    /// The scalars an A-label's part after `xn--` encodes, or nil when it is not valid Punycode.
    static func decode<C: Collection<UInt8>>(_ input: C) -> [Unicode.Scalar]? {
        let bytes = Array(input)
        var output: [UInt32] = []
        var start = 0
        if let delimiter = bytes.lastIndex(of: 0x2D) {
            for b in bytes[..<delimiter] {
                guard b < 0x80 else { return nil }
                output.append(UInt32(b))
            }
            start = delimiter + 1
        }
        var n = initialN, bias = initialBias, i = 0
        var k = start
        while k < bytes.count {
            let oldI = i
            var w = 1
            var t = base
            while true {
                guard k < bytes.count, let digit = digitValue(bytes[k]) else { return nil }
                k += 1
                let (product, overflow) = digit.multipliedReportingOverflow(by: w)
                guard !overflow, i <= Int(Int32.max) - product else { return nil }
                i += product
                let threshold = t <= bias ? tMin : (t >= bias + tMax ? tMax : t - bias)
                if digit < threshold { break }
                guard w <= Int(Int32.max) / (base - threshold) else { return nil }
                w *= base - threshold
                t += base
            }
            bias = adapt(i - oldI, output.count + 1, oldI == 0)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n) else { return nil }
            output.insert(UInt32(n), at: i)
            i += 1
        }
        let scalars = output.compactMap(Unicode.Scalar.init)
        return scalars.count == output.count && !scalars.isEmpty ? scalars : nil
    }

    private static func digitValue(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: Int(b - 0x30) + 26
        case 0x41...0x5A: Int(b - 0x41)
        case 0x61...0x7A: Int(b - 0x61)
        default: nil
        }
    }

    private static func adapt(_ delta: Int, _ points: Int, _ first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}

/// The IDNA2008 rules (RFC 5891 and 5892) a U-label must follow, as far as the standard
/// library's Unicode properties allow: no leading combining mark, no `--` in the third and
/// fourth positions, letters, marks and digits only (with the exceptions RFC 5892 lists), and
/// the contextual rules for MIDDLE DOT, Greek KERAIA, Hebrew GERESH and GERSHAYIM, KATAKANA
/// MIDDLE DOT, Arabic-Indic digits and ZERO WIDTH JOINER. ZERO WIDTH NON-JOINER is accepted
/// without its joining-type rule, which needs tables the standard library does not carry.
enum IDNA {
    static let disallowed: Set<UInt32> = [
        0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B,
    ]
    static let pvalid: Set<UInt32> = [0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007]

    static func isValidULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first else { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        let values = label.map(\.value)
        let hasArabicIndic = values.contains { (0x0660...0x0669).contains($0) }
        let hasExtendedArabicIndic = values.contains { (0x06F0...0x06F9).contains($0) }
        if hasArabicIndic && hasExtendedArabicIndic { return false }
        for (k, scalar) in label.enumerated() {
            let v = scalar.value
            if disallowed.contains(v) { return false }
            if pvalid.contains(v) || v == 0x2D { continue }
            let before = k > 0 ? label[k - 1] : nil
            let after = k + 1 < label.count ? label[k + 1] : nil
            switch v {
            case 0x00B7:  // MIDDLE DOT: between two l's (Catalan)
                guard before == "l", after == "l" else { return false }
            case 0x0375:  // GREEK KERAIA: before a Greek letter
                guard let after, isGreek(after.value) else { return false }
            case 0x05F3, 0x05F4:  // HEBREW GERESH, GERSHAYIM: after a Hebrew letter
                guard let before, isHebrew(before.value) else { return false }
            case 0x30FB:  // KATAKANA MIDDLE DOT: in a label with Hiragana, Katakana or Han
                guard values.contains(where: { $0 != 0x30FB && isJapanese($0) }) else { return false }
            case 0x200D:  // ZERO WIDTH JOINER: after a virama
                guard let before, before.properties.canonicalCombiningClass == .virama else { return false }
            case 0x200C:
                continue
            default:
                switch scalar.properties.generalCategory {
                case .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .enclosingMark,
                    .decimalNumber:
                    continue
                case .uppercaseLetter, .titlecaseLetter:
                    // IDNA2008 labels are lowercase (a U-label is what lowercasing produced).
                    return false
                default:
                    return false
                }
            }
        }
        return true
    }

    static func isGreek(_ v: UInt32) -> Bool { (0x0370...0x03FF).contains(v) || (0x1F00...0x1FFF).contains(v) }
    static func isHebrew(_ v: UInt32) -> Bool { (0x0590...0x05FF).contains(v) || (0xFB1D...0xFB4F).contains(v) }
    static func isJapanese(_ v: UInt32) -> Bool {
        (0x3040...0x30FF).contains(v) || (0x31F0...0x31FF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0x20000...0x3FFFF).contains(v)
            || v == 0x3005 || v == 0x3007
    }
}
