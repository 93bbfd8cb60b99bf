import JSONCore

/// The walk over every subschema, by the keyword table, running each schema rule at each.
extension SpecChecker {

    mutating func visit(_ schema: JSONValue, at pointer: JSONPointer, depth: Int) {
        let o: JSONObject
        switch schema {
        case .bool:
            if isGemini || profiles.contains(.gemini) {
                report(
                    .geminiUnsupportedKeyword,
                    .error,
                    at: pointer,
                    "Gemini has no boolean schemas; write an object schema"
                )
            }
            return
        case .object(let object):
            o = object
        default:
            report(
                .schemaType,
                .error,
                at: pointer,
                "a schema must be an object (or true/false), found a \(schema.typeName)"
            )
            return
        }
        let types = checkType(o, at: pointer)
        checkKeywords(o, at: pointer)
        checkRequiredAndProperties(o, at: pointer, depth: depth)
        checkEnum(o, at: pointer, types: types)
        checkValues(o, at: pointer, types: types)
        checkBounds(o, at: pointer)
        checkRef(o, at: pointer)
        checkPattern(o, at: pointer)
        checkProviderRules(o, at: pointer, types: types, depth: depth)

        // Descend into subschemas, by the keyword table's shapes.
        let isObjectLevel = depth + (types.contains("object") ? 1 : 0)
        for (key, value) in o {
            guard let keyword = SchemaKeyword.named[key], keyword.shape.holdsSchemas else { continue }
            let here = pointer.appending(key)
            switch keyword.shape {
            case .schemaMap, .schemaOrNamesMap:
                guard case .object(let members) = value else {
                    if key != "properties" {  // properties has its own rule
                        report(
                            .keywordValue,
                            .error,
                            at: here,
                            "\(key) must be an object of schemas, found a \(value.typeName)"
                        )
                    }
                    continue
                }
                if key == "$defs" || key == "definitions" { for name in members.keys { totalTextLength += name.count } }
            case .schemaList:
                guard case .array(let list) = value, !list.isEmpty else {
                    report(.keywordValue, .error, at: here, "\(key) must be a non-empty list of schemas")
                    continue
                }
            case .schema:
                if key == "additionalProperties" || key == "additionalItems", case .bool = value { continue }
            case .schemaOrSchemaList, .value:
                break
            }
            for (tokens, sub) in keyword.subschemas(in: value) {
                visit(sub, at: JSONPointer(tokens: here.tokens + tokens), depth: isObjectLevel)
            }
        }
    }
}
