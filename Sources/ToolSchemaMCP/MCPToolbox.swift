public import JSONCore
public import MCP
public import ToolSchema

/// One `tools/call` that passed its check: what the handler of a spec-based tool receives.
public struct MCPToolInvocation: Sendable {
    /// The tool's name.
    public var name: String
    /// The checked arguments: coerced where the coercion table allowed, unwrapped from an
    /// invented wrapper in `repair` mode.
    public var arguments: JSONValue
    /// The outcome of the check, with every coercion recorded.
    public var check: ArgumentCheck
}

/// Why a tool could not be added to an ``MCPToolbox``.
public struct MCPToolboxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name.
        public let description: String
        private init(_ name: String) { description = name }

        /// No schema could be derived from the arguments type.
        public static let derivation = Code("derivation")
        /// The spec has no name.
        public static let missingName = Code("missing-name")
        /// Another tool has the name.
        public static let duplicateName = Code("duplicate-name")
        /// The schema cannot be compiled, or holds a number MCP's `Value` cannot carry.
        public static let invalidSchema = Code("invalid-schema")
    }

    /// What kind of problem it is.
    public var code: Code
    /// The tool's name, when it has one.
    public var tool: String?
    /// The problem in words.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// The tools of an MCP server, each call checked against the tool's schema before its handler
/// runs, as the MCP specification requires of servers.
///
/// ```swift
/// var toolbox = MCPToolbox()
/// try toolbox.add(GetWeather.self) { weather in "Sunny in \(weather.city)" }
/// try toolbox.add(spec) { invocation in try lookUp(invocation.arguments) }
/// let server = Server(name: "weather", version: "1.0", capabilities: .init(tools: .init()))
/// await toolbox.install(on: server)
/// try await server.start(transport: StdioTransport())
/// ```
///
/// `tools/list` answers with each tool's name, description and `inputSchema` (derived from
/// the type, or the spec's parameters). A `tools/call`'s arguments are checked
/// (`Validator.check(value:mode:options:)`, `repair` mode by default: coercions such as
/// `"3"` → `3` and an invented `{"arguments": {…}}` wrapper are applied and recorded); a
/// typed tool's are then decoded. Arguments that stay invalid, and a value the type's own
/// `init(from:)` refuses, are answered with the hint for the model as a result with
/// `isError: true`, the tool execution error through which the specification lets a model
/// correct itself; so is an error the handler throws. A call to a tool the server does not
/// have is a protocol error (`-32602`, invalid params).
public struct MCPToolbox: Sendable {
    /// A tool: its spec, its compiled schema, and what runs it.
    public struct Tool: Sendable {
        /// The spec, as `tools/list` describes it.
        public var spec: ToolSpec
        /// The compiled `inputSchema`.
        public var validator: Validator
        /// The annotations `tools/list` sends (hints for the client, such as `readOnlyHint`).
        public var annotations: MCP.Tool.Annotations
        let run: @Sendable (ArgumentCheck) async throws -> String

        /// The tool's name.
        public var name: String { spec.name ?? "" }

        /// The tool as `tools/list` lists it. A tool without a description is listed with an
        /// empty one: the SDK would write `"description": null`, which the MCP schema does not
        /// allow and clients that validate the result reject.
        public var listing: MCP.Tool {
            MCP.Tool(
                name: name,
                description: spec.description ?? "",
                inputSchema: MCP.Value(json: spec.parameters ?? ["type": "object"]),
                annotations: annotations
            )
        }
    }

    /// The tools, in the order they were added.
    public private(set) var tools: [Tool] = []
    /// How much the check may change arguments; `repair` by default (see `CheckMode`).
    public var mode: CheckMode = .repair
    /// Options for every check (defaults, undeclared properties); the tool's name is set for
    /// each call.
    public var checkOptions = Validator.CheckOptions()
    /// Called with each call's tool name and check, valid or not, before anything runs: the
    /// place to log repairs, coercions and warnings.
    public var onCheck: (@Sendable (String, ArgumentCheck) -> Void)?

    /// An empty toolbox.
    public init() {}

    /// The tool with this name.
    public func tool(named name: String) -> Tool? { tools.first { $0.name == name } }

    /// What `tools/list` answers: every tool, in order.
    public var listing: [MCP.Tool] { tools.map(\.listing) }

    /// Adds a tool from a spec; the handler receives the checked arguments and returns the
    /// result's text.
    ///
    /// - Throws: ``MCPToolboxError`` when the spec has no name, the name is taken, or the
    ///   schema cannot be compiled.
    public mutating func add(
        _ spec: ToolSpec,
        annotations: MCP.Tool.Annotations = nil,
        validatorOptions: Validator.Options = Validator.Options(),
        handler: @escaping @Sendable (MCPToolInvocation) async throws -> String
    ) throws(MCPToolboxError) {
        let name = spec.name ?? ""
        try insert(spec, annotations: annotations, validatorOptions: validatorOptions) { _ in
            { check in
                try await handler(MCPToolInvocation(name: name, arguments: check.arguments ?? [:], check: check))
            }
        }
    }

    /// Adds a tool for a `Decodable` arguments type (a `ToolArguments` type names and
    /// describes itself): the `inputSchema` is derived from the type, and the handler
    /// receives the decoded value and returns the result's text.
    ///
    /// - Throws: ``MCPToolboxError`` when no schema can be derived or the name is taken.
    public mutating func add<Arguments: Decodable & SendableMetatype>(
        _ type: Arguments.Type,
        keyStrategy: SchemaDerivation.KeyStrategy = .useDefaultKeys,
        annotations: MCP.Tool.Annotations = nil,
        handler: @escaping @Sendable (Arguments) async throws -> String
    ) throws(MCPToolboxError) {
        let spec: ToolSpec
        do {
            spec = try ToolSpec(deriving: type, keyStrategy: keyStrategy)
        } catch {
            throw MCPToolboxError(code: .derivation, tool: nil, message: error.message)
        }
        let name = spec.name ?? ""
        try insert(spec, annotations: annotations, validatorOptions: Validator.Options()) { validator in
            { check in
                let value: Arguments
                do throws(ArgumentsError) {
                    value = try Arguments.decodeChecked(
                        check,
                        validator: validator,
                        tool: { name },
                        keyStrategy: keyStrategy
                    )
                } catch {
                    throw Refusal(hint: error.hint.text)
                }
                return try await handler(value)
            }
        }
    }

    private mutating func insert(
        _ spec: ToolSpec,
        annotations: MCP.Tool.Annotations,
        validatorOptions: Validator.Options,
        run: (Validator) -> @Sendable (ArgumentCheck) async throws -> String
    ) throws(MCPToolboxError) {
        guard let name = spec.name, !name.isEmpty else {
            throw MCPToolboxError(
                code: .missingName,
                tool: nil,
                message: "a tool needs a name; this spec is a bare schema"
            )
        }
        guard tool(named: name) == nil else {
            throw MCPToolboxError(
                code: .duplicateName,
                tool: name,
                message: "there is already a tool named \"\(name)\""
            )
        }
        if let number = spec.parameters.flatMap(Self.firstUnrepresentable) {
            throw MCPToolboxError(
                code: .invalidSchema,
                tool: name,
                message:
                    "the schema of \"\(name)\" holds \(number), which MCP's Value cannot carry (beyond a Double's range)"
            )
        }
        let validator: Validator
        do {
            validator = try Validator(spec: spec, options: validatorOptions)
        } catch {
            throw MCPToolboxError(
                code: .invalidSchema,
                tool: name,
                message: "the schema of \"\(name)\" cannot be compiled: \(error)"
            )
        }
        tools.append(Tool(spec: spec, validator: validator, annotations: annotations, run: run(validator)))
    }

    static func firstUnrepresentable(_ value: JSONValue) -> JSONNumber? {
        switch value {
        case .number(let number): return number.intValue == nil && number.doubleValue == nil ? number : nil
        case .array(let items): return items.lazy.compactMap(firstUnrepresentable).first
        case .object(let object): return object.lazy.compactMap { firstUnrepresentable($0.1) }.first
        default: return nil
        }
    }

    /// Answers one `tools/call`: the handler's text, or the hint (or the handler's error) with
    /// `isError: true`.
    ///
    /// - Throws: `MCPError.invalidParams` when there is no tool of that name.
    public func call(_ parameters: CallTool.Parameters) async throws -> CallTool.Result {
        guard let tool = tool(named: parameters.name) else {
            throw MCPError.invalidParams(
                "Unknown tool: \(parameters.name); the tools are \(tools.map(\.name).joined(separator: ", "))"
            )
        }
        let arguments = JSONValue.object(
            JSONObject(
                (parameters.arguments ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, JSONValue(mcp: $0.value)) }
            )
        )
        var options = checkOptions
        options.toolName = tool.name
        let check = tool.validator.check(value: arguments, mode: mode, options: options)
        onCheck?(tool.name, check)
        guard check.isValid else {
            let hint = ModelHint(check: check, tool: tool.name, validator: tool.validator)
            return CallTool.Result(content: [.text(text: hint.text, annotations: nil, _meta: nil)], isError: true)
        }
        do {
            let text = try await tool.run(check)
            return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], isError: false)
        } catch let refusal as Refusal {
            return CallTool.Result(content: [.text(text: refusal.hint, annotations: nil, _meta: nil)], isError: true)
        } catch {
            return CallTool.Result(
                content: [.text(text: "\(tool.name) failed: \(error)", annotations: nil, _meta: nil)],
                isError: true
            )
        }
    }

    /// Registers `tools/list` and `tools/call` on `server`, answered by this toolbox as it is
    /// now (a copy: tools added later are not served).
    public func install(on server: Server) async {
        let toolbox = self
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: toolbox.listing) }
        await server.withMethodHandler(CallTool.self) { parameters in try await toolbox.call(parameters) }
    }
}

/// A typed tool's `init(from:)` refused a valid value: the call is answered with the hint.
struct Refusal: Error {
    var hint: String
}
