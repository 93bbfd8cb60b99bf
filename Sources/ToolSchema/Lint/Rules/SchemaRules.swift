import JSONCore

/// Portable JSON Schema rules: types, keywords, required and properties, enum, values,
/// bounds, references, keywords not implemented yet, and patterns.
extension SpecChecker {
    // MARK: type

    static let typeNames: Set<String> = ["string", "number", "integer", "boolean", "array", "object", "null"]
    static let typeSuggestions: [String: String] = [
        "dict": "object", "map": "object", "hashmap": "object", "hash": "object", "struct": "object",
        "record": "object",
        "float": "number", "double": "number", "decimal": "number", "real": "number", "numeric": "number",
        "int": "integer", "long": "integer", "short": "integer", "int32": "integer", "int64": "integer",
        "i32": "integer",
        "i64": "integer", "uint": "integer", "u32": "integer", "u64": "integer", "str": "string", "text": "string",
        "char": "string", "date": "string (with format: date)", "datetime": "string (with format: date-time)",
        "uuid": "string (with format: uuid)", "bool": "boolean", "list": "array", "tuple": "array (with prefixItems)",
        "vec": "array", "set": "array (with uniqueItems: true)", "none": "null", "nil": "null",
    ]

    /// Checks `type`; returns the declared type names (lowercased).
    mutating func checkType(_ o: JSONObject, at pointer: JSONPointer) -> Set<String> {
        guard let type = o["type"] else { return [] }
        let here = pointer.appending("type")
        var names: [String] = []
        switch type {
        case .string(let name): names = [name]
        case .array(let list):
            if list.isEmpty { report(.typeName, .error, at: here, "type must not be an empty list") }
            for item in list {
                guard case .string(let name) = item else {
                    report(.typeName, .error, at: here, "type lists hold type names, found a \(item.typeName)")
                    continue
                }
                names.append(name)
            }
            if Set(list).count != list.count { report(.typeName, .error, at: here, "type lists the same type twice") }
        default:
            report(
                .typeName,
                .error,
                at: here,
                "type must be a type name or a list of them, found a \(type.typeName)"
            )
            return []
        }
        var result: Set<String> = []
        for name in names {
            if Self.typeNames.contains(name) {
                result.insert(name)
                continue
            }
            let upper = name.uppercased() == name && Self.typeNames.contains(name.lowercased())
            if upper && (isGemini || spec.shape == .gemini) {
                result.insert(name.lowercased())
                continue
            }
            if name == "any" || name.lowercased() == "any" || name.lowercased() == "mixed" {
                report(
                    .typeName,
                    .error,
                    at: here,
                    "\"\(name)\" is not a JSON Schema type; to allow any value, leave type out"
                )
            } else if upper || Self.typeNames.contains(name.lowercased()) {
                report(
                    .typeName,
                    .error,
                    at: here,
                    "\"\(name)\" is not a JSON Schema type; type names are lowercase: use \"\(name.lowercased())\""
                )
                result.insert(name.lowercased())
            } else if let suggestion = Self.typeSuggestions[name.lowercased()] {
                report(.typeName, .error, at: here, "\"\(name)\" is not a JSON Schema type; use \(suggestion)")
            } else {
                report(
                    .typeName,
                    .error,
                    at: here,
                    "\"\(name)\" is not a JSON Schema type; the types are string, number, integer, boolean, array, object and null"
                )
            }
        }
        return result
    }

    // MARK: keywords

    mutating func checkKeywords(_ o: JSONObject, at pointer: JSONPointer) {
        for key in o.keys where !SchemaKeyword.known.contains(key) && !key.hasPrefix("x-") {
            let here = pointer.appending(key)
            if let advice = KeywordAdvice.nonStandard[key] {
                report(.nonStandardKeyword, .warning, at: here, key: true, advice)
            } else if let suggestion = KeywordAdvice.suggestion(for: key) {
                report(
                    .misspelledKeyword,
                    .error,
                    at: here,
                    key: true,
                    "unknown keyword \"\(key)\"; did you mean \"\(suggestion)\"?"
                )
            } else {
                report(
                    .unknownKeyword,
                    .warning,
                    at: here,
                    key: true,
                    "unknown keyword \"\(key)\" is ignored by validators and providers"
                )
            }
        }
    }

    // MARK: required and properties

    mutating func checkRequiredAndProperties(_ o: JSONObject, at pointer: JSONPointer, depth: Int) {
        var propertyNames: Set<String>? = nil
        if let properties = o["properties"] {
            if case .object(let members) = properties {
                propertyNames = Set(members.keys)
                propertyCount += members.count
                for (name, sub) in members {
                    totalTextLength += name.count
                    if case .object(let s) = sub, s["description"] == nil, s["$ref"] == nil {
                        report(
                            .missingDescription,
                            .warning,
                            at: pointer.appending("properties").appending(name),
                            key: true,
                            "the property \"\(name)\" has no description; the model fills it in from its name alone"
                        )
                    }
                }
            } else {
                report(
                    .properties,
                    .error,
                    at: pointer.appending("properties"),
                    "properties must be an object mapping names to schemas, found a \(properties.typeName)"
                )
            }
        }
        guard let required = o["required"] else { return }
        let here = pointer.appending("required")
        guard case .array(let list) = required else {
            let hint =
                required.boolValue != nil
                ? "; required: true on a property is not JSON Schema: list the names in the parent's required" : ""
            report(
                .required,
                .error,
                at: here,
                "required must be a list of property names, found a \(required.typeName)\(hint)"
            )
            return
        }
        var seen: Set<String> = []
        for (index, item) in list.enumerated() {
            guard case .string(let name) = item else {
                report(
                    .required,
                    .error,
                    at: here.appending(index: index),
                    "required lists property names (strings), found a \(item.typeName)"
                )
                continue
            }
            if !seen.insert(name).inserted {
                report(.required, .error, at: here.appending(index: index), "\"\(name)\" is listed twice in required")
            } else if let propertyNames, !propertyNames.contains(name),
                o["additionalProperties"] == .bool(false) || o["patternProperties"] == nil
            {
                let suggestion =
                    TextMatching.closest(to: name, in: propertyNames).map { "; did you mean \"\($0)\"?" } ?? ""
                report(
                    .required,
                    .error,
                    at: here.appending(index: index),
                    "required names \"\(name)\", which is not in properties\(suggestion)"
                )
            }
        }
    }

    // MARK: enum

    mutating func checkEnum(_ o: JSONObject, at pointer: JSONPointer, types: Set<String>) {
        guard let value = o["enum"] else { return }
        let here = pointer.appending("enum")
        guard case .array(let list) = value else {
            report(
                .enumValues,
                .error,
                at: here,
                "enum must be a list of the allowed values, found a \(value.typeName)"
            )
            return
        }
        if list.isEmpty {
            report(.enumValues, .error, at: here, "enum is empty, so no value is valid; list at least one")
            return
        }
        var seen: Set<JSONValue> = []
        for (index, item) in list.enumerated() {
            if case .string(let s) = item { totalTextLength += s.count }
            if !seen.insert(item).inserted {
                report(.enumValues, .error, at: here.appending(index: index), "enum lists \(item.jsonString()) twice")
            }
            if !types.isEmpty && !Self.matches(item, types) {
                report(
                    .enumValues,
                    .error,
                    at: here.appending(index: index),
                    "enum value \(item.jsonString()) is a \(Self.kind(item)), but type allows only \(types.sorted().joined(separator: ", "))"
                )
            }
        }
        if profiles.contains(.openAIStrict) {
            if list.count > 1_000 {
                report(
                    .strictLimits,
                    .error,
                    at: here,
                    "\(list.count) enum values: OpenAI strict mode allows at most 1,000"
                )
            }
            let strings = list.compactMap(\.stringValue)
            let total = strings.reduce(0) { $0 + $1.count }
            if strings.count > 250 && total > 15_000 {
                report(
                    .strictLimits,
                    .error,
                    at: here,
                    "a string enum of \(strings.count) values totals \(total) characters; strict mode allows 15,000 for enums over 250 values"
                )
            }
        }
    }

    static func kind(_ v: JSONValue) -> String {
        if case .number(let n) = v { return n.isInteger ? "integer" : "number" }
        return v.typeName
    }

    static func matches(_ v: JSONValue, _ types: Set<String>) -> Bool {
        switch v {
        case .null: types.contains("null")
        case .bool: types.contains("boolean")
        case .string: types.contains("string")
        case .array: types.contains("array")
        case .object: types.contains("object")
        case .number(let n): types.contains("number") || (types.contains("integer") && n.isInteger)
        }
    }

    // MARK: default, examples, const

    /// Checks that `default`, `examples` and `const` are valid against the schema they sit in
    /// (with `$ref`s resolved); when the schema does not compile, against its type and enum.
    mutating func checkValues(_ o: JSONObject, at pointer: JSONPointer, types: Set<String>) {
        let allowed = o["enum"]?.arrayValue
        let validator = self.validator
        func check(_ value: JSONValue, _ here: JSONPointer, _ what: String) {
            if let validator, let errors = validator.validate(value, againstSubschemaAt: pointer) {
                if let first = errors.first {
                    let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
                    let place = first.instancePath == .root ? "" : " at \(first.instancePath)"
                    report(
                        .valueType,
                        .error,
                        at: here,
                        "\(what) \(value.jsonString()) is not valid against its own schema\(place): \(first.message)\(more)"
                    )
                }
                return
            }
            if !types.isEmpty && !Self.matches(value, types) {
                report(
                    .valueType,
                    .error,
                    at: here,
                    "\(what) \(value.jsonString()) is a \(Self.kind(value)), but type allows only \(types.sorted().joined(separator: ", "))"
                )
            } else if let allowed, !allowed.contains(value) {
                report(.valueType, .error, at: here, "\(what) \(value.jsonString()) is not one of the enum values")
            }
        }
        if let d = o["default"] { check(d, pointer.appending("default"), "default") }
        if let c = o["const"] {
            check(c, pointer.appending("const"), "const")
            if case .string(let s) = c { totalTextLength += s.count }
        }
        if let examples = o["examples"] {
            if case .array(let list) = examples {
                for (index, e) in list.enumerated() {
                    check(e, pointer.appending("examples").appending(index: index), "example")
                }
            } else {
                report(
                    .keywordValue,
                    .error,
                    at: pointer.appending("examples"),
                    "examples must be a list of example values"
                )
            }
        }
    }

    // MARK: bounds

    mutating func checkBounds(_ o: JSONObject, at pointer: JSONPointer) {
        for key in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] {
            guard let v = o[key] else { continue }
            if case .bool = v, key.hasPrefix("exclusive") { continue }  // draft-04 form
            guard case .number(let n) = v else {
                report(
                    .keywordValue,
                    .error,
                    at: pointer.appending(key),
                    "\(key) must be a number, found \(v.jsonString())"
                )
                continue
            }
            if key == "multipleOf" && n <= JSONNumber(0) {
                report(.keywordValue, .error, at: pointer.appending(key), "multipleOf must be greater than 0")
            }
        }
        for key in [
            "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains",
            "maxContains",
        ] {
            guard let v = o[key] else { continue }
            guard case .number(let n) = v, n.isInteger, n >= JSONNumber(0) else {
                report(
                    .keywordValue,
                    .error,
                    at: pointer.appending(key),
                    "\(key) must be a non-negative integer, found \(v.jsonString())"
                )
                continue
            }
        }
        let pairs = [
            ("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems"),
            ("minProperties", "maxProperties"), ("minContains", "maxContains"),
            ("exclusiveMinimum", "exclusiveMaximum"),
            ("minimum", "exclusiveMaximum"), ("exclusiveMinimum", "maximum"),
        ]
        for (lowKey, highKey) in pairs {
            guard case .number(let low)? = o[lowKey], case .number(let high)? = o[highKey] else { continue }
            let strict = lowKey.hasPrefix("exclusive") || highKey.hasPrefix("exclusive")
            if high < low || (strict && high == low) {
                report(
                    .bounds,
                    .error,
                    at: pointer.appending(lowKey),
                    "\(lowKey) \(low) is \(high < low ? "above" : "equal to") \(highKey) \(high), so no value is valid"
                )
            }
        }
    }

    // MARK: $ref

    mutating func checkRef(_ o: JSONObject, at pointer: JSONPointer) {
        guard let ref = o["$ref"] else { return }
        let here = pointer.appending("$ref")
        guard case .string(let text) = ref else {
            report(.reference, .error, at: here, "$ref must be a string, found a \(ref.typeName)")
            return
        }
        guard text.hasPrefix("#/") || text == "#" else {
            // Another document, an `$id` or an anchor: resolved as the validator resolves it,
            // against the resources the linter was given (nothing is fetched).
            if let error = compileError, error.code == .reference, error.document == nil, error.schemaPath == here {
                report(.reference, .error, at: here, error.message)
            }
            return
        }
        do {
            let target = try JSONPointer(fragment: text)
            if target.resolve(in: root) == nil {
                report(
                    .reference,
                    .error,
                    at: here,
                    "$ref \"\(text)\" does not resolve: nothing in this schema is at \(target)"
                )
            }
        } catch {
            report(
                .reference,
                .error,
                at: here,
                "$ref \"\(text)\" is not a valid JSON Pointer fragment: \(error.message)"
            )
        }
    }

    // MARK: pattern

    mutating func checkPattern(_ o: JSONObject, at pointer: JSONPointer) {
        var patterns: [(String, JSONPointer)] = []
        if let p = o["pattern"] {
            guard case .string(let text) = p else {
                report(
                    .pattern,
                    .error,
                    at: pointer.appending("pattern"),
                    "pattern must be a string, found a \(p.typeName)"
                )
                return
            }
            patterns.append((text, pointer.appending("pattern")))
        }
        if case .object(let members)? = o["patternProperties"] {
            for name in members.keys { patterns.append((name, pointer.appending("patternProperties").appending(name))) }
        }
        for (text, here) in patterns {
            do {
                let node = try RegexParser.parse(text)
                if let unsupported = node.unsupportedConstruct {
                    report(
                        .pattern,
                        .error,
                        at: here,
                        key: here.parent?.tokens.last == "patternProperties",
                        "the pattern uses \(unsupported), which cannot be matched in linear time; rewrite it without"
                    )
                }
            } catch {
                report(
                    .pattern,
                    .error,
                    at: here,
                    key: here.parent?.tokens.last == "patternProperties",
                    "the pattern /\(text)/ does not compile: \(error.message) (at character \(error.index + 1))"
                )
            }
        }
    }
}
