public import JSONCore

/// Checks a model's arguments text while it arrives, and says the moment it can no longer
/// become valid, so a caller can stop a model that has already written an invented parameter
/// instead of paying for the rest of its call.
///
/// ```swift
/// var watch = validator.streamingCheck(mode: .strict)
/// for fragment in fragments {
///     if case .hopeless(let violation) = watch.feed(Array(fragment.utf8)) {
///         print("stop: \(violation)")   // /cityName: unexpected property "cityName"…
///         break
///     }
/// }
/// let outcome = watch.finish()          // the whole-text check, as check(arguments:) gives
/// ```
///
/// It never calls a text hopeless when some continuation would pass `Validator.check(arguments:mode:options:)`
/// in the same mode. What it can tell depends on the mode:
/// - in every mode, a completed property name the schema forbids (`additionalProperties:
///   false`, `propertyNames`): no repair or coercion removes a property, and outside strict
///   mode a name is spared when it differs from a declared one only by case or separators,
///   which the `renamed-key` coercion may still fix, and in `repair` mode an invented wrapper
///   at the top (`arguments`, `parameters`…), which may still be unwrapped;
/// - in `strict` mode also a value whose type the schema excludes, as soon as the value begins;
///   a completed value that fails its subschema (a wrong enum value, a bound, a closed object
///   without a required property); more items than `maxItems` or properties than
///   `maxProperties`; and text that is not a prefix of any JSON text.
///
/// In `coerce` and `repair` modes values may still be coerced, and in `repair` mode the text
/// may still be repaired, so only property names are judged there.
public struct StreamingCheck: Sendable {
    /// What the text so far can still become.
    public enum Verdict: Sendable, Hashable {
        /// Some continuation could still be valid (or the text does not show otherwise yet).
        case possible
        /// No continuation can be valid: the violation that proves it.
        case hopeless(SchemaViolation)
    }

    /// The validator the text is checked against.
    public let validator: Validator
    /// The mode the final check will use, which decides what can be judged early.
    public let mode: CheckMode
    /// The verdict on the text so far.
    public private(set) var verdict: Verdict = .possible
    private var parser: IncrementalJSONParser
    private var counts: [[String]: Int] = [:]  // properties per object path

    /// A check of a text that will arrive in pieces.
    public init(validator: Validator, mode: CheckMode = .repair, parser options: JSONParser.Options = .init()) {
        self.validator = validator
        self.mode = mode
        self.parser = IncrementalJSONParser(options: options)
        self.parser.recordsMilestones = true
    }

    /// Every byte received so far.
    public var bytes: [UInt8] { parser.bytes }

    /// Reads the next piece and returns the verdict on everything so far; once hopeless, it
    /// stays so.
    @discardableResult
    public mutating func feed(_ piece: some Sequence<UInt8>) -> Verdict {
        guard case .possible = verdict else {
            parser.feed(piece)
            return verdict
        }
        let status = parser.feed(piece)
        for milestone in parser.takeMilestones() {
            if let violation = judge(milestone) {
                verdict = .hopeless(violation)
                return verdict
            }
        }
        if case .invalid(let error) = status, mode != .repair {
            verdict = .hopeless(
                SchemaViolation(
                    instancePath: .root,
                    schemaPath: .root,
                    keyword: "json",
                    message: "the text cannot become JSON: \(error.message)"
                )
            )
        }
        return verdict
    }

    /// The whole-text check of everything received, exactly as
    /// `Validator.check(arguments:mode:options:)` gives it.
    public func finish(options: Validator.CheckOptions = Validator.CheckOptions()) -> ArgumentCheck {
        var options = options
        options.parser = parser.options
        let bytes = parser.bytes
        return bytes.withUnsafeBufferPointer { buffer in
            validator.check(arguments: buffer.span, mode: mode, options: options)
        }
    }

    private mutating func judge(_ milestone: IncrementalJSONParser.Milestone) -> SchemaViolation? {
        switch milestone {
        case .keyCompleted(let object, let key):
            counts[object, default: 0] += 1
            if let violation = validator.forbiddenProperty(key, inObjectAt: JSONPointer(tokens: object)),
                mode == .strict || !validator.declaresFolded(key, inObjectAt: JSONPointer(tokens: object)),
                !(mode == .repair && object.isEmpty && Validator.wrapperKeys.contains(key.lowercased()))
            {
                // (Outside strict mode, a name that differs from a declared one only by case or
                // separators may still be renamed by the renamed-key coercion; in repair mode,
                // an invented wrapper around the arguments may still be unwrapped.)
                return violation
            }
            guard mode == .strict,
                let max = validator.bound("maxProperties", atInstancePath: JSONPointer(tokens: object)),
                let count = counts[object], count > max
            else { return nil }
            return SchemaViolation(
                instancePath: JSONPointer(tokens: object),
                schemaPath: .root,
                keyword: "maxProperties",
                message: "expected at most \(max) properties, and this object already has \(count)",
                details: .init(limit: .number(JSONNumber(max)))
            )
        case .valueStarted(let path, let kind):
            guard mode == .strict else { return nil }
            return validator.excludedType(kind, atInstancePath: JSONPointer(tokens: path))
        case .valueCompleted(let path, let range):
            // Only where a subschema applies: the value is parsed again only to be checked.
            let place = JSONPointer(tokens: path)
            guard mode == .strict, validator.nodeIndex(atInstancePath: place) != nil,
                let value = try? JSONParser(options: parser.options).parse(parser.bytes[range])
            else {
                return nil
            }
            return validator.validate(value, atInstancePath: place)?.first
        case .elementStarted(let array, let count):
            guard mode == .strict, let max = validator.bound("maxItems", atInstancePath: JSONPointer(tokens: array)),
                count > max
            else { return nil }
            return SchemaViolation(
                instancePath: JSONPointer(tokens: array),
                schemaPath: .root,
                keyword: "maxItems",
                message: "expected at most \(max) items, and this array already has \(count)",
                details: .init(limit: .number(JSONNumber(max)))
            )
        }
    }
}

extension Validator {
    /// A check of an arguments text that will arrive in pieces; see ``StreamingCheck``.
    public func streamingCheck(mode: CheckMode = .repair) -> StreamingCheck {
        StreamingCheck(validator: self, mode: mode)
    }

    /// The violation a property name causes in the object at `path` whatever its value, or nil:
    /// `additionalProperties: false` with no `properties` or `patternProperties` entry for it,
    /// or a name `propertyNames` rejects.
    package func forbiddenProperty(_ key: String, inObjectAt path: JSONPointer) -> SchemaViolation? {
        guard let index = nodeIndex(atInstancePath: path) else { return nil }
        let node = resolvedNode(index)
        if let names = node.propertyNames {
            var context = ValidationContext(collecting: true, assertsFormats: options.assertsFormats)
            context.path = path.tokens + [key]
            if !check(names, .string(key), &context) { return context.errors.first }
        }
        guard let additional = node.additionalProperties, nodes[additional].always == false else { return nil }
        if node.property(key) != nil || node.patternProperties.contains(where: { $0.pattern.matches(key) }) {
            return nil
        }
        let allowed = node.properties.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return SchemaViolation(
            instancePath: path.appending(key),
            schemaPath: node.location.appending("additionalProperties"),
            keyword: "additionalProperties",
            message: "unexpected property \"\(key)\"; the allowed properties are \(allowed)",
            details: .init(properties: [key])
        )
    }

    /// Whether the object at `path` declares a property `key` could be renamed to by the
    /// renamed-key coercion (the same name, ignoring case and separators).
    package func declaresFolded(_ key: String, inObjectAt path: JSONPointer) -> Bool {
        guard let index = nodeIndex(atInstancePath: path) else { return false }
        let folded = Coercer.folded(key)
        return resolvedNode(index).properties.contains { Coercer.folded($0.name) == folded }
    }

    /// The violation of a value of `kind` at `path` whatever it turns out to be, when the
    /// subschema there admits no value of that JSON type.
    package func excludedType(
        _ kind: IncrementalJSONParser.ValueKind,
        atInstancePath path: JSONPointer
    ) -> SchemaViolation? {
        guard let index = nodeIndex(atInstancePath: path) else { return nil }
        let node = resolvedNode(index)
        guard let types = node.types else { return nil }
        let admitted: Bool
        switch kind {
        case .object: admitted = types.contains(.object)
        case .array: admitted = types.contains(.array)
        case .string: admitted = types.contains(.string)
        case .number: admitted = types.contains(.number) || types.contains(.integer)
        case .boolean: admitted = types.contains(.boolean)
        case .null: admitted = types.contains(.null) || node.nullable
        }
        guard !admitted else { return nil }
        let found: String
        switch kind {
        case .object: found = "an object"
        case .array: found = "an array"
        case .string: found = "a string"
        case .number: found = "a number"
        case .boolean: found = "a boolean"
        case .null: found = "null"
        }
        return SchemaViolation(
            instancePath: path,
            schemaPath: node.location.appending("type"),
            keyword: "type",
            message: "expected \(Describe.types(types))\(node.nullable ? " or null" : ""), found \(found)",
            details: .init(expectedTypes: types.names + (node.nullable ? ["null"] : []))
        )
    }

    /// `maxItems` or `maxProperties` of the subschema at `path`, when it has one.
    package func bound(_ keyword: String, atInstancePath path: JSONPointer) -> Int? {
        guard let index = nodeIndex(atInstancePath: path) else { return nil }
        let node = resolvedNode(index)
        return keyword == "maxItems" ? node.maxItems : node.maxProperties
    }
}
