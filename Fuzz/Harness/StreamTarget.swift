import JSONCore
import ToolCalling

/// The SSE reader and the stream assembler: the events do not depend on how the bytes were
/// cut into reads, and no stream, however malformed, crashes the assembler.
enum StreamTarget {
    static func sse(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let seed = bytes.first else { return }
        let stream = Array(bytes.dropFirst())
        let maxLine = seed & 1 == 0 ? 16 << 20 : 64
        let whole = read([stream[...]], maxLine: maxLine)
        var chunking = Chunking(seed: seed)
        let chunked = read(chunking.chunks(stream), maxLine: maxLine)
        let bytewise = read(stream.map { [$0][...] }, maxLine: maxLine)
        try require(whole == chunked, "the SSE events depend on the chunking")
        try require(whole == bytewise, "the SSE events differ when read byte by byte")
        guard case .events(let events) = whole else { return }

        let api = ChatAPI.allCases[Int(seed / 2) % ChatAPI.allCases.count]
        var assembler = StreamAssembler(api: api)
        for event in events {
            do {
                try assembler.consume(event)
            } catch {
                return  // an error frame or a foreign shape: a typed error, nothing runs
            }
        }
        guard let turn = try? assembler.finished() else { return }
        for call in turn.calls {
            try require(!call.name.isEmpty, "a finished stream holds a call without a name")
        }
        try require((try? JSONParser().parse(exact(turn.message))) != nil, "the assembled message is not JSON")
    }

    enum Outcome: Equatable {
        case events([ServerSentEvent])
        case tooLong
    }

    static func read(_ chunks: [ArraySlice<UInt8>], maxLine: Int) -> Outcome {
        var reader = ServerSentEventReader(maxLineLength: maxLine)
        var events: [ServerSentEvent] = []
        do {
            for chunk in chunks { events += try reader.feed(chunk) }
        } catch {
            return .tooLong
        }
        events += reader.finishDispatching()
        return .events(events)
    }
}
