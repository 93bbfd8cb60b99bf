public import JSONCore

/// The text of a loaded file, kept so that findings can quote the line they point at.
public struct SourceText: Sendable, Hashable {
    /// The file's path as the user named it (or `<stdin>`).
    public var file: String
    /// The file's bytes.
    public var bytes: [UInt8]

    /// Creates a source from a path and its bytes.
    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    /// The position of a byte offset.
    public func position(ofOffset offset: Int) -> SourcePosition {
        TextLocator.position(of: offset, in: bytes.span)
    }

    /// The position of a 1-based line and column (columns in Unicode scalars), with its
    /// byte offset filled in.
    public func position(line: Int, column: Int) -> SourcePosition {
        let s = bytes.span
        var offset = 0
        var currentLine = 1
        while currentLine < line && offset < s.count {
            let b = s[offset]
            offset += 1
            if b == 0x0A {
                currentLine += 1
            } else if b == 0x0D {
                if offset < s.count && s[offset] == 0x0A { offset += 1 }
                currentLine += 1
            }
        }
        var scalars = 1
        while scalars < column && offset < s.count && s[offset] != 0x0A && s[offset] != 0x0D {
            offset += 1
            while offset < s.count && s[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return SourcePosition(line: line, column: column, offset: offset)
    }

    /// The source line of `position`, made printable, and a caret line under it.
    public func excerpt(at position: SourcePosition) -> SourceExcerpt {
        SourceExcerpt(at: position.offset, in: bytes.span)
    }
}

/// Where one value of a loaded document was written.
public struct NodeLocation: Hashable, Sendable {
    /// Where the value starts.
    public var value: SourcePosition
    /// Where its key starts, for an object member.
    public var key: SourcePosition?

    /// Creates a location.
    public init(value: SourcePosition, key: SourcePosition? = nil) {
        self.value = value
        self.key = key
    }
}

/// One JSON or YAML document, with the position of every value in it.
public struct LoadedDocument: Sendable {
    /// The file it came from.
    public var source: SourceText
    /// The document's value.
    public var value: JSONValue
    /// Where each value was written, by its JSON Pointer in ``value``.
    public var locations: [JSONPointer: NodeLocation]

    /// Creates a document.
    public init(source: SourceText, value: JSONValue, locations: [JSONPointer: NodeLocation]) {
        self.source = source
        self.value = value
        self.locations = locations
    }

    /// Where the value at `pointer` was written, or, when it has no entry (a value the
    /// loader made up), where its nearest written ancestor was.
    public func position(of pointer: JSONPointer) -> SourcePosition? {
        var current: JSONPointer? = pointer
        while let p = current {
            if let location = locations[p] { return location.value }
            current = p.parent
        }
        return nil
    }

    /// Where the key of the member at `pointer` was written, falling back to its value.
    public func keyPosition(of pointer: JSONPointer) -> SourcePosition? {
        locations[pointer]?.key ?? position(of: pointer)
    }
}

/// A file that could not be loaded: where, and why.
public struct LoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        private init(_ name: String) { description = name }

        /// The bytes are not UTF-8 text.
        public static let invalidUTF8 = Code("invalid-utf8")
        /// The text is not valid JSON or YAML syntax.
        public static let syntax = Code("syntax")
        /// The same key twice in one object or mapping.
        public static let duplicateKey = Code("duplicate-key")
        /// An alias that names no anchor, or refers to a node that contains it.
        public static let alias = Code("alias")
        /// A YAML value or tag that JSON cannot hold (`.inf`, a mapping as a key, `!!binary`).
        public static let notJSON = Code("not-json")
        /// A document deeper or larger than ``YAMLLimits`` allow.
        public static let limit = Code("limit")
        /// The document is JSON or YAML but does not hold tool specs in a shape ToolSchema reads.
        public static let notToolSpecs = Code("not-tool-specs")
        /// The file does not exist, is a directory, or cannot be read.
        public static let unreadable = Code("unreadable")
        /// The YAML parser could not start (out of memory).
        public static let resources = Code("resources")
        /// A file that must hold one document (a schema resource) holds several.
        public static let documentCount = Code("document-count")
    }

    /// What kind of problem it is.
    public var code: Code
    /// The file, as the user named it.
    public var file: String
    /// Where the problem is, when it is inside the text.
    public var position: SourcePosition?
    /// One line that says what is wrong and what to change.
    public var message: String
    /// A second place that explains the first, such as the first of two duplicate keys.
    public var relatedPosition: SourcePosition?
    /// The source line around the problem and a caret under it; nil without a position.
    public var excerpt: SourceExcerpt?

    /// Creates an error; with a source, the excerpt is filled in.
    public init(
        code: Code,
        file: String,
        position: SourcePosition?,
        message: String,
        relatedPosition: SourcePosition? = nil,
        source: SourceText? = nil
    ) {
        self.code = code
        self.file = file
        self.position = position
        self.message = message
        self.relatedPosition = relatedPosition
        if let source, let position { excerpt = source.excerpt(at: position) } else { excerpt = nil }
    }

    /// `file:line:column: error: message`, or `file: error: message` without a position.
    public var description: String {
        DiagnosticLayout.header(file: file, position: position, message: message)
    }

    /// ``description``, then the source line and a caret.
    public func rendered() -> String {
        DiagnosticLayout.render(header: description, excerpt: excerpt)
    }
}
