public import JSONCore
internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix
internal import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 (an ephemeral port) that answers with scripted
/// responses, in order, and records every request it receives.
public final class ScriptedServer: Sendable {
    /// One scripted answer.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Never answer: the request hangs until the client gives up.
        public var hangs: Bool
        /// Send the body in these pieces, chunked, each flushed on its own (nil: whole).
        public var pieces: [[UInt8]]?
        /// The wait before each piece after the first.
        public var pause: Duration
        /// After the last piece, keep the connection open without ending the body.
        public var stalls: Bool

        public init(
            status: Int = 200,
            headers: [(String, String)] = [],
            body: [UInt8],
            hangs: Bool = false,
            pieces: [[UInt8]]? = nil,
            pause: Duration = .zero,
            stalls: Bool = false
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.hangs = hangs
            self.pieces = pieces
            self.pause = pause
            self.stalls = stalls
        }

        /// A server-sent-events body sent in the given pieces, flushed one by one.
        public static func events(
            _ pieces: [String],
            status: Int = 200,
            pause: Duration = .zero,
            stalls: Bool = false
        ) -> Reply {
            Reply(
                status: status,
                headers: [("content-type", "text/event-stream")],
                body: Array(pieces.joined().utf8),
                pieces: pieces.map { Array($0.utf8) },
                pause: pause,
                stalls: stalls
            )
        }

        /// A server-sent-events body split into pieces of `size` bytes (cutting lines and UTF-8
        /// sequences wherever they fall).
        public static func events(_ text: String, pieceSize size: Int, pause: Duration = .zero) -> Reply {
            let bytes = Array(text.utf8)
            let pieces = stride(from: 0, to: bytes.count, by: max(1, size)).map {
                Array(bytes[$0..<min($0 + max(1, size), bytes.count)])
            }
            return Reply(
                status: 200,
                headers: [("content-type", "text/event-stream")],
                body: bytes,
                pieces: pieces,
                pause: pause
            )
        }

        /// A JSON body.
        public static func json(_ value: JSONValue, status: Int = 200, headers: [(String, String)] = []) -> Reply {
            Reply(
                status: status,
                headers: [("content-type", "application/json")] + headers,
                body: JSONWriter().bytes(value)
            )
        }

        /// A raw text body.
        public static func text(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> Reply {
            Reply(status: status, headers: headers, body: Array(text.utf8))
        }

        /// No answer at all.
        public static let hang = Reply(status: 200, body: [], hangs: true)
    }

    /// One request as received.
    public struct Received: Sendable {
        public var method: String
        public var uri: String
        public var headers: [(String, String)]
        public var body: [UInt8]

        /// The first value of a header, without regard to case.
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// The body parsed as JSON (`null` when it is not JSON).
        public var json: JSONValue { (try? JSONParser().parse(body)) ?? .null }

        /// The body as text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    private struct State {
        var replies: [Reply]
        var received: [Received] = []
    }

    private let state: Mutex<State>
    private let channel: any Channel
    private let box: ServerBox
    /// The port the server listens on.
    public let port: Int

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    public var requests: [Received] { state.withLock { $0.received } }

    /// Adds replies to the end of the script.
    public func enqueue(_ replies: [Reply]) {
        state.withLock { $0.replies += replies }
    }

    private init(state: consuming Mutex<State>, channel: any Channel, box: ServerBox) {
        self.state = state
        self.channel = channel
        self.box = box
        self.port = channel.localAddress?.port ?? 0
    }

    /// Starts a server with a script. Once the script is used up, requests get a 500 that
    /// says so.
    public static func start(_ replies: [Reply] = []) async throws -> ScriptedServer {
        let box = ServerBox()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                box.children.withLock { $0.append(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(box: box))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        let server = ScriptedServer(state: Mutex(State(replies: replies)), channel: channel, box: box)
        box.server.withLock { $0 = server }
        return server
    }

    /// Records a request and takes the next reply.
    fileprivate func take(_ request: Received) -> Reply {
        state.withLock { state in
            state.received.append(request)
            guard !state.replies.isEmpty else {
                return .json(["error": ["message": "the test script has no more replies"]], status: 500)
            }
            return state.replies.removeFirst()
        }
    }

    /// Stops listening and closes every connection.
    public func shutdown() async {
        try? await channel.close()
        for child in box.children.withLock({ $0 }) { try? await child.close() }
    }
}

/// Lets child channels reach the server created after the bind.
private final class ServerBox: Sendable {
    let server = Mutex<ScriptedServer?>(nil)
    let children = Mutex<[any Channel]>([])
}

private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let box: ServerBox
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(box: ServerBox) { self.box = box }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head, let server = box.server.withLock({ $0 }) else { return }
            let request = ScriptedServer.Received(
                method: "\(head.method)",
                uri: head.uri,
                headers: head.headers.map { ($0.name, $0.value) },
                body: body
            )
            let reply = server.take(request)
            if reply.hangs { return }
            if let pieces = reply.pieces {
                var headers = HTTPHeaders(reply.headers)
                headers.replaceOrAdd(name: "transfer-encoding", value: "chunked")
                let responseHead = HTTPResponseHead(
                    version: head.version,
                    status: HTTPResponseStatus(statusCode: reply.status),
                    headers: headers
                )
                context.writeAndFlush(wrapOutboundOut(.head(responseHead)), promise: nil)
                Self.send(pieces, from: 0, reply: reply, context: NIOLoopBound(context, eventLoop: context.eventLoop))
                return
            }
            var headers = HTTPHeaders(reply.headers)
            headers.replaceOrAdd(name: "content-length", value: "\(reply.body.count)")
            let responseHead = HTTPResponseHead(
                version: head.version,
                status: HTTPResponseStatus(statusCode: reply.status),
                headers: headers
            )
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    /// Writes one piece, then schedules the next after the pause.
    static func send(
        _ pieces: [[UInt8]],
        from index: Int,
        reply: ScriptedServer.Reply,
        context: NIOLoopBound<ChannelHandlerContext>
    ) {
        let context = context.value
        guard index < pieces.count else {
            if !reply.stalls { context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil) }
            return
        }
        context.writeAndFlush(
            NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: pieces[index])))),
            promise: nil
        )
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let nanoseconds =
            reply.pause.components.seconds * 1_000_000_000 + reply.pause.components.attoseconds / 1_000_000_000
        context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
            send(pieces, from: index + 1, reply: reply, context: bound)
        }
    }
}
