/// Why a JSON text could not be parsed, and exactly where.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Kind: String {
            case emptyInput = "empty-input"
            case unexpectedEnd = "unexpected-end"
            case unexpectedCharacter = "unexpected-character"
            case trailingComma = "trailing-comma"
            case trailingContent = "trailing-content"
            case invalidNumber = "invalid-number"
            case invalidLiteral = "invalid-literal"
            case invalidEscape = "invalid-escape"
            case loneSurrogate = "lone-surrogate"
            case controlCharacter = "control-character"
            case invalidUTF8 = "invalid-utf8"
            case byteOrderMark = "byte-order-mark"
            case duplicateKey = "duplicate-key"
            case depthLimit = "depth-limit"
            case inputTooLarge = "input-too-large"
            case stringTooLong = "string-too-long"
            case numberTooLong = "number-too-long"
            case mergedValues = "merged-values"
        }
        fileprivate var kind: Kind

        /// The text is empty or only whitespace.
        public static let emptyInput = Code(kind: .emptyInput)
        /// The text ends before the value is complete.
        public static let unexpectedEnd = Code(kind: .unexpectedEnd)
        /// A character that cannot appear here.
        public static let unexpectedCharacter = Code(kind: .unexpectedCharacter)
        /// A comma directly before `]` or `}`.
        public static let trailingComma = Code(kind: .trailingComma)
        /// Something other than whitespace after the top-level value.
        public static let trailingContent = Code(kind: .trailingContent)
        /// A number that breaks the RFC 8259 grammar (`01`, `1.`, `-`, `0x10`).
        public static let invalidNumber = Code(kind: .invalidNumber)
        /// A misspelled `true`, `false` or `null`, or a non-JSON literal (`True`, `NaN`).
        public static let invalidLiteral = Code(kind: .invalidLiteral)
        /// A backslash escape that JSON does not define (`\x`, `\'`) or a bad `\u` escape.
        public static let invalidEscape = Code(kind: .invalidEscape)
        /// A `\u` escape of a UTF-16 surrogate without its partner.
        public static let loneSurrogate = Code(kind: .loneSurrogate)
        /// An unescaped control character (U+0000 to U+001F) inside a string.
        public static let controlCharacter = Code(kind: .controlCharacter)
        /// Bytes that are not well-formed UTF-8 (RFC 3629).
        public static let invalidUTF8 = Code(kind: .invalidUTF8)
        /// A byte-order mark, which is rejected unless the options allow it.
        public static let byteOrderMark = Code(kind: .byteOrderMark)
        /// The same key twice in one object.
        public static let duplicateKey = Code(kind: .duplicateKey)
        /// Arrays and objects nested deeper than the limit.
        public static let depthLimit = Code(kind: .depthLimit)
        /// The text is longer than the limit.
        public static let inputTooLarge = Code(kind: .inputTooLarge)
        /// A string longer than the limit.
        public static let stringTooLong = Code(kind: .stringTooLong)
        /// A number literal longer than the limit.
        public static let numberTooLong = Code(kind: .numberTooLong)
        /// Several top-level values in a row, as when a model merges several tool calls.
        public static let mergedValues = Code(kind: .mergedValues)

        /// A stable, kebab-case name for logs and machine-readable output.
        public var description: String { kind.rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// Where the problem is.
    public var position: SourcePosition
    /// One line that says what was expected and what was found.
    public var message: String
    /// A second position that explains the first: the first occurrence of a duplicate key.
    public var relatedPosition: SourcePosition?
    /// The source line around the problem and a caret under it.
    public var excerpt: SourceExcerpt

    /// Creates an error; parsers fill in every field.
    public init(
        code: Code,
        position: SourcePosition,
        message: String,
        relatedPosition: SourcePosition? = nil,
        excerpt: SourceExcerpt = SourceExcerpt(line: "", caret: "")
    ) {
        self.code = code
        self.position = position
        self.message = message
        self.relatedPosition = relatedPosition
        self.excerpt = excerpt
    }

    /// `line:column: error: message`.
    public var description: String { "\(position.line):\(position.column): error: \(message)" }

    /// The compiler-style rendering: `file:line:column: error: message`, then the source line
    /// and a caret under the problem.
    public func rendered(file: String) -> String {
        DiagnosticLayout.render(
            header: DiagnosticLayout.header(file: file, position: position, message: message),
            excerpt: excerpt
        )
    }
}

/// An error as the inner parsing loops throw it: offsets only, positions filled in later.
package struct RawParseError: Error {
    package var code: JSONParseError.Code
    package var offset: Int
    package var message: String
    package var relatedOffset: Int? = nil

    package init(code: JSONParseError.Code, offset: Int, message: String, relatedOffset: Int? = nil) {
        self.code = code
        self.offset = offset
        self.message = message
        self.relatedOffset = relatedOffset
    }

    func resolved(in bytes: Span<UInt8>) -> JSONParseError {
        let position = TextLocator.position(of: offset, in: bytes)
        let related = relatedOffset.map { TextLocator.position(of: $0, in: bytes) }
        var message = message
        if let related { message += " (first at \(related.line):\(related.column))" }
        return JSONParseError(
            code: code,
            position: position,
            message: message,
            relatedPosition: related,
            excerpt: SourceExcerpt(at: offset, in: bytes)
        )
    }
}

/// Describes the byte at `i` for an error message: `'x'`, `U+00A0`, or "the end of the text".
func describeByte(_ s: Span<UInt8>, at i: Int) -> String {
    guard i < s.count else { return "the end of the text" }
    let b = s[i]
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    switch b {
    case 0x20: return "a space"
    case 0x0A: return "a line break"
    case 0x0D: return "a carriage return"
    case 0x09: return "a tab"
    default: break
    }
    let (scalar, _) = TextLocator.decodeScalar(s, at: i, end: s.count)
    if let scalar {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if scalar.value < 0x20 || scalar.value == 0x7F { return code }
        return "'\(Character(scalar))' (\(code))"
    }
    return "byte 0x" + String(b, radix: 16, uppercase: true)
}
