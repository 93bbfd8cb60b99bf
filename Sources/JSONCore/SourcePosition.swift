/// A position in a text document.
///
/// Lines and columns start at 1. Columns count Unicode scalars (as libyaml does), so a
/// Chinese character or an emoji advances the column by one per scalar. `offset` counts
/// UTF-8 bytes from the start of the document, starting at 0.
public struct SourcePosition: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 1-based line number. LF, CRLF and a lone CR each end a line.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int
    /// The 0-based byte offset into the UTF-8 text.
    public var offset: Int

    /// Creates a position from its three coordinates.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column`, the way compilers print it.
    public var description: String { "\(line):\(column)" }
}

/// Turns byte offsets into line and column positions, and renders source excerpts.
///
/// Positions are computed only when a diagnostic needs them, so the parsers themselves only
/// track byte offsets.
package enum TextLocator {
    /// The position of `offset` in `bytes`. Offsets past the end are clamped to the end.
    package static func position(of offset: Int, in bytes: Span<UInt8>) -> SourcePosition {
        let target = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var i = 0
        while i < target {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b == 0x0D {
                // CRLF counts once, at the LF; a lone CR ends a line by itself.
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                    // The LF will be seen next.
                } else {
                    line += 1
                    column = 1
                }
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourcePosition(line: line, column: column, offset: target)
    }

    /// Positions for many offsets in one pass. The result is in the order of `offsets`.
    package static func positions(of offsets: [Int], in bytes: Span<UInt8>) -> [SourcePosition] {
        if offsets.isEmpty { return [] }
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = [SourcePosition](repeating: SourcePosition(line: 1, column: 1, offset: 0), count: offsets.count)
        var line = 1
        var column = 1
        var i = 0
        for index in order {
            let target = min(max(offsets[index], 0), bytes.count)
            while i < target {
                let b = bytes[i]
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b == 0x0D {
                    if !(i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
                        line += 1
                        column = 1
                    }
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            result[index] = SourcePosition(line: line, column: column, offset: target)
        }
        return result
    }

    /// The line that holds `offset`, clipped to a window around it, and a caret line under
    /// the character at `offset`.
    ///
    /// Control characters are shown as Unicode control pictures (a tab as one space) and
    /// invalid UTF-8 as U+FFFD, so the caret stays aligned; East Asian wide characters count
    /// as two columns.
    package static func excerpt(
        at offset: Int,
        in bytes: Span<UInt8>,
        maxWidth: Int = 100
    ) -> (line: String, caret: String) {
        let target = min(max(offset, 0), bytes.count)
        var start = target
        while start > 0 {
            let b = bytes[start - 1]
            if b == 0x0A || b == 0x0D { break }
            start -= 1
        }
        var end = target
        while end < bytes.count {
            let b = bytes[end]
            if b == 0x0A || b == 0x0D { break }
            end += 1
        }
        // Decode the line into display cells.
        var cells: [(text: String, width: Int, offset: Int)] = []
        var i = start
        while i < end {
            let (scalar, length) = decodeScalar(bytes, at: i, end: end)
            let shown: String
            let width: Int
            if let scalar {
                switch scalar.value {
                case 0x09:
                    shown = " "
                    width = 1
                case 0x00..<0x20:
                    shown = String(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
                    width = 1
                case 0x7F:
                    shown = "\u{2421}"
                    width = 1
                default:
                    shown = String(scalar)
                    width = isWide(scalar) ? 2 : (isZeroWidth(scalar) ? 0 : 1)
                }
            } else {
                shown = "\u{FFFD}"
                width = 1
            }
            cells.append((shown, width, i))
            i += length
        }
        // Find the caret cell; past the end of the line the caret sits one column after it.
        var caretCell = cells.count
        for (index, cell) in cells.enumerated() where cell.offset >= target {
            caretCell = index
            break
        }
        // Clip to a window of at most maxWidth columns that contains the caret.
        var first = 0
        var last = cells.count
        func width(_ range: Range<Int>) -> Int { cells[range].reduce(0) { $0 + $1.width } }
        if width(0..<cells.count) > maxWidth {
            first = caretCell
            last = caretCell
            var used = caretCell < cells.count ? cells[caretCell].width : 1
            if caretCell < cells.count { last += 1 }
            // Grow to the left up to a third of the window, then fill to the right, then left again.
            while first > 0 && used + cells[first - 1].width <= maxWidth / 3 {
                first -= 1
                used += cells[first].width
            }
            while last < cells.count && used + cells[last].width <= maxWidth {
                used += cells[last].width
                last += 1
            }
            while first > 0 && used + cells[first - 1].width <= maxWidth {
                first -= 1
                used += cells[first].width
            }
        }
        var line = first > 0 ? "…" : ""
        var caret = first > 0 ? " " : ""
        for index in first..<last {
            line += cells[index].text
            if index < caretCell { caret += String(repeating: " ", count: cells[index].width) }
        }
        if last < cells.count { line += "…" }
        caret += "^"
        return (line, caret)
    }

    /// Decodes one scalar at `i`; returns nil and a length of 1 for an invalid sequence.
    package static func decodeScalar(_ bytes: Span<UInt8>, at i: Int, end: Int) -> (Unicode.Scalar?, Int) {
        let length = UTF8Validation.sequenceLength(bytes, at: i, end: end)
        guard length > 0 else { return (nil, 1) }
        let b0 = UInt32(bytes[i])
        var value: UInt32
        switch length {
        case 1: value = b0
        case 2: value = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
        case 3: value = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
        default:
            value =
                (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F)
        }
        return (Unicode.Scalar(value), length)
    }

    private static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    private static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return true
        default: return false
        }
    }
}
