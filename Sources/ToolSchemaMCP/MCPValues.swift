public import JSONCore
public import MCP

extension JSONValue {
    /// The value the MCP SDK decoded from a request, as JSON.
    ///
    /// The SDK decodes arguments into its `Value` before a handler runs, and that decoding is
    /// not exact: an object's members lose their order (they are read back sorted by key),
    /// a number is an `Int` or a `Double` (so digits past a `Double`'s precision are gone),
    /// and a string in data-URL form becomes `.data`, read back here as the base64 data URL the
    /// SDK writes for it. A `Double` that is not finite, which no JSON text can hold, is `null`.
    public init(mcp value: MCP.Value) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .int(let int): self = .number(JSONNumber(int))
        case .double(let double): self = JSONNumber(double).map(JSONValue.number) ?? .null
        case .string(let string): self = .string(string)
        case .data(let mimeType, let data): self = .string(data.dataURLEncoded(mimeType: mimeType))
        case .array(let items): self = .array(items.map(JSONValue.init(mcp:)))
        case .object(let members):
            self = .object(JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, JSONValue(mcp: $0.value)) }))
        }
    }
}

extension MCP.Value {
    /// A JSON value as the MCP SDK's `Value`: integers that fit an `Int` as `.int`, other
    /// numbers as `.double`, objects as dictionaries (the SDK's `Value` keeps no member order).
    /// A number beyond a `Double`'s range (`1e400`) becomes the largest finite `Double` of its
    /// sign; ``MCPToolbox`` refuses a schema that holds one.
    public init(json value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .number(let number):
            if let int = number.intValue {
                self = .int(int)
            } else {
                self = .double(
                    number.doubleValue ?? (number.description.hasPrefix("-") ? -1 : 1) * .greatestFiniteMagnitude
                )
            }
        case .string(let string): self = .string(string)
        case .array(let items): self = .array(items.map(MCP.Value.init(json:)))
        case .object(let object):
            var members: [String: MCP.Value] = [:]
            for (key, member) in object { members[key] = MCP.Value(json: member) }
            self = .object(members)
        }
    }
}
