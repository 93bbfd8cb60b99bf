/// One change the repairing parser made to turn model output into JSON.
public struct JSONRepair: Hashable, Sendable, CustomStringConvertible {
    /// What kind of change it was; compare against the static members.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Raw: String {
            case byteOrderMark = "byte-order-mark"
            case whitespace
            case codeFence = "code-fence"
            case surroundingText = "surrounding-text"
            case trailingComma = "trailing-comma"
            case missingComma = "missing-comma"
            case extraComma = "extra-comma"
            case singleQuotes = "single-quotes"
            case unquotedKey = "unquoted-key"
            case nonJSONLiteral = "non-json-literal"
            case comment
            case controlCharacter = "control-character"
            case invalidEscape = "invalid-escape"
            case doubleEncoded = "double-encoded"
            case emptyArguments = "empty-arguments"
            case truncated
        }
        fileprivate var raw: Raw

        /// A leading UTF-8 byte-order mark was removed.
        public static let byteOrderMark = Kind(raw: .byteOrderMark)
        /// Whitespace that JSON does not allow (U+00A0, U+3000, zero-width spaces…) was removed.
        public static let whitespace = Kind(raw: .whitespace)
        /// A markdown code fence (three backticks, often followed by `json`) around the JSON was removed.
        public static let codeFence = Kind(raw: .codeFence)
        /// Prose before or after the JSON was ignored.
        public static let surroundingText = Kind(raw: .surroundingText)
        /// A comma before `}` or `]` was removed.
        public static let trailingComma = Kind(raw: .trailingComma)
        /// A missing comma between members or elements was inserted.
        public static let missingComma = Kind(raw: .missingComma)
        /// A repeated or leading comma was removed.
        public static let extraComma = Kind(raw: .extraComma)
        /// A single-quoted string was read as a JSON string.
        public static let singleQuotes = Kind(raw: .singleQuotes)
        /// An unquoted property name was read as a string.
        public static let unquotedKey = Kind(raw: .unquotedKey)
        /// `True`, `False`, `None` or `undefined` was read as `true`, `false` or `null`.
        public static let nonJSONLiteral = Kind(raw: .nonJSONLiteral)
        /// A `//`, `/* */` or `#` comment was removed.
        public static let comment = Kind(raw: .comment)
        /// A raw line break, tab or other control character inside a string was kept as the
        /// character it stands for.
        public static let controlCharacter = Kind(raw: .controlCharacter)
        /// A backslash escape JSON does not define (`\'`, `\d`) was read literally.
        public static let invalidEscape = Kind(raw: .invalidEscape)
        /// The whole text was a JSON string holding the real object or array.
        public static let doubleEncoded = Kind(raw: .doubleEncoded)
        /// `""`, whitespace only or `null` was read as no arguments, `{}`.
        public static let emptyArguments = Kind(raw: .emptyArguments)
        /// The text ended early; open strings and containers were closed. See
        /// ``RepairedJSON/isTruncated``.
        public static let truncated = Kind(raw: .truncated)

        /// A stable, kebab-case name for logs and machine-readable output.
        public var description: String { raw.rawValue }
    }

    /// What kind of change it was.
    public var kind: Kind
    /// Where in the original text the change was made.
    public var position: SourcePosition
    /// One line that says what was changed.
    public var message: String

    /// Creates a repair record.
    public init(kind: Kind, position: SourcePosition, message: String) {
        self.kind = kind
        self.position = position
        self.message = message
    }

    /// `line:column: message [kind]`.
    public var description: String { "\(position.line):\(position.column): \(message) [\(kind)]" }

    /// The one line every repair is printed as: `file:line:column: repaired: message [kind]`.
    public func rendered(file: String) -> String {
        DiagnosticLayout.header(file: file, position: position, severity: "repaired", message: "\(message) [\(kind)]")
    }
}

/// The result of ``JSONParser/repair(_:)-(String)``: a value and every change made to get it.
public struct RepairedJSON: Hashable, Sendable {
    /// The value that was read.
    public var value: JSONValue
    /// The changes, in the order of their positions in the text; empty when the text was
    /// already valid JSON.
    public var repairs: [JSONRepair]
    /// Whether the text ended before the value was complete. The value then holds what
    /// arrived, with open containers closed; callers usually refuse it.
    public var isTruncated: Bool

    /// Creates a result.
    public init(value: JSONValue, repairs: [JSONRepair], isTruncated: Bool) {
        self.value = value
        self.repairs = repairs
        self.isTruncated = isTruncated
    }
}

extension JSONParser {
    /// Parses model output as tool-call arguments, repairing what models commonly break.
    ///
    /// Valid JSON goes through the strict parser and comes back unchanged with no repairs
    /// (except the argument-specific readings below). Otherwise a lenient pass reads the text
    /// and records each change: a byte-order mark, stray Unicode whitespace, a markdown code
    /// fence, prose before or after the JSON, trailing, missing or extra commas, single quotes,
    /// unquoted keys, `True`/`False`/`None`/`undefined`, comments, raw control characters and
    /// invalid escapes in strings, and truncation. Because the text is meant to be arguments,
    /// `""`, whitespace only and `null` read as `{}`, and a JSON string that holds an object or
    /// array is unwrapped; each is reported.
    ///
    /// - Throws: ``JSONParseError`` when the text cannot be read even leniently, when a
    ///   limit is exceeded, on duplicate keys (unless the options keep the last), and with
    ///   ``JSONParseError/Code/mergedValues`` when several JSON values follow each other.
    /// - Complexity: O(n) in the length of the text.
    public func repair(_ bytes: Span<UInt8>) throws(JSONParseError) -> RepairedJSON {
        var parser = RepairingParser(options: options)
        let raw: RawRepairResult
        do {
            raw = try parser.repairDocument(bytes, level: 0)
        } catch {
            throw error.resolved(in: bytes)
        }
        if raw.repairs.isEmpty { return RepairedJSON(value: raw.value, repairs: [], isTruncated: raw.truncated) }
        let positions = TextLocator.positions(of: raw.repairs.map(\.offset), in: bytes)
        var repairs: [JSONRepair] = []
        repairs.reserveCapacity(raw.repairs.count)
        for (k, r) in raw.repairs.enumerated() {
            repairs.append(JSONRepair(kind: r.kind, position: positions[k], message: r.message))
        }
        // Stable sort by position: the order a reader meets them in the text.
        let sorted = repairs.enumerated().sorted {
            ($0.element.position.offset, $0.offset) < ($1.element.position.offset, $1.offset)
        }.map(\.element)
        return RepairedJSON(value: raw.value, repairs: sorted, isTruncated: raw.truncated)
    }

    /// Parses model output held in a string; see ``repair(_:)-(Span<UInt8>)``.
    public func repair(_ text: String) throws(JSONParseError) -> RepairedJSON {
        var text = text
        let result = text.withUTF8 { buffer -> Result<RepairedJSON, JSONParseError> in
            do throws(JSONParseError) { return .success(try repair(buffer.span)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses model output held in any byte collection; see ``repair(_:)-(Span<UInt8>)``.
    public func repair(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> RepairedJSON {
        let result = bytes.withContiguousStorageIfAvailable { buffer -> Result<RepairedJSON, JSONParseError> in
            do throws(JSONParseError) { return .success(try repair(buffer.span)) } catch { return .failure(error) }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try repair(copy.span)
    }
}
