import JSONCore

/// `check`'s parse and validation in one pass over the bytes.
///
/// Each value is checked against its subschema as it is read: a member's name is matched
/// against its object schema's names as bytes (which also finds a repeated name and decides
/// `required`), a name or an `enum` string the schema declares is taken from the schema rather
/// than made anew, an object's or array's bounds are decided by its count when it closes, and
/// a scalar is checked by the validator's walk as soon as it is read. A subschema whose
/// keywords need the whole value (composition, `enum` of objects, `uniqueItems`…) reads its
/// value first and then walks it. Once a value fails, the rest is only parsed.
///
/// The result is exactly the strict parser's value, and ``isValid`` is exactly what
/// `Validator.isValid` says of it. Anything else (a text that is not strict JSON, a repeated
/// name, more than ``maxUndeclared`` undeclared names in one object) throws, and the caller
/// takes the general path, which reads the text again and says what is wrong.
///
/// The state lives here; the reading is done by the `Validator`'s methods below, which borrow
/// the validator instead of holding a copy of it.
struct CheckingParser {
    var parser: StrictParser
    var context: ValidationContext
    /// Whether every value read so far is valid against its subschema.
    var isValid = true
    /// Whether an object that declares properties and says nothing of others held one it
    /// does not declare (or a value was walked whole, where this was not looked at): the
    /// undeclared-property policy must look at the value.
    var mayHaveUndeclared = false

    /// Undeclared names one object may have before the general path takes over: each is
    /// compared with the object's names so far.
    static let maxUndeclared = 32

    init(options: JSONParser.Options, assertsFormats: Bool) {
        self.parser = StrictParser(options: options)
        self.context = ValidationContext(collecting: false, assertsFormats: assertsFormats)
    }

    /// The general path's turn: the fast path does not say what is wrong.
    static var declined: RawParseError {
        RawParseError(code: .unexpectedCharacter, offset: 0, message: "left to the general path")
    }
}

/// After a member or an element: true past a comma (more follow), false past the closing
/// bracket; anything else is left to the general path.
@inline(__always)
private func moreFollow(_ s: Span<UInt8>, _ i: inout Int, closing: UInt8) throws(RawParseError) -> Bool {
    skipWhitespace(s, &i)
    guard i < s.count else { throw CheckingParser.declined }
    if s[i] == 0x2C {
        i += 1
        skipWhitespace(s, &i)
        return true
    }
    guard s[i] == closing else { throw CheckingParser.declined }
    i += 1
    return false
}

@inline(__always)
private func skipWhitespace(_ s: Span<UInt8>, _ i: inout Int) {
    while i < s.count {
        let b = s[i]
        guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
        i += 1
    }
}

extension Validator {

    /// Reads the whole text as node 0's value.
    ///
    /// - Throws: when the text is not strict JSON, or is left to the general path.
    func readChecking(_ s: Span<UInt8>, _ p: inout CheckingParser) throws(RawParseError) -> JSONValue {
        guard s.count <= p.parser.options.maxInputLength else { throw CheckingParser.declined }
        var i = 0
        skipWhitespace(s, &i)
        guard i < s.count else { throw CheckingParser.declined }
        let value = try readValue(s, &i, node: 0, &p)
        skipWhitespace(s, &i)
        guard i == s.count else { throw CheckingParser.declined }
        return value
    }

    private func readValue(
        _ s: Span<UInt8>,
        _ i: inout Int,
        node start: Int,
        _ p: inout CheckingParser
    ) throws(RawParseError) -> JSONValue {
        guard p.isValid, i < s.count else { return try p.parser.parseValue(s, &i) }
        var index = start
        var node = nodes[index]
        var hops = 0
        while case .reference(let target) = node.fusion, hops < 32 {
            index = target
            node = nodes[index]
            hops += 1
        }
        if case .boolean(let allowed) = node.fusion {
            if !allowed { p.isValid = false }
            return try p.parser.parseValue(s, &i)
        }
        let value: JSONValue
        switch s[i] {
        case 0x7B where node.fusion == .inline:
            return try readObject(s, &i, node, &p)
        case 0x5B where node.fusion == .inline:
            return try readArray(s, &i, node, &p)
        case 0x7B, 0x5B:
            value = try p.parser.parseValue(s, &i)
            if reachesOpenObjects[index] { p.mayHaveUndeclared = true }
        case 0x22:
            let (string, inEnum) = try readString(s, &i, node, &p)
            value = .string(string)
            if node.isPlainScalar {
                if !plainStringHolds(node, string, inEnum: inEnum, &p.context) { p.isValid = false }
                return value
            }
        default:
            value = try p.parser.parseValue(s, &i)
            if node.isPlainScalar {
                if !plainScalarHolds(node, value, &p.context) { p.isValid = false }
                return value
            }
        }
        if !check(index, value, &p.context) { p.isValid = false }
        return value
    }

    /// What the walk's `checkNode` decides for a string, for a node of type, string `enum`
    /// and string keywords only (``SchemaNode/isPlainScalar``), without its general steps.
    @inline(__always)
    private func plainStringHolds(
        _ node: SchemaNode,
        _ string: String,
        inEnum: Bool,
        _ c: inout ValidationContext
    ) -> Bool {
        if let types = node.types, !types.contains(.string) { return false }
        if node.stringEnum != nil && !inEnum && !node.enumAdmits(.string(string)) { return false }
        return checkString(node, string, &c)
    }

    /// What the walk's `checkNode` decides for a number, a Boolean or null, for a node of
    /// type, string `enum` and scalar keywords only.
    private func plainScalarHolds(_ node: SchemaNode, _ value: JSONValue, _ c: inout ValidationContext) -> Bool {
        // `nullable` (OpenAPI) lets null through whatever the type and enum say.
        if node.nullable, case .null = value { return true }
        // A string enum admits no other kind of value.
        if node.stringEnum != nil { return false }
        if let types = node.types, !types.admits(value) { return false }
        if case .number(let n) = value { return checkNumber(node, n, &c) }
        return true
    }

    /// A string, and whether it was found among the node's `enum` strings (whose own string
    /// it then is); false says only that it was not looked for there.
    private func readString(
        _ s: Span<UInt8>,
        _ i: inout Int,
        _ node: SchemaNode,
        _ p: inout CheckingParser
    ) throws(RawParseError) -> (String, inEnum: Bool) {
        if let table = node.stringEnum {
            let start = i + 1
            let (j, nonASCII) = StrictParser.scanPlain(s, from: start)
            if j < s.count, s[j] == 0x22, !nonASCII,
                let k = s.withUnsafeBufferPointer({ table.position(of: UnsafeBufferPointer(rebasing: $0[start..<j])) })
            {
                i = j + 1
                return (node.stringEnumValues[k], true)
            }
        }
        return (try p.parser.parseString(s, &i), false)
    }

    /// A member's name, and its position among the node's declared properties; a declared
    /// name is the schema's own string.
    private func readKey(
        _ s: Span<UInt8>,
        _ i: inout Int,
        _ node: SchemaNode,
        _ p: inout CheckingParser
    ) throws(RawParseError) -> (name: String, position: Int?) {
        let table = node.table
        if table.isLinear {
            let start = i + 1
            let (j, nonASCII) = StrictParser.scanPlain(s, from: start)
            if j < s.count, s[j] == 0x22, !nonASCII, j - start <= p.parser.options.maxStringLength {
                let k = s.withUnsafeBufferPointer { table.position(of: UnsafeBufferPointer(rebasing: $0[start..<j])) }
                i = j + 1
                if let k { return (node.properties[k].name, k) }
                return (p.parser.makeString(s, start, j), nil)
            }
        }
        let name = try p.parser.parseString(s, &i)
        return (name, node.propertyPosition(name))
    }

    private func readObject(
        _ s: Span<UInt8>,
        _ i: inout Int,
        _ node: SchemaNode,
        _ p: inout CheckingParser
    ) throws(RawParseError) -> JSONValue {
        if let types = node.types, !types.contains(.object) {
            p.isValid = false
            return try p.parser.parseValue(s, &i)
        }
        try p.parser.enter(i)
        defer { p.parser.depth -= 1 }
        i += 1
        skipWhitespace(s, &i)
        var members: [JSONObject.Member] = []
        let table = node.table
        var seen: UInt64 = 0  // declared properties read, by position (the first 64)
        var seenBeyond: [Bool] = []  // and the rest
        var requiredSeen: UInt64 = 0
        var undeclared = 0
        let additional = node.additionalProperties
        let open = additional == nil && !node.properties.isEmpty
        if i < s.count && s[i] == 0x7D {
            i += 1
        } else {
            members.reserveCapacity(8)
            while true {
                guard i < s.count, s[i] == 0x22 else { throw CheckingParser.declined }
                let (name, position) = try readKey(s, &i, node, &p)
                skipWhitespace(s, &i)
                guard i < s.count, s[i] == 0x3A else { throw CheckingParser.declined }
                i += 1
                skipWhitespace(s, &i)
                let member: JSONValue
                if let k = position {
                    if k < 64 {
                        let bit: UInt64 = 1 << UInt64(k)
                        guard seen & bit == 0 else { throw CheckingParser.declined }
                        seen |= bit
                    } else {
                        if seenBeyond.isEmpty { seenBeyond = Array(repeating: false, count: table.count - 64) }
                        guard !seenBeyond[k - 64] else { throw CheckingParser.declined }
                        seenBeyond[k - 64] = true
                    }
                    requiredSeen |= table.requiredBit(k)
                    member = try readValue(s, &i, node: node.properties[k].node, &p)
                } else {
                    undeclared += 1
                    guard undeclared <= CheckingParser.maxUndeclared else { throw CheckingParser.declined }
                    for m in members where StringKey.equal(m.key, name) { throw CheckingParser.declined }
                    if let additional {
                        member = try readValue(s, &i, node: additional, &p)
                    } else {
                        if open { p.mayHaveUndeclared = true }
                        member = try p.parser.parseValue(s, &i)
                    }
                }
                members.append(JSONObject.Member(key: name, value: member))
                guard try moreFollow(s, &i, closing: 0x7D) else { break }
            }
        }
        if p.isValid && !objectBoundsHold(node, members, requiredSeen: requiredSeen) { p.isValid = false }
        return .object(JSONObject(uniqueMembers: members))
    }

    /// `required`, `minProperties` and `maxProperties`, once the object is read.
    private func objectBoundsHold(_ node: SchemaNode, _ members: [JSONObject.Member], requiredSeen: UInt64) -> Bool {
        let table = node.table
        if table.coversRequired {
            if requiredSeen & table.requiredMask != table.requiredMask { return false }
        } else {
            for name in node.required where !members.contains(where: { StringKey.equal($0.key, name) }) {
                return false
            }
        }
        if let min = node.minProperties, members.count < min { return false }
        if let max = node.maxProperties, members.count > max { return false }
        return true
    }

    private func readArray(
        _ s: Span<UInt8>,
        _ i: inout Int,
        _ node: SchemaNode,
        _ p: inout CheckingParser
    ) throws(RawParseError) -> JSONValue {
        if let types = node.types, !types.contains(.array) {
            p.isValid = false
            return try p.parser.parseValue(s, &i)
        }
        try p.parser.enter(i)
        defer { p.parser.depth -= 1 }
        i += 1
        skipWhitespace(s, &i)
        var elements: [JSONValue] = []
        if i < s.count && s[i] == 0x5D {
            i += 1
        } else {
            elements.reserveCapacity(4)
            let prefix = node.prefixItems
            let items = node.items
            while true {
                let k = elements.count
                if let schema = k < prefix.count ? prefix[k] : items {
                    elements.append(try readValue(s, &i, node: schema, &p))
                } else {
                    elements.append(try p.parser.parseValue(s, &i))
                }
                guard try moreFollow(s, &i, closing: 0x5D) else { break }
            }
        }
        if p.isValid {
            if let min = node.minItems, elements.count < min { p.isValid = false }
            if let max = node.maxItems, elements.count > max { p.isValid = false }
        }
        return .array(elements)
    }
}
