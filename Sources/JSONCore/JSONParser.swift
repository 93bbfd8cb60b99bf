/// Parses JSON text exactly as RFC 8259 defines it, or repairs what models commonly break.
///
/// ```swift
/// let value = try JSONParser().parse(#"{"city": "Paris"}"#)
/// let repaired = try JSONParser().repair("```json\n{'city': 'Paris',}\n```")
/// // repaired.value == ["city": "Paris"]; repaired.repairs lists the fence, the quotes, the comma
/// ```
///
/// A parser is a small value holding ``Options``; it is `Sendable` and can be shared.
public struct JSONParser: Sendable {
    /// What to do when an object has the same key twice.
    public enum DuplicateKeys: Sendable, Hashable {
        /// Throw ``JSONParseError/Code/duplicateKey``, naming the key and both positions.
        ///
        /// The default, because two parsers that resolve duplicates differently let a value
        /// slip past a validator.
        case reject
        /// Keep the key's first position and its last value, as JavaScript does.
        case keepLast
    }

    /// Limits and choices. Every limit turns into an ordinary ``JSONParseError``.
    public struct Options: Sendable, Hashable {
        /// The deepest nesting of arrays and objects. Default 512.
        public var maxDepth: Int = 512
        /// The longest input, in bytes. Default 256 MiB.
        public var maxInputLength: Int = 256 << 20
        /// The longest string, in bytes of its source text. Default 16 MiB.
        public var maxStringLength: Int = 16 << 20
        /// The longest number literal, in characters. Default 1,000.
        public var maxNumberLength: Int = 1_000
        /// Duplicate keys: rejected by default.
        public var duplicateKeys: DuplicateKeys = .reject
        /// Whether a leading UTF-8 byte-order mark is skipped. RFC 8259 forbids emitting one
        /// and lets parsers ignore it; the default rejects it so a stray BOM is noticed.
        public var allowsByteOrderMark: Bool = false

        /// The defaults.
        public init() {}
    }

    /// The options this parser uses.
    public var options: Options

    /// Creates a parser.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Parses UTF-8 bytes.
    ///
    /// - Throws: ``JSONParseError`` with the position of the first problem.
    /// - Complexity: O(n) in the length of the input.
    public func parse(_ bytes: Span<UInt8>) throws(JSONParseError) -> JSONValue {
        var state = StrictParser(options: options)
        do {
            return try state.parseDocument(bytes)
        } catch {
            throw error.resolved(in: bytes)
        }
    }

    /// Parses a string.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer -> Result<JSONValue, JSONParseError> in
            do throws(JSONParseError) { return .success(try parse(buffer.span)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses UTF-8 bytes held in any collection (`[UInt8]`, `ArraySlice<UInt8>`, `Data`…).
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { buffer -> Result<JSONValue, JSONParseError> in
            do throws(JSONParseError) { return .success(try parse(buffer.span)) } catch { return .failure(error) }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try parse(copy.span)
    }
}

extension JSONValue {
    /// Parses JSON text strictly (RFC 8259) with the default options.
    ///
    /// - Throws: ``JSONParseError``.
    public init(parsing text: String) throws(JSONParseError) {
        self = try JSONParser().parse(text)
    }

    /// Parses UTF-8 bytes strictly (RFC 8259) with the default options.
    ///
    /// - Throws: ``JSONParseError``.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
        self = try JSONParser().parse(bytes)
    }
}
