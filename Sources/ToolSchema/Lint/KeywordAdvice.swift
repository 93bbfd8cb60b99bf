import JSONCore

/// Advice for keywords that are not JSON Schema (the known ones are ``SchemaKeyword/table``).
enum KeywordAdvice {
    static let nonStandard: [String: String] = [
        "optional": "\"optional\" is not JSON Schema; leave the property out of the parent's required instead",
        "requiredProperties": "\"requiredProperties\" is not JSON Schema; use required on the object",
        "allowNull": "\"allowNull\" is not JSON Schema; add \"null\" to type instead",
        "values": "\"values\" is not JSON Schema; use enum for allowed values",
        "choices": "\"choices\" is not JSON Schema; use enum for allowed values",
        "options": "\"options\" is not JSON Schema; use enum for allowed values",
    ]

    static let misspellings: [String: String] = [
        "require": "required", "requires": "required", "enums": "enum", "additionalProperty": "additionalProperties",
        "additionalProperites": "additionalProperties", "minimun": "minimum", "maximun": "maximum",
        "property": "properties",
        "props": "properties", "item": "items", "desc": "description", "descriptions": "description", "types": "type",
        "patterns": "pattern", "formats": "format", "defaults": "default", "definition": "definitions", "defs": "$defs",
        "ref": "$ref", "min": "minimum", "max": "maximum", "minLen": "minLength", "maxLen": "maxLength",
        "exclusiveMin": "exclusiveMinimum", "exclusiveMax": "exclusiveMaximum", "const_": "const", "oneof": "oneOf",
    ]

    /// A keyword `key` was probably meant as, or nil.
    static func suggestion(for key: String) -> String? {
        if let s = misspellings[key] { return s }
        if let s = SchemaKeyword.known.first(where: { $0.lowercased() == key.lowercased() }) { return s }
        return TextMatching.closest(
            to: key,
            in: SchemaKeyword.known,
            maxDistance: key.count >= 6 ? 2 : (key.count >= 4 ? 1 : 0)
        )
    }
}
