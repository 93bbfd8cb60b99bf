public import AsyncHTTPClient
internal import NIOCore
internal import NIOHTTP1

/// One HTTP request as the loop sends it.
public struct HTTPRequestData: Sendable {
    /// The absolute URL.
    public var url: String
    /// Header names (lowercase) and values, in order.
    public var headers: [(name: String, value: String)]
    /// The JSON body.
    public var body: [UInt8]

    /// Creates a request.
    public init(url: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP response, its body read whole.
public struct HTTPResponseData: Sendable {
    /// The status code.
    public var status: Int
    /// Header names and values as received.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched without regard to case.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// Why a request got no HTTP response.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        private init(_ name: String) { description = name }

        /// No connection could be made (refused, reset, DNS, TLS).
        public static let connection = Code("connection")
        /// The request did not complete within its time.
        public static let timeout = Code("timeout")
        /// The response body was larger than the limit.
        public static let bodyTooLarge = Code("body-too-large")
        /// A streamed response ended, or broke off, before it was complete.
        public static let incompleteStream = Code("incomplete-stream")
        /// A stream sent nothing for longer than its first-chunk or between-chunk timeout.
        public static let streamStalled = Code("stream-stalled")
    }

    /// What kind of failure.
    public var code: Code
    /// A short account, without headers or the key.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// Sends one HTTP request and returns the whole response: the seam between the loop and the
/// network, so the loop can run over any client (and over an in-memory one in benchmarks).
public protocol ChatTransport: Sendable {
    /// Posts `request` and returns the response, whatever its status.
    ///
    /// - Parameters:
    ///   - request: the URL, headers and body.
    ///   - timeout: the time the whole exchange may take, body included.
    /// - Returns: the status, headers and whole body.
    /// - Throws: ``TransportError`` when no response arrived; `CancellationError` when the
    ///   calling task was cancelled.
    func send(_ request: HTTPRequestData, timeout: Duration) async throws -> HTTPResponseData

    /// Posts `request` and hands over the response as it arrives: the head once, then each
    /// piece of the body, in order. Returns when the body has ended.
    ///
    /// The default implementation calls ``send(_:timeout:)`` and hands over the whole body as
    /// one piece, so a transport that cannot stream still serves a streaming loop.
    ///
    /// - Parameters:
    ///   - request: the URL, headers and body.
    ///   - timeout: the time the whole exchange may take, body included.
    ///   - receive: called with each part; an error it throws ends the exchange and is
    ///     rethrown as it is.
    /// - Throws: ``TransportError`` when no response arrived or the body broke off;
    ///   `CancellationError` when the calling task was cancelled; whatever `receive` throws.
    func stream(
        _ request: HTTPRequestData,
        timeout: Duration,
        receive: (HTTPResponsePart) async throws -> Void
    ) async throws
}

/// One part of a streamed response.
public enum HTTPResponsePart: Sendable {
    /// The status and headers, first and once.
    case head(status: Int, headers: [(name: String, value: String)])
    /// The next piece of the body, as the network delivered it.
    case body([UInt8])
}

extension ChatTransport {
    /// Sends the request whole and hands over its body as one piece.
    public func stream(
        _ request: HTTPRequestData,
        timeout: Duration,
        receive: (HTTPResponsePart) async throws -> Void
    ) async throws {
        let response = try await send(request, timeout: timeout)
        try await receive(.head(status: response.status, headers: response.headers))
        if !response.body.isEmpty { try await receive(.body(response.body)) }
    }
}

/// An error thrown by a stream's receiver, carried through the transport untouched.
struct ReceiverError: Error {
    var error: any Error
}

/// The transport over AsyncHTTPClient.
public struct HTTPClientTransport: ChatTransport {
    /// The client requests go through.
    public let client: HTTPClient
    /// The largest response body read, in bytes.
    public var maxBodySize: Int

    /// A transport over `client` (by default the process-wide shared client, whose connect
    /// timeout is AsyncHTTPClient's default). The caller owns a client it passes in.
    public init(client: HTTPClient = .shared, maxBodySize: Int = 32 << 20) {
        self.client = client
        self.maxBodySize = maxBodySize
    }

    /// A new client with its own connect timeout; shut it down with `client.shutdown()` when
    /// done.
    public static func withConnectTimeout(_ timeout: Duration, maxBodySize: Int = 32 << 20) -> HTTPClientTransport {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: TimeAmount(timeout))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        return HTTPClientTransport(client: client, maxBodySize: maxBodySize)
    }

    /// Shuts down a client made by ``withConnectTimeout(_:maxBodySize:)``; never call it on the
    /// shared client.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Posts through AsyncHTTPClient and reads the body, up to ``maxBodySize``.
    public func send(_ request: HTTPRequestData, timeout: Duration) async throws -> HTTPResponseData {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .POST
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        do {
            let response = try await client.execute(outgoing, timeout: TimeAmount(timeout))
            let body = try await response.body.collect(upTo: maxBodySize)
            return HTTPResponseData(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: Array(body.readableBytesView)
            )
        } catch {
            try Task.checkCancellation()
            throw Self.classify(error)
        }
    }

    /// Posts through AsyncHTTPClient and hands over the body as it arrives, up to
    /// ``maxBodySize`` in all.
    public func stream(
        _ request: HTTPRequestData,
        timeout: Duration,
        receive: (HTTPResponsePart) async throws -> Void
    ) async throws {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .POST
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        var started = false
        do {
            let response = try await client.execute(outgoing, timeout: TimeAmount(timeout))
            do {
                try await receive(
                    .head(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) })
                )
            } catch {
                throw ReceiverError(error: error)
            }
            var total = 0
            for try await buffer in response.body {
                total += buffer.readableBytes
                if total > maxBodySize { throw NIOTooManyBytesError(maxBytes: maxBodySize) }
                started = true
                do {
                    try await receive(.body(Array(buffer.readableBytesView)))
                } catch {
                    throw ReceiverError(error: error)
                }
            }
        } catch let error as ReceiverError {
            throw error.error
        } catch {
            try Task.checkCancellation()
            let failure = Self.classify(error)
            guard started, failure.code != .bodyTooLarge else { throw failure }
            throw TransportError(code: .incompleteStream, message: "the stream broke off (\(failure.message))")
        }
    }

    static func classify(_ error: any Error) -> TransportError {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
                return TransportError(code: .timeout, message: "the request timed out (\(error))")
            default:
                return TransportError(code: .connection, message: "the connection failed (\(error))")
            }
        }
        if error is NIOTooManyBytesError {
            return TransportError(code: .bodyTooLarge, message: "the response body exceeded the size limit")
        }
        return TransportError(code: .connection, message: "the connection failed (\(error))")
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        // Clamped to a day, far beyond any request time, so the nanoseconds cannot overflow.
        let clamped = min(max(seconds, 0), 86_400)
        self = .nanoseconds(clamped * 1_000_000_000 + (clamped == seconds ? attoseconds / 1_000_000_000 : 0))
    }
}
