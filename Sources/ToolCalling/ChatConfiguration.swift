public import JSONCore

/// The wire protocol a chat endpoint speaks.
public enum ChatAPI: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// OpenAI-compatible Chat Completions with `tools` and `tool_calls` (OpenAI, DeepSeek,
    /// Qwen/DashScope compatible mode, llama.cpp, vLLM and the routers in front of them).
    case openAI = "openai"
    /// The legacy Chat Completions shape: `functions`, `function_call`, one call per turn,
    /// answered with `role: "function"`.
    case functions
    /// Anthropic Messages: `tool_use` blocks answered with `tool_result` blocks.
    case anthropic

    /// The name the CLI uses: `openai`, `functions` or `anthropic`.
    public var description: String { rawValue }
}

/// Where and how to reach a chat endpoint.
///
/// The key is never part of ``description``, of any error, event or log line, or of the
/// transcript.
public struct ChatConfiguration: Sendable, CustomStringConvertible {
    /// The wire protocol.
    public var api: ChatAPI
    /// The base URL as the official SDKs take it: for OpenAI-compatible endpoints the part
    /// before `/chat/completions` (`https://api.openai.com/v1`); a base with no path gets `/v1`
    /// first. For Anthropic the part before `/v1/messages` (`https://api.anthropic.com`).
    public var baseURL: String
    /// The model name sent with each request.
    public var model: String
    /// The API key: sent as `Authorization: Bearer` (OpenAI-compatible) or `x-api-key`
    /// (Anthropic); nil sends none (local servers).
    public var apiKey: String?
    /// The `anthropic-version` header.
    public var anthropicVersion: String = "2023-06-01"
    /// `max_tokens` for each request. Anthropic requires it (default 1,024 there); OpenAI-compatible
    /// requests send it only when set.
    public var maxTokens: Int?
    /// More members for every request body (`temperature`, `seed`, `top_p`…), written after
    /// the ones the loop sets; a member the loop sets itself is not overridden.
    public var extraParameters: JSONObject = JSONObject()
    /// More request headers (a router's `HTTP-Referer`, an organisation header…).
    public var extraHeaders: [String: String] = [:]

    /// Creates a configuration.
    public init(api: ChatAPI, baseURL: String, model: String, apiKey: String? = nil) {
        self.api = api
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
    }

    /// The URL requests are posted to.
    public var endpoint: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        switch api {
        case .openAI, .functions:
            if Self.path(of: base).isEmpty { base += "/v1" }
            return base + "/chat/completions"
        case .anthropic:
            return base + "/v1/messages"
        }
    }

    /// The part of a URL after its host (empty when there is none).
    static func path(of url: String) -> Substring {
        guard let scheme = url.firstRange(of: "://") else { return url[...] }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        return rest[slash...]
    }

    /// The host of a URL, lowercased.
    static func host(of url: String) -> String {
        let rest = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? url[...]
        let end = rest.firstIndex { $0 == "/" || $0 == ":" || $0 == "?" } ?? rest.endIndex
        return rest[..<end].lowercased()
    }

    /// The request headers, the key included.
    func headers() -> [(String, String)] {
        var headers: [(String, String)] = [("content-type", "application/json"), ("accept", "application/json")]
        switch api {
        case .openAI, .functions:
            if let apiKey { headers.append(("authorization", "Bearer \(apiKey)")) }
        case .anthropic:
            if let apiKey { headers.append(("x-api-key", apiKey)) }
            headers.append(("anthropic-version", anthropicVersion))
        }
        for (name, value) in extraHeaders.sorted(by: { $0.key < $1.key }) { headers.append((name, value)) }
        return headers
    }

    /// The protocol, endpoint and model, and whether a key is set (never the key).
    public var description: String {
        "\(api) \(endpoint) model \(model)" + (apiKey == nil ? ", no key" : ", key set")
    }
}

/// Why a configuration could not be made from the environment.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        private init(_ name: String) { description = name }

        /// No model is named, in the arguments or the environment.
        public static let missingModel = Code("missing-model")
    }

    /// What kind of problem it is.
    public var code: Code
    /// What is missing and how to give it.
    public var message: String
    /// The message.
    public var description: String { message }
}

extension ChatConfiguration {
    /// A configuration from environment variables, with the names the provider docs use.
    ///
    /// OpenAI-compatible and legacy `functions`: the base URL is `MODEL_BASE_URL`, else
    /// `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. A key goes only to the endpoint it
    /// was named for: with `MODEL_BASE_URL` the key is `API_KEY` (or `DASHSCOPE_API_KEY` when
    /// the host is DashScope's); with `OPENAI_BASE_URL` or the default, `OPENAI_API_KEY`, then
    /// `API_KEY`. So an `OPENAI_API_KEY` set for the whole machine is never sent to a local or
    /// third-party server.
    ///
    /// Anthropic: `ANTHROPIC_BASE_URL`, else `https://api.anthropic.com`, with
    /// `ANTHROPIC_API_KEY`, then `API_KEY`.
    ///
    /// The model is `model` when given, else `MODEL_NAME`.
    ///
    /// - Throws: ``ConfigurationError`` when no model is named.
    public static func fromEnvironment(
        _ api: ChatAPI,
        model: String? = nil,
        environment: [String: String]
    ) throws(ConfigurationError) -> ChatConfiguration {
        func value(_ name: String) -> String? {
            guard let v = environment[name], !v.isEmpty else { return nil }
            return v
        }
        guard let model = model ?? value("MODEL_NAME") else {
            throw ConfigurationError(
                code: .missingModel,
                message: "no model is named; give one (--model) or set MODEL_NAME"
            )
        }
        switch api {
        case .openAI, .functions:
            if let base = value("MODEL_BASE_URL") {
                let dashscope = host(of: base).hasPrefix("dashscope")
                let key = value("API_KEY") ?? (dashscope ? value("DASHSCOPE_API_KEY") : nil)
                return ChatConfiguration(api: api, baseURL: base, model: model, apiKey: key)
            }
            let base = value("OPENAI_BASE_URL") ?? "https://api.openai.com/v1"
            return ChatConfiguration(
                api: api,
                baseURL: base,
                model: model,
                apiKey: value("OPENAI_API_KEY") ?? value("API_KEY")
            )
        case .anthropic:
            let base = value("ANTHROPIC_BASE_URL") ?? "https://api.anthropic.com"
            return ChatConfiguration(
                api: api,
                baseURL: base,
                model: model,
                apiKey: value("ANTHROPIC_API_KEY") ?? value("API_KEY")
            )
        }
    }
}
