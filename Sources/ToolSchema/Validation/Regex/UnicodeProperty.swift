/// A Unicode property a `\p{…}` escape names: a general category (or its one-letter group),
/// or one of the binary properties the standard library knows.
enum UnicodeProperty: Hashable, Sendable {
    case category(Set<Unicode.GeneralCategory>)
    case alphabetic, whiteSpace, uppercase, lowercase, emoji, ascii, any, assigned

    private typealias C = Unicode.GeneralCategory

    private static let groups: [String: Set<C>] = [
        "L": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter],
        "LC": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter],
        "M": [.nonspacingMark, .spacingMark, .enclosingMark],
        "N": [.decimalNumber, .letterNumber, .otherNumber],
        "P": [
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
        ],
        "S": [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol],
        "Z": [.spaceSeparator, .lineSeparator, .paragraphSeparator],
        "C": [.control, .format, .surrogate, .privateUse, .unassigned],
    ]

    private static let single: [String: C] = [
        "Lu": .uppercaseLetter, "Ll": .lowercaseLetter, "Lt": .titlecaseLetter, "Lm": .modifierLetter,
        "Lo": .otherLetter, "Mn": .nonspacingMark, "Mc": .spacingMark, "Me": .enclosingMark, "Nd": .decimalNumber,
        "Nl": .letterNumber, "No": .otherNumber, "Pc": .connectorPunctuation, "Pd": .dashPunctuation,
        "Ps": .openPunctuation, "Pe": .closePunctuation, "Pi": .initialPunctuation, "Pf": .finalPunctuation,
        "Po": .otherPunctuation, "Sm": .mathSymbol, "Sc": .currencySymbol, "Sk": .modifierSymbol, "So": .otherSymbol,
        "Zs": .spaceSeparator, "Zl": .lineSeparator, "Zp": .paragraphSeparator, "Cc": .control, "Cf": .format,
        "Cs": .surrogate, "Co": .privateUse, "Cn": .unassigned,
    ]

    /// Long names (`Letter`, `Decimal_Number`) for the short ones.
    private static let long: [String: String] = [
        "Letter": "L", "Cased_Letter": "LC", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll",
        "Titlecase_Letter": "Lt", "Modifier_Letter": "Lm", "Other_Letter": "Lo", "Mark": "M", "Combining_Mark": "M",
        "Nonspacing_Mark": "Mn", "Spacing_Mark": "Mc", "Enclosing_Mark": "Me", "Number": "N", "Decimal_Number": "Nd",
        "digit": "Nd", "Letter_Number": "Nl", "Other_Number": "No", "Punctuation": "P", "punct": "P",
        "Connector_Punctuation": "Pc", "Dash_Punctuation": "Pd", "Open_Punctuation": "Ps",
        "Close_Punctuation": "Pe", "Initial_Punctuation": "Pi", "Final_Punctuation": "Pf",
        "Other_Punctuation": "Po", "Symbol": "S", "Math_Symbol": "Sm", "Currency_Symbol": "Sc",
        "Modifier_Symbol": "Sk", "Other_Symbol": "So", "Separator": "Z", "Space_Separator": "Zs",
        "Line_Separator": "Zl", "Paragraph_Separator": "Zp", "Other": "C", "Control": "Cc", "cntrl": "Cc",
        "Format": "Cf", "Surrogate": "Cs", "Private_Use": "Co", "Unassigned": "Cn",
    ]

    /// The property `name` (as written between the braces) names, or nil.
    init?(_ name: String) {
        var key = name
        for prefix in ["General_Category=", "gc="] where key.hasPrefix(prefix) {
            key = String(key.dropFirst(prefix.count))
        }
        key = Self.long[key] ?? key
        if let group = Self.groups[key] {
            self = .category(group)
            return
        }
        if let one = Self.single[key] {
            self = .category([one])
            return
        }
        switch name {
        case "Alphabetic", "Alpha": self = .alphabetic
        case "White_Space", "space": self = .whiteSpace
        case "Uppercase", "Upper": self = .uppercase
        case "Lowercase", "Lower": self = .lowercase
        case "Emoji": self = .emoji
        case "ASCII": self = .ascii
        case "Any": self = .any
        case "Assigned": self = .assigned
        default: return nil
        }
    }

    func matches(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        switch self {
        case .category(let set): return set.contains(p.generalCategory)
        case .alphabetic: return p.isAlphabetic
        case .whiteSpace: return p.isWhitespace
        case .uppercase: return p.isUppercase
        case .lowercase: return p.isLowercase
        case .emoji: return p.isEmoji
        case .ascii: return scalar.isASCII
        case .any: return true
        case .assigned: return p.generalCategory != .unassigned
        }
    }
}
