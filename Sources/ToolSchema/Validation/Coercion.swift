public import JSONCore

/// One change made to a parsed value so that it fits its schema; never silent.
public struct Coercion: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Which rule of the coercion table made the change.
    /// Which rule of the coercion table made a change; compare against the static members.
    /// New rules may be added; a kind this version does not know decodes as itself.
    public struct Kind: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The rule's stable, kebab-case name, as `--format json` and logs print it.
        public let description: String
        private init(_ name: String) { description = name }

        /// `"42"` to `42`: a string holding a JSON number where a number is expected.
        public static let stringToNumber = Kind("string-to-number")

        /// `"TRUE"` to `true`: `true` or `false` in any case where a boolean is expected.
        public static let stringToBoolean = Kind("string-to-boolean")

        /// `12345` to `"12345"`: a number or boolean where a string is expected.
        public static let scalarToString = Kind("scalar-to-string")

        /// A `null` for an optional property whose schema does not allow null: dropped.
        public static let droppedNull = Kind("dropped-null")

        /// A single value where an array is expected: wrapped in a one-element array.
        public static let wrappedInArray = Kind("wrapped-in-array")

        /// A string holding JSON where an array or object is expected: the value it encodes.
        public static let parsedJSONString = Kind("parsed-json-string")

        /// An enum or const string matching one allowed value ignoring case and surrounding
        /// whitespace: that value.
        public static let enumCase = Kind("enum-case")

        /// A missing property filled with its schema's `default` (only when asked).
        public static let filledDefault = Kind("filled-default")
        /// `{"City": …}` or `{"city_name": …}` where `city` or `cityName` is declared and
        /// missing: an undeclared property whose name differs from exactly one missing declared
        /// property only by case or separators (`_`, `-`, space), and whose value is valid
        /// there, takes the declared name.
        public static let renamedKey = Kind("renamed-key")

        /// `{"arguments": {…}}` (or `parameters`, `params`, `input`, `args`, `kwargs`, or
        /// the tool's name) whose object is valid as the arguments, where that key is not a
        /// parameter: the object (`repair` mode only).
        public static let unwrappedArguments = Kind("unwrapped-arguments")

        /// Reads the kebab-case name.
        public init(from decoder: any Decoder) throws {
            description = try decoder.singleValueContainer().decode(String.self)
        }

        /// Writes the kebab-case name.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    /// Where in the value the change was made.
    public var instancePath: JSONPointer
    /// Which rule made it.
    public var kind: Kind
    /// The value before, or nil for a filled default.
    public var from: JSONValue?
    /// The value after, or nil for a dropped null.
    public var to: JSONValue?
    /// One line that says what changed.
    public var message: String

    /// Creates a record.
    public init(instancePath: JSONPointer, kind: Kind, from: JSONValue?, to: JSONValue?, message: String) {
        self.instancePath = instancePath
        self.kind = kind
        self.from = from
        self.to = to
        self.message = message
    }

    /// The value in words, as messages print it.
    public var description: String {
        "\(instancePath == .root ? "(root)" : instancePath.description): \(message) [\(kind)]"
    }
}

struct Coercer {
    let validator: Validator
    let fillsDefaults: Bool
    var changes: [Coercion] = []

    init(validator: Validator, fillsDefaults: Bool) {
        self.validator = validator
        self.fillsDefaults = fillsDefaults
    }

    func valid(_ i: Int, _ value: JSONValue) -> Bool {
        var context = ValidationContext(collecting: false, assertsFormats: validator.options.assertsFormats)
        return validator.check(i, value, &context)
    }

    mutating func record(
        _ path: [String],
        _ kind: Coercion.Kind,
        _ from: JSONValue?,
        _ to: JSONValue?,
        _ message: String
    ) {
        changes.append(
            Coercion(instancePath: JSONPointer(tokens: path), kind: kind, from: from, to: to, message: message)
        )
    }

    /// `cityName` and `city_name` and `City-Name` alike: lowercase, without separators.
    static func folded(_ name: String) -> String {
        // ASCII names (nearly all) fold byte by byte, without a lowercased copy.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for b in name.utf8 where b != 0x5F && b != 0x2D && b != 0x20 {
                bytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// The renamed-key rule: an undeclared property whose folded name is that of exactly one
    /// missing declared property (and of no other undeclared one), with a value valid there,
    /// takes the declared name, in its place. Returns whether anything was renamed.
    mutating func renameKeys(_ node: SchemaNode, _ object: inout JSONObject, path: [String]) -> Bool {
        // Nothing to pair (the usual case) costs no allocation.
        guard !node.properties.isEmpty, Self.mayPair(node, object) else { return false }
        var missing: [String: [String]] = [:]  // folded name to missing declared names
        for (name, _) in node.properties where object[name] == nil {
            missing[Self.folded(name), default: []].append(name)
        }
        guard !missing.isEmpty else { return false }
        var undeclared: [String: [String]] = [:]  // folded name to undeclared names present
        for (name, _) in object
        where node.property(name) == nil && !node.patternProperties.contains(where: { $0.pattern.matches(name) }) {
            undeclared[Self.folded(name), default: []].append(name)
        }
        var renames: [String: String] = [:]
        for (folded, names) in undeclared {
            guard names.count == 1, let targets = missing[folded], targets.count == 1, let target = targets.first,
                let schema = node.property(target), let value = object[names[0]], valid(schema, value)
            else { continue }
            renames[names[0]] = target
        }
        guard !renames.isEmpty else { return false }
        var renamed = JSONObject()
        for (name, value) in object {
            if let target = renames[name] {
                renamed[target] = value
                record(
                    path + [target],
                    .renamedKey,
                    .string(name),
                    .string(target),
                    "renamed the property \"\(name)\" to \"\(target)\", the declared name it differs from only by case or separators"
                )
            } else {
                renamed[name] = value
            }
        }
        object = renamed
        return true
    }

    /// Whether some undeclared member's name, folded, is that of a missing declared
    /// property: a quick test, without a lookup per declared name or a folded copy of any
    /// name, before ``renameKeys(_:_:path:)`` pairs them.
    static func mayPair(_ node: SchemaNode, _ object: JSONObject) -> Bool {
        let properties = node.properties
        guard properties.count <= 64 else {
            return object.contains { node.property($0.key) == nil } && properties.contains { object[$0.name] == nil }
        }
        var present: UInt64 = 0
        var undeclared = 0
        for (name, _) in object {
            if let k = node.propertyPosition(name) { present |= 1 << UInt64(k) } else { undeclared += 1 }
        }
        let all: UInt64 = properties.count == 64 ? .max : (1 << UInt64(properties.count)) - 1
        guard undeclared > 0, present & all != all else { return false }
        // Bounded work: past it, the pairing itself decides.
        guard undeclared <= 64 else { return true }
        for (name, _) in object where node.propertyPosition(name) == nil {
            for k in properties.indices where present & (1 << UInt64(k)) == 0 {
                if foldedEqual(name, properties[k].name) { return true }
            }
        }
        return false
    }

    /// Whether `a` and `b` fold to the same name (``folded(_:)``), compared byte by byte for
    /// ASCII names.
    static func foldedEqual(_ a: String, _ b: String) -> Bool {
        var i = a.utf8.makeIterator()
        var j = b.utf8.makeIterator()
        while true {
            var x = i.next()
            while let c = x, c == 0x5F || c == 0x2D || c == 0x20 { x = i.next() }
            var y = j.next()
            while let c = y, c == 0x5F || c == 0x2D || c == 0x20 { y = j.next() }
            switch (x, y) {
            case (nil, nil): return true
            case (let p?, let q?):
                if p >= 0x80 || q >= 0x80 { return folded(a) == folded(b) }
                let lp = p >= 0x41 && p <= 0x5A ? p | 0x20 : p
                let lq = q >= 0x41 && q <= 0x5A ? q | 0x20 : q
                if lp != lq { return false }
            default:
                // One ended: a non-ASCII rest of the other could still fold to nothing only
                // if it were all separators, which were skipped.
                return false
            }
        }
    }

    /// Coerces `value` against node `i`, returning the (possibly) changed value.
    mutating func coerce(_ i: Int, _ value: JSONValue, path: [String]) -> JSONValue {
        let node = validator.nodes[i]
        if node.always != nil { return value }
        var value = value
        if let ref = node.ref { value = coerce(ref, value, path: path) }
        for sub in node.allOf { value = coerce(sub, value, path: path) }
        for branches in [node.anyOf, node.oneOf] where !branches.isEmpty {
            value = coerceUnion(branches, value, path: path)
        }
        value = coerceScalar(node, value, path: path)
        switch value {
        case .object(var object):
            var changed = renameKeys(node, &object, path: path)
            for (name, member) in object {
                guard let schema = memberSchema(node, name) else { continue }
                if skips(schema, member, depth: path.count) { continue }
                let childPath = path + [name]
                // Rule 4: null for an optional property that does not allow null is dropped.
                if member.isNull && !node.required.contains(name) && !valid(schema, .null) {
                    object.removeValue(forKey: name)
                    record(
                        childPath,
                        .droppedNull,
                        .null,
                        nil,
                        "dropped the optional property \"\(name)\", which was null; its schema does not allow null"
                    )
                    changed = true
                    continue
                }
                // Every change is recorded, so a member changed exactly when a record was
                // added: no deep comparison of the subtree at every level.
                let recorded = changes.count
                let coerced = coerce(schema, member, path: childPath)
                if changes.count != recorded {
                    object[name] = coerced
                    changed = true
                }
            }
            if fillsDefaults {
                for (name, p) in node.properties where object[name] == nil {
                    guard let d = validator.nodes[p].defaultValue else { continue }
                    object[name] = d
                    record(
                        path + [name],
                        .filledDefault,
                        nil,
                        d,
                        "filled the missing property \"\(name)\" with its default \(d.jsonString())"
                    )
                    changed = true
                }
            }
            return changed ? .object(object) : value
        case .array(var elements):
            var changed = false
            for (k, element) in elements.enumerated() {
                let schema = k < node.prefixItems.count ? node.prefixItems[k] : node.items
                guard let schema else { continue }
                if skips(schema, element, depth: path.count) { continue }
                let recorded = changes.count
                let coerced = coerce(schema, element, path: path + [String(k)])
                if changes.count != recorded {
                    elements[k] = coerced
                    changed = true
                }
            }
            return changed ? .array(elements) : value
        default:
            return value
        }
    }

    /// Members and items shallower than this are checked before they are coerced: one
    /// valid as it stands is left alone, since no rule applies where a value fits, and the
    /// coercer's walk (paths, records, the rules' tests) costs more than a quiet check.
    /// Deeper, every value is walked once: checking at every level would walk an invalid
    /// spine once per level.
    static let checkedDepth = 4

    /// Whether the member or item at `depth` is left as it is: valid, and no default is to
    /// be filled anywhere inside it.
    func skips(_ schema: Int, _ value: JSONValue, depth: Int) -> Bool {
        !fillsDefaults && depth < Self.checkedDepth && valid(schema, value)
    }

    func memberSchema(_ node: SchemaNode, _ name: String) -> Int? {
        if let p = node.property(name) { return p }
        for (pattern, p) in node.patternProperties where pattern.matches(name) { return p }
        if let a = node.additionalProperties, validator.nodes[a].always == nil { return a }
        return nil
    }

    /// anyOf/oneOf: leave a value some branch accepts; otherwise apply a coercion only when
    /// exactly one distinct coerced value is accepted by its branch.
    mutating func coerceUnion(_ branches: [Int], _ value: JSONValue, path: [String]) -> JSONValue {
        if branches.contains(where: { valid($0, value) }) { return value }
        var accepted: [(value: JSONValue, changes: [Coercion])] = []
        for b in branches {
            var sub = Coercer(validator: validator, fillsDefaults: fillsDefaults)
            let candidate = sub.coerce(b, value, path: path)
            if valid(b, candidate), !accepted.contains(where: { StringKeyed.identical($0.value, candidate) }) {
                accepted.append((candidate, sub.changes))
            }
        }
        guard accepted.count == 1 else { return value }  // none, or ambiguous
        changes += accepted[0].changes
        return accepted[0].value
    }

    /// Whether `value` already fits the node's type, enum and const.
    func fits(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        if node.nullable && value.isNull { return true }
        if let types = node.types, !types.admits(value) { return false }
        if let allowed = node.enumValues, !allowed.contains(value) { return false }
        if let constant = node.constValue, constant != value { return false }
        return true
    }

    mutating func coerceScalar(_ node: SchemaNode, _ value: JSONValue, path: [String]) -> JSONValue {
        guard !fits(node, value) else { return value }
        let types = node.types ?? []
        let wantsNumber = types.contains(.number) || types.contains(.integer)
        switch value {
        case .string(let s):
            let trimmed = Self.trim(s)
            // Rule 7: an enum/const string matching one allowed value ignoring case and spaces.
            let allowed = node.enumValues ?? node.constValue.map { [$0] }
            if let allowed {
                let matches = allowed.filter { $0.stringValue.map { $0.lowercased() == trimmed.lowercased() } ?? false }
                if matches.count == 1, let target = matches.first, fitsType(node, target) {
                    record(
                        path,
                        .enumCase,
                        value,
                        target,
                        "changed \(Describe.quoted(s)) to the allowed value \(target.jsonString())"
                    )
                    return target
                }
            }
            // Rule 1: a number literal where a number is expected.
            if wantsNumber, JSONNumber.isValidLiteral(trimmed), let n = JSONNumber(literal: trimmed),
                types.contains(.number) || n.isInteger
            {
                let target = JSONValue.number(n)
                if fitsType(node, target) {
                    record(
                        path,
                        .stringToNumber,
                        value,
                        target,
                        "converted the string \(Describe.quoted(s)) to the number \(n.literal)"
                    )
                    return target
                }
            }
            // Rule 2: true/false in any case where a boolean is expected.
            if types.contains(.boolean), ["true", "false"].contains(trimmed.lowercased()) {
                let target = JSONValue.bool(trimmed.lowercased() == "true")
                record(
                    path,
                    .stringToBoolean,
                    value,
                    target,
                    "converted the string \(Describe.quoted(s)) to \(target.jsonString())"
                )
                return target
            }
            // Rule 6: a string holding JSON where an array or object is expected.
            if types.contains(.array) || types.contains(.object), let first = trimmed.utf8.first,
                first == 0x5B || first == 0x7B,
                let parsed = try? JSONParser().parse(trimmed),
                (parsed.arrayValue != nil && types.contains(.array))
                    || (parsed.objectValue != nil && types.contains(.object))
            {
                record(
                    path,
                    .parsedJSONString,
                    value,
                    parsed,
                    "read the string as the JSON \(parsed.typeName) it holds"
                )
                return parsed
            }
        case .number(let n) where types.contains(.string) && !wantsNumber:
            // Rule 3: a number where a string is expected, as its JSON text.
            let target = JSONValue.string(n.literal)
            if fitsType(node, target) {
                record(
                    path,
                    .scalarToString,
                    value,
                    target,
                    "converted the number \(n.literal) to the string \(target.jsonString())"
                )
                return target
            }
        case .bool(let b) where types.contains(.string) && !types.contains(.boolean):
            let target = JSONValue.string(b ? "true" : "false")
            if fitsType(node, target) {
                record(path, .scalarToString, value, target, "converted \(b) to the string \(target.jsonString())")
                return target
            }
        default:
            break
        }
        // Rule 5: a single value where an array is expected, when it fits the items.
        if types.contains(.array), value.arrayValue == nil, !value.isNull {
            let itemSchema = node.prefixItems.first ?? node.items
            if itemSchema.map({ valid($0, value) }) ?? true {
                record(path, .wrappedInArray, value, [value], "wrapped the single value in an array")
                return [value]
            }
        }
        return value
    }

    /// Whether `value` fits type, enum and const (ignoring nullable).
    func fitsType(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        if let types = node.types, !types.admits(value) { return false }
        if let allowed = node.enumValues, !allowed.contains(value) { return false }
        if let constant = node.constValue, constant != value { return false }
        return true
    }

    static func trim(_ s: String) -> String {
        String(s.trimmingWhitespace)
    }
}

/// Identity for coercion bookkeeping: JSON equality treats `1` and `1.0` as equal, but a
/// change of literal or type still counts as a change here.
enum StringKeyed {
    static func identical(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x.literal == y.literal
        case (.string(let x), .string(let y)): x.utf8.elementsEqual(y.utf8)
        case (.array(let x), .array(let y)): x.count == y.count && zip(x, y).allSatisfy(identical)
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && identical($0.value, $1.value) }
        default: a == b
        }
    }
}
