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

        public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8], hangs: Bool = false) {
            self.status = status
            self.headers = headers
            self.body = body
            self.hangs = hangs
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
}
