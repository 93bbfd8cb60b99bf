/// The source line around a position and a caret under it: what compiler-style messages show
/// below their first line.
///
/// ```text
/// tools.yaml:4:9: error: the arguments schema must have type: object at its root [root-type]
///   type: dict
///         ^
/// ```
public struct SourceExcerpt: Hashable, Sendable, CustomStringConvertible {
    /// The source line, clipped to a window around the position and made printable.
    public var line: String
    /// Spaces and a `^` under the character at the position.
    public var caret: String

    /// Creates an excerpt from its two lines.
    public init(line: String, caret: String) {
        self.line = line
        self.caret = caret
    }

    /// The excerpt of the line holding byte `offset` of `bytes`.
    public init(at offset: Int, in bytes: Span<UInt8>) {
        (line, caret) = TextLocator.excerpt(at: offset, in: bytes)
    }

    /// The line, a line break, and the caret.
    public var description: String { "\(line)\n\(caret)" }
}

/// The one layout every diagnostic renders to: `file:line:column: severity: message`, then the
/// source excerpt. Parse errors, load errors, schema errors and lint findings all use it.
package enum DiagnosticLayout {
    /// The first line: the place (as much of it as is known), the severity and the message.
    package static func header(
        file: String?,
        position: SourcePosition?,
        severity: String = "error",
        message: String
    ) -> String {
        var place = file ?? ""
        if let position { place += (place.isEmpty ? "" : ":") + "\(position.line):\(position.column)" }
        return (place.isEmpty ? "" : place + ": ") + "\(severity): \(message)"
    }

    /// The header, then the excerpt's two lines when there is one.
    package static func render(header: String, excerpt: SourceExcerpt?) -> String {
        guard let excerpt, !(excerpt.line.isEmpty && excerpt.caret.isEmpty) else { return header }
        return header + "\n" + excerpt.description
    }
}
