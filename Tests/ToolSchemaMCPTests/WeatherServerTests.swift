import Foundation
import Testing
import ToolSchema

/// The example server (`Examples/WeatherMCPServer`) driven over its stdio with JSON-RPC
/// messages, one a line, as an MCP client does.
final class StdioServer {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []

    init() throws {
        process.executableURL = Self.binary
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A hung server is killed, which ends its output and fails the test that waits on it.
        let process = process
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { if process.isRunning { process.terminate() } }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// The binary `swift test` built beside the test bundle.
    static let binary: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("weather-mcp-server")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/weather-mcp-server")
    }()

    func send(_ message: JSONValue) {
        input.fileHandleForWriting.write(Data(JSONWriter().bytes(message) + [0x0A]))
    }

    /// The next message the server writes; nil when its output ends.
    func receive() throws -> JSONValue? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                return try JSONValue(parsing: line)
            }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { return nil }
            buffer += data
        }
    }

    /// Sends a request and returns the response with its id, keeping any other message.
    func request(_ id: Int, _ method: String, _ params: JSONValue? = nil) throws -> JSONValue {
        var message: JSONValue = ["jsonrpc": "2.0", "id": .number(JSONNumber(id)), "method": .string(method)]
        if let params { message["params"] = params }
        send(message)
        while let response = try receive() {
            if response["id"] == .number(JSONNumber(id)) { return response }
        }
        throw StdioServerEnded(method: method)
    }
}

struct StdioServerEnded: Error {
    var method: String
}

@Suite struct WeatherServerTests {
    func started() throws -> StdioServer {
        let server = try StdioServer()
        let initialized = try server.request(
            1,
            "initialize",
            [
                "protocolVersion": "2025-06-18", "capabilities": [:],
                "clientInfo": ["name": "ToolSchemaMCPTests", "version": "1"],
            ]
        )
        #expect(initialized["result"]?["serverInfo"]?["name"] == "weather")
        #expect(initialized["result"]?["capabilities"]?["tools"] != nil)
        server.send(["jsonrpc": "2.0", "method": "notifications/initialized"])
        return server
    }

    func call(_ server: StdioServer, _ id: Int, _ name: String, _ arguments: JSONValue) throws -> JSONValue {
        try server.request(id, "tools/call", ["name": .string(name), "arguments": arguments])
    }

    @Test("tools/list lists both tools, and the listing lints clean under the mcp profile")
    func list() throws {
        let server = try started()
        let response = try server.request(2, "tools/list")
        let result = try #require(response["result"])
        let names = result["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["get_weather", "get_forecast"])
        #expect(result["tools"]?[1]?["inputSchema"]?["properties"]?["days"]?["maximum"] == 7)
        let report = Linter(profiles: [.mcp]).lint([SourceText(file: "tools/list", bytes: JSONWriter().bytes(result))])
        #expect(report.toolCount == 2)
        #expect(report.findings.isEmpty, "\(report.rendered())")
    }

    @Test("tools/call: valid, coerced, misnamed, out of range, unknown")
    func calls() throws {
        let server = try started()
        let valid = try call(server, 2, "get_weather", ["city": "北京"])
        #expect(valid["result"]?["isError"] == false)
        #expect(valid["result"]?["content"]?[0]?["text"] == "Sunny in 北京, 24 °C")

        let coerced = try call(server, 3, "get_forecast", ["city": "Beijing", "days": "3"])
        #expect(coerced["result"]?["content"]?[0]?["text"] == "Beijing: sunny for 3 days")

        let misnamed = try call(server, 4, "get_weather", ["cityName": "Beijing", "unit": "celsius"])
        #expect(misnamed["result"]?["isError"] == true)
        let hint = try #require(misnamed["result"]?["content"]?[0]?["text"]?.stringValue)
        #expect(hint.hasPrefix("The arguments for `get_weather` do not match its parameters:"), "\(hint)")
        #expect(hint.contains(#"Corrected arguments: {"city":"Beijing","unit":"celsius"}"#), "\(hint)")

        let outOfRange = try call(server, 5, "get_forecast", ["city": "Beijing", "days": 30])
        #expect(outOfRange["result"]?["isError"] == true)

        let unknown = try call(server, 6, "get_wether", ["city": "Beijing"])
        #expect(unknown["error"]?["code"] == -32602)
        #expect(unknown["result"] == nil)

        // The server still answers after all of that.
        #expect(try server.request(7, "ping")["result"] == [:])
    }
}

@Suite struct MCPDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the MCP article's complete server is the example the tests drive, as it is")
    func articleExample() throws {
        let article = try String(
            contentsOf: Self.root.appendingPathComponent(
                "Sources/ToolSchemaMCP/ToolSchemaMCP.docc/ServingToolsOverMCP.md"
            ),
            encoding: .utf8
        )
        let example = try String(
            contentsOf: Self.root.appendingPathComponent("Examples/WeatherMCPServer/main.swift"),
            encoding: .utf8
        )
        #expect(article.hasSuffix("```swift\n" + example + "```\n"))
    }
}
