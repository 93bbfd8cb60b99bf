import JSONCore

/// The rules of the provider profiles: OpenAI strict mode and Gemini.
extension SpecChecker {

    static let strictFormats: Set<String> = [
        "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid",
    ]

    mutating func checkProviderRules(_ o: JSONObject, at pointer: JSONPointer, types: Set<String>, depth: Int) {
        let isObject = types.contains("object") || o["properties"] != nil
        if profiles.contains(.openAIStrict) {
            for keyword in SchemaKeyword.table
            where !keyword.providers.contains(.openAIStrict) && o[keyword.name] != nil {
                let keyword = keyword.name
                report(
                    .strictUnsupportedKeyword,
                    .error,
                    at: pointer.appending(keyword),
                    key: true,
                    "OpenAI strict mode does not support \(keyword)"
                )
            }
            if case .string(let format)? = o["format"], !Self.strictFormats.contains(format) {
                report(
                    .strictFormat,
                    .error,
                    at: pointer.appending("format"),
                    "OpenAI strict mode does not support format \"\(format)\"; it supports \(Self.strictFormats.sorted().joined(separator: ", "))"
                )
            }
            if isObject {
                if o["additionalProperties"] != .bool(false) {
                    report(
                        .strictAdditionalProperties,
                        .error,
                        at: o["additionalProperties"] != nil ? pointer.appending("additionalProperties") : pointer,
                        "OpenAI strict mode needs additionalProperties: false on every object"
                    )
                }
                if case .object(let members)? = o["properties"] {
                    let required = Set((o["required"]?.arrayValue ?? []).compactMap(\.stringValue))
                    for name in members.keys where !required.contains(name) {
                        report(
                            .strictRequired,
                            .error,
                            at: pointer.appending("properties").appending(name),
                            key: true,
                            "OpenAI strict mode needs every property in required; add \"\(name)\" there (make it nullable if it is optional)"
                        )
                    }
                }
                if depth > 10 {
                    report(
                        .strictLimits,
                        .error,
                        at: pointer,
                        "objects are nested \(depth) levels deep; OpenAI strict mode allows 10"
                    )
                }
            }
        }
        if profiles.contains(.gemini) {
            if o["additionalProperties"] != nil {
                report(
                    .geminiAdditionalProperties,
                    .error,
                    at: pointer.appending("additionalProperties"),
                    key: true,
                    "Gemini's schema has no additionalProperties; remove it"
                )
            }
            if case .array(let values)? = o["enum"], values.contains(where: { $0.stringValue == nil }) {
                report(
                    .geminiEnumType,
                    .error,
                    at: pointer.appending("enum"),
                    "Gemini accepts only string enum values; numeric and other values are rejected by the API"
                )
            }
            if o["type"] == nil && o["anyOf"] == nil && o["$ref"] == nil {
                report(.geminiMissingType, .error, at: pointer, "Gemini needs a type on every schema")
            }
            for key in o.keys where !GeminiConverter.supported.contains(key) && SchemaKeyword.known.contains(key) {
                report(
                    .geminiUnsupportedKeyword,
                    .error,
                    at: pointer.appending(key),
                    key: true,
                    "\(key) is outside Gemini's schema subset; `toolschema derive --to gemini` drops or converts it"
                )
            }
        }
    }
}
