/// One event of a `text/event-stream`.
package struct ServerSentEvent: Hashable, Sendable {
    /// The `event:` field, `message` when none was given.
    package var type: String
    /// The `data:` lines, joined with line feeds.
    package var data: String
    /// The last event id seen (`id:`), if any.
    package var lastEventID: String?
    /// The `retry:` time in milliseconds, when this event set one.
    package var retry: Int?
}

/// Reads a `text/event-stream` from bytes as they arrive, exactly as the WHATWG HTML
/// specification's event-stream interpretation says: lines end with CRLF, LF or CR (a CRLF
/// split across two reads is one line end), a leading byte-order mark is dropped, `:` lines
/// are comments, unknown fields are ignored, `data:` lines are joined with line feeds, and a
/// blank line dispatches. Lines are decoded as UTF-8 only once complete, so a character split
/// across reads is read whole.
///
/// Not used: mattt/EventSource 1.1.1's parser is an actor fed one byte per call (an await per
/// byte) and its client is URLSession's; this reader is a plain value fed whole chunks of an
/// AsyncHTTPClient body.
package struct ServerSentEventReader {
    private var line: [UInt8] = []
    private var afterCR = false
    private var type = ""
    private var data: [UInt8] = []
    private var hasData = false
    private var lastEventID: String? = nil
    private var retry: Int? = nil
    private var bomChecked = false
    /// The longest line accepted, in bytes; a longer one is an error (a hostile stream).
    let maxLineLength: Int

    package init(maxLineLength: Int = 16 << 20) {
        self.maxLineLength = maxLineLength
    }

    /// A line longer than the limit.
    package struct LineTooLong: Error, Hashable, Sendable {
        package var limit: Int
    }

    /// Reads a chunk; returns the events it completes, in order.
    package mutating func feed(_ bytes: some Sequence<UInt8>) throws(LineTooLong) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            switch byte {
            case 0x0A:
                if afterCR {
                    afterCR = false
                    continue
                }
                endLine(&events)
            case 0x0D:
                afterCR = true
                endLine(&events)
            default:
                afterCR = false
                line.append(byte)
                if line.count > maxLineLength { throw LineTooLong(limit: maxLineLength) }
            }
        }
        return events
    }

    /// The end of the stream. Per the specification an event not closed by a blank line is
    /// not dispatched; returns whether one was pending (so a caller can treat the stream as
    /// cut off).
    /// The end of the stream, dispatching an event the server did not close with a blank line
    /// (`data: [DONE]` with no final newline, as some servers send): what a client that wants
    /// every event the server meant needs, beyond the specification's letter.
    package mutating func finishDispatching() -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        if !line.isEmpty { endLine(&events) }
        if hasData { dispatch(&events) }
        _ = finish()
        return events
    }

    package mutating func finish() -> Bool {
        let pending = hasData || !line.isEmpty
        line = []
        data = []
        hasData = false
        type = ""
        return pending
    }

    private mutating func endLine(_ events: inout [ServerSentEvent]) {
        var bytes = line
        line.removeAll(keepingCapacity: true)
        // A UTF-8 byte-order mark at the very start of the stream is dropped.
        if !bomChecked {
            bomChecked = true
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }
        if bytes.isEmpty {
            dispatch(&events)
            return
        }
        if bytes[0] == 0x3A { return }  // a comment
        let field: [UInt8]
        var value: ArraySlice<UInt8>
        if let colon = bytes.firstIndex(of: 0x3A) {
            field = Array(bytes[..<colon])
            value = bytes[(colon + 1)...]
            if value.first == 0x20 { value = value.dropFirst() }
        } else {
            field = bytes
            value = []
        }
        switch field {
        case Array("event".utf8):
            type = String(decoding: value, as: UTF8.self)
        case Array("data".utf8):
            if hasData { data.append(0x0A) }
            data += value
            hasData = true
        case Array("id".utf8):
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case Array("retry".utf8):
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), value.count < 10 {
                retry = Int(String(decoding: value, as: UTF8.self))
            }
        default:
            break  // unknown fields are ignored
        }
    }

    private mutating func dispatch(_ events: inout [ServerSentEvent]) {
        defer {
            type = ""
            data = []
            hasData = false
            retry = nil
        }
        guard hasData else { return }
        events.append(
            ServerSentEvent(
                type: type.isEmpty ? "message" : type,
                data: String(decoding: data, as: UTF8.self),
                lastEventID: lastEventID,
                retry: retry
            )
        )
    }
}
