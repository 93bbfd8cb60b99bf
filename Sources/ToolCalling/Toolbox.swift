public import JSONCore
public import ToolSchema

/// What a raw handler receives: the call and its checked arguments.
public struct ToolInvocation: Sendable {
    /// The call as the model made it.
    public var call: ToolCall
    /// The arguments after repairs and coercions; valid against the tool's schema.
    public var arguments: JSONValue
    /// The check that produced them, with its repairs and coercions.
    public var check: ArgumentCheck
}

/// What a handler returns: the text sent back to the model as the call's result.
public typealias ToolHandler = @Sendable (ToolInvocation) async throws -> String

/// A tool the loop can run: its spec, the validator compiled from it once, and the handler.
public struct Tool: Sendable {
    /// The spec sent to the model.
    public var spec: ToolSpec
    /// The compiled arguments schema.
    public var validator: Validator
    /// Runs a valid call.
    public var handler: ToolHandler
    /// A timeout for this tool, replacing the loop's ``ToolLoop/Options/toolTimeout``.
    public var timeout: Duration?

    /// The tool's name.
    public var name: String { spec.name ?? "" }
}

/// Why a tool could not be added to a toolbox.
public struct ToolboxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; compare against the static members. New kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        private init(_ name: String) { description = name }

        /// No spec could be derived from the arguments type (see `DerivationError`).
        public static let derivation = Code("derivation")
        /// A spec without a name (a bare JSON Schema).
        public static let missingName = Code("missing-name")
        /// A second tool with a name already in the toolbox.
        public static let duplicateName = Code("duplicate-name")
        /// The tool's schema cannot be compiled (see `SchemaError`).
        public static let invalidSchema = Code("invalid-schema")
    }

    /// What kind of problem it is.
    public var code: Code
    /// The tool's name, when it has one.
    public var tool: String?
    /// What is wrong, naming the tool.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// The tools a loop offers: each a spec and a handler, in the order they are sent.
///
/// ```swift
/// var toolbox = Toolbox()
/// try toolbox.add(GetWeather.self) { weather in "Sunny in \(weather.city)" }
/// try toolbox.add(spec) { invocation in try await lookUp(invocation.arguments) }
/// ```
public struct Toolbox: Sendable {
    /// The tools, in the order they were added.
    public private(set) var tools: [Tool] = []

    /// An empty toolbox.
    public init() {}

    /// The tool with this name.
    public func tool(named name: String) -> Tool? {
        tools.first { $0.name == name }
    }

    /// The tools' names, in order.
    public var names: [String] { tools.map(\.name) }

    /// The specs, in order.
    public var specs: [ToolSpec] { tools.map(\.spec) }

    /// Adds a tool whose handler receives the checked `JSONValue`.
    ///
    /// - Throws: ``ToolboxError`` when the spec has no name, the name is taken, or the schema
    ///   cannot be compiled.
    public mutating func add(
        _ spec: ToolSpec,
        timeout: Duration? = nil,
        validatorOptions: Validator.Options = Validator.Options(),
        handler: @escaping ToolHandler
    ) throws(ToolboxError) {
        try insert(spec, timeout: timeout, validatorOptions: validatorOptions) { _ in handler }
    }

    /// Adds a tool for a `Decodable` arguments type: the spec is derived from the type (see
    /// `ToolSpec(deriving:)`), and the handler receives the decoded value. A value that is
    /// valid but that the type's own `init(from:)` refuses gets a hint, as invalid arguments do.
    ///
    /// - Throws: ``ToolboxError`` when no schema can be derived or the name is taken.
    public mutating func add<Arguments: Decodable & SendableMetatype>(
        _ type: Arguments.Type,
        keyStrategy: SchemaDerivation.KeyStrategy = .useDefaultKeys,
        timeout: Duration? = nil,
        handler: @escaping @Sendable (Arguments) async throws -> String
    ) throws(ToolboxError) {
        let spec: ToolSpec
        do {
            spec = try ToolSpec(deriving: type, keyStrategy: keyStrategy)
        } catch {
            throw ToolboxError(code: .derivation, tool: nil, message: error.message)
        }
        let name = spec.name ?? ""
        try insert(spec, timeout: timeout, validatorOptions: Validator.Options()) { validator in
            { invocation in
                let value: Arguments
                do throws(ArgumentsError) {
                    value = try Arguments.decodeChecked(
                        invocation.check,
                        validator: validator,
                        tool: { name },
                        keyStrategy: keyStrategy
                    )
                } catch {
                    throw DecodingRefusal(error: error)
                }
                return try await handler(value)
            }
        }
    }

    private mutating func insert(
        _ spec: ToolSpec,
        timeout: Duration?,
        validatorOptions: Validator.Options,
        handler: (Validator) -> ToolHandler
    ) throws(ToolboxError) {
        guard let name = spec.name, !name.isEmpty else {
            throw ToolboxError(
                code: .missingName,
                tool: nil,
                message: "a tool needs a name; this spec is a bare schema"
            )
        }
        guard tool(named: name) == nil else {
            throw ToolboxError(code: .duplicateName, tool: name, message: "there is already a tool named \"\(name)\"")
        }
        let validator: Validator
        do {
            validator = try Validator(spec: spec, options: validatorOptions)
        } catch {
            throw ToolboxError(
                code: .invalidSchema,
                tool: name,
                message: "the schema of \"\(name)\" cannot be compiled: \(error)"
            )
        }
        tools.append(Tool(spec: spec, validator: validator, handler: handler(validator), timeout: timeout))
    }
}

/// A typed handler's `init(from:)` refused a valid value: the loop answers with the hint.
struct DecodingRefusal: Error {
    var error: ArgumentsError
}
