import Testing

@testable import ToolCalling

/// The event-stream reader, against the WHATWG specification's rules and every way a stream
/// can be cut into reads.
@Suite struct ServerSentEventTests {
    func read(_ chunks: [[UInt8]]) throws -> (events: [ServerSentEvent], pending: Bool) {
        var reader = ServerSentEventReader()
        var events: [ServerSentEvent] = []
        for chunk in chunks { events += try reader.feed(chunk) }
        return (events, reader.finish())
    }

    func read(_ text: String) throws -> (events: [ServerSentEvent], pending: Bool) {
        try read([Array(text.utf8)])
    }

    @Test("data lines joined, event and id kept, comments and unknown fields skipped")
    func fields() throws {
        let stream = """
            : OPENROUTER PROCESSING

            event: content_block_delta
            id: 7
            data: {"a":
            data:1}
            retry: 1500
            unknown: x
            data

            data: second


            """
        let (events, pending) = try read(stream)
        #expect(
            events == [
                ServerSentEvent(type: "content_block_delta", data: "{\"a\":\n1}\n", lastEventID: "7", retry: 1500),
                ServerSentEvent(type: "message", data: "second", lastEventID: "7", retry: nil),
            ]
        )
        #expect(!pending)
    }

    @Test("LF, CR and CRLF line ends, and a leading byte-order mark", arguments: ["\n", "\r", "\r\n"])
    func lineEnds(_ end: String) throws {
        let stream = "\u{FEFF}data: a" + end + "data:  b" + end + end + "data: [DONE]" + end + end
        let (events, _) = try read(stream)
        #expect(events.map(\.data) == ["a\n b", "[DONE]"])
    }

    @Test("every split into two reads gives the same events: CRLF and UTF-8 split across reads")
    func everySplit() throws {
        let text = "event: delta\r\ndata: {\"city\": \"北京\"}\r\n\r\n: keepalive\r\ndata: 😀\r\n\r\n"
        let bytes = Array(text.utf8)
        let whole = try read([bytes]).events
        #expect(whole.map(\.data) == ["{\"city\": \"北京\"}", "😀"])
        for cut in 0...bytes.count {
            let split = try read([Array(bytes[..<cut]), Array(bytes[cut...])]).events
            #expect(split == whole, "split at \(cut)")
        }
        // One byte per read.
        #expect(try read(bytes.map { [$0] }).events == whole)
    }

    @Test("an event not closed by a blank line is not dispatched, and finish says one was pending")
    func missingFinalNewline() throws {
        let (events, pending) = try read("data: one\n\ndata: [DONE]")
        #expect(events.map(\.data) == ["one"])
        #expect(pending)
        let (_, clean) = try read("data: one\n\n")
        #expect(!clean)
    }

    @Test("a line past the limit is an error, not unbounded memory")
    func lineLimit() {
        var reader = ServerSentEventReader(maxLineLength: 64)
        #expect(throws: ServerSentEventReader.LineTooLong(limit: 64)) {
            _ = try reader.feed(Array(repeating: UInt8(ascii: "a"), count: 65))
        }
    }

    @Test("an id with NUL is ignored; a retry that is not all digits is ignored")
    func idAndRetry() throws {
        let (events, _) = try read("id: a\u{0}b\nretry: 12x\ndata: d\n\n")
        #expect(events == [ServerSentEvent(type: "message", data: "d", lastEventID: nil, retry: nil)])
    }
}
