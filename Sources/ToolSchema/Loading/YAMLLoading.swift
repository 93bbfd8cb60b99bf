internal import CYAML
internal import JSONCore

/// Limits for YAML loading. Exceeding one is an ordinary ``LoadError``.
public struct YAMLLimits: Sendable, Hashable {
    /// The most values one document may hold once aliases are expanded. Default 100,000:
    /// a "billion laughs" document stops here, fast and with little memory.
    public var maxValues: Int = 100_000
    /// The deepest nesting of mappings and sequences. Default 512.
    public var maxDepth: Int = 512
    /// The most characters a number may have, as written and as its decimal JSON literal
    /// (`0x…` grows by a fifth). Default 1,000, the JSON parser's limit
    /// (`JSONParser.Options.maxNumberLength`), so that whatever loads from YAML a JSON reader
    /// can read back.
    public var maxNumberLength: Int = 1_000

    /// The defaults.
    public init() {}
}

extension LoadedDocument {
    /// Loads every document of a YAML stream (documents separated by `---`).
    ///
    /// Plain scalars resolve by the YAML 1.2 core schema: null (`~`, `null`, `Null`, `NULL`,
    /// empty), booleans only `true`/`false` in three casings, integers (decimal, `0o`, `0x`),
    /// floats; everything else, `yes`, `no`, `on`, `off` and `NO` included, is a string.
    /// Quoted and block scalars are strings. The tags `!!str`, `!!int`, `!!float`, `!!bool`,
    /// `!!null`, `!!map` and `!!seq` are honoured; other tags are errors. Anchors, aliases and
    /// merge keys (`<<`) work, bounded by ``YAMLLimits``. Duplicate keys, non-scalar keys,
    /// `.inf` and `.nan` (which JSON cannot hold), and text that is not UTF-8 are errors.
    ///
    /// - Throws: ``LoadError`` with the line and column (libyaml's own errors keep its position).
    public static func loadYAML(
        _ source: SourceText,
        limits: YAMLLimits = YAMLLimits()
    ) throws(LoadError)
        -> [LoadedDocument]
    {
        if let bad = UTF8Validation.firstInvalid(source.bytes.span, from: 0, to: source.bytes.count) {
            throw LoadError(
                code: .invalidUTF8,
                file: source.file,
                position: source.position(ofOffset: bad),
                message: UTF8Validation.problem(source.bytes.span, at: bad, end: source.bytes.count)
                    + "; YAML files must be UTF-8 text",
                source: source
            )
        }
        var composer = YAMLComposer(source: source, limits: limits)
        let roots = try composer.compose()
        var documents: [LoadedDocument] = []
        for root in roots {
            var converter = YAMLConverter(source: source, limits: limits)
            documents.append(try converter.document(root))
        }
        return documents
    }
}

// MARK: - Composing events into nodes

/// A YAML node as libyaml reports it; aliases point at the anchored node.
final class YAMLNode {
    enum Kind { case scalar, sequence, mapping, alias }
    let kind: Kind
    let line: Int
    let column: Int
    var text = ""
    var plain = false
    var tag: String?
    var items: [YAMLNode] = []  // sequence items, or mapping values
    var keys: [YAMLNode] = []  // mapping keys
    var target: YAMLNode?
    var open = true

    init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }
}

struct YAMLComposer {
    let source: SourceText
    let limits: YAMLLimits

    func error(_ code: LoadError.Code, _ message: String, line: Int, column: Int) -> LoadError {
        LoadError(
            code: code,
            file: source.file,
            position: source.position(line: line, column: column),
            message: message,
            source: source
        )
    }

    /// Reads the stream; returns each document's root (nil for an empty document).
    mutating func compose() throws(LoadError) -> [YAMLNode?] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw LoadError(
                code: .resources,
                file: source.file,
                position: nil,
                message: "libyaml could not start (out of memory)"
            )
        }
        defer { yaml_parser_delete(parser) }
        // libyaml keeps a pointer to the input: the bytes must outlive the parser, which they
        // do inside this closure. An empty file still needs a valid address.
        let input = source.bytes.isEmpty ? [0] : source.bytes
        let count = source.bytes.count
        let result = input.withUnsafeBufferPointer { buffer -> Result<[YAMLNode?], LoadError> in
            yaml_parser_set_input_string(parser, buffer.baseAddress, count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            do throws(LoadError) {
                return .success(try readEvents(parser))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    func libyamlError(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> LoadError {
        let p = parser.pointee
        var message = p.problem.map { String(cString: $0) } ?? "the YAML could not be read"
        if let context = p.context { message += " (\(String(cString: context)))" }
        // libyaml marks are 0-based; add 1 here, once.
        let line = Int(p.problem_mark.line) + 1
        let column = Int(p.problem_mark.column) + 1
        return error(.syntax, message, line: line, column: column)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    private mutating func readEvents(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws(LoadError) -> [YAMLNode?] {
        var documents: [YAMLNode?] = []
        var stack: [YAMLNode] = []
        var anchors: [String: YAMLNode] = [:]
        var root: YAMLNode? = nil
        var event = yaml_event_t()

        func attach(_ node: YAMLNode) {
            if let top = stack.last {
                if top.kind == .sequence {
                    top.items.append(node)
                } else if top.keys.count == top.items.count {
                    top.keys.append(node)
                } else {
                    top.items.append(node)
                }
            } else {
                root = node
            }
        }

        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { throw libyamlError(parser) }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return documents
            case YAML_DOCUMENT_START_EVENT:
                root = nil
                anchors = [:]
            case YAML_DOCUMENT_END_EVENT:
                documents.append(root)
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let node = YAMLNode(kind: .scalar, line: line, column: column)
                if let value = data.value {
                    node.text = String(
                        decoding: UnsafeBufferPointer(start: value, count: Int(data.length)),
                        as: UTF8.self
                    )
                }
                node.tag = string(data.tag)
                node.plain = data.style == YAML_PLAIN_SCALAR_STYLE
                node.open = false
                if let anchor = string(data.anchor) { anchors[anchor] = node }
                attach(node)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let node = YAMLNode(kind: isSequence ? .sequence : .mapping, line: line, column: column)
                let anchor =
                    isSequence ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
                node.tag = isSequence ? string(event.data.sequence_start.tag) : string(event.data.mapping_start.tag)
                if let anchor { anchors[anchor] = node }
                attach(node)
                stack.append(node)
                if stack.count > limits.maxDepth {
                    throw error(
                        .limit,
                        "mappings and sequences are nested more than \(limits.maxDepth) levels deep",
                        line: line,
                        column: column
                    )
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                stack.removeLast().open = false
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    throw error(
                        .alias,
                        "the alias *\(name) names no anchor defined before it",
                        line: line,
                        column: column
                    )
                }
                if target.open {
                    throw error(
                        .alias,
                        "the alias *\(name) refers to a node that contains it; recursive aliases cannot become JSON",
                        line: line,
                        column: column
                    )
                }
                let node = YAMLNode(kind: .alias, line: line, column: column)
                node.target = target
                attach(node)
            default:
                break  // stream start
            }
        }
    }
}

// MARK: - Converting nodes to JSON values

struct YAMLConverter {
    let source: SourceText
    let limits: YAMLLimits
    var budget: Int
    var locations: [JSONPointer: NodeLocation] = [:]
    var path: [String] = []

    init(source: SourceText, limits: YAMLLimits) {
        self.source = source
        self.limits = limits
        self.budget = limits.maxValues
    }

    func position(_ node: YAMLNode) -> SourcePosition {
        source.position(line: node.line, column: node.column)
    }

    func error(
        _ code: LoadError.Code,
        _ message: String,
        at node: YAMLNode,
        related: YAMLNode? = nil
    ) -> LoadError {
        LoadError(
            code: code,
            file: source.file,
            position: position(node),
            message: message,
            relatedPosition: related.map(position),
            source: source
        )
    }

    mutating func document(_ root: YAMLNode?) throws(LoadError) -> LoadedDocument {
        guard let root else {
            return LoadedDocument(
                source: source,
                value: .null,
                locations: [.root: NodeLocation(value: position(line: 1))]
            )
        }
        let value = try convert(root, writtenAt: root, key: nil)
        return LoadedDocument(source: source, value: value, locations: locations)
    }

    func position(line: Int) -> SourcePosition { source.position(line: line, column: 1) }

    static let core = "tag:yaml.org,2002:"

    /// Converts `node` at the current path. `writtenAt` is the node whose position stands for
    /// this value: an alias's own place for the alias, the anchored nodes below it.
    mutating func convert(_ node: YAMLNode, writtenAt: YAMLNode, key: YAMLNode?) throws(LoadError) -> JSONValue {
        budget -= 1
        if budget < 0 {
            throw error(
                .limit,
                "the document holds more than \(limits.maxValues) values once aliases are expanded; "
                    + "an alias bomb, or a document too large to be a tool spec",
                at: writtenAt
            )
        }
        locations[JSONPointer(tokens: path)] = NodeLocation(value: position(writtenAt), key: key.map(position))
        switch node.kind {
        case .alias:
            // Aliases are never recursive (checked while composing), so this ends.
            guard let target = node.target else {
                throw error(.alias, "the alias refers to no node", at: writtenAt)
            }
            return try convertTarget(target, writtenAt: writtenAt, key: key)
        case .scalar:
            return try scalar(node)
        case .sequence:
            if let tag = node.tag, tag != Self.core + "seq" {
                throw error(.notJSON, "unknown tag \(tag) on a sequence; only !!seq is allowed here", at: node)
            }
            var elements: [JSONValue] = []
            elements.reserveCapacity(node.items.count)
            for (index, item) in node.items.enumerated() {
                path.append(String(index))
                elements.append(try convert(item, writtenAt: item, key: nil))
                path.removeLast()
            }
            return .array(elements)
        case .mapping:
            if let tag = node.tag, tag != Self.core + "map" {
                throw error(.notJSON, "unknown tag \(tag) on a mapping; only !!map is allowed here", at: node)
            }
            return try mapping(node)
        }
    }

    /// An alias's target, with its descendants located where they were written.
    mutating func convertTarget(_ target: YAMLNode, writtenAt: YAMLNode, key: YAMLNode?) throws(LoadError) -> JSONValue
    {
        budget += 1  // the alias itself was counted already
        let value = try convert(target, writtenAt: target, key: key)
        locations[JSONPointer(tokens: path)] = NodeLocation(value: position(writtenAt), key: key.map(position))
        return value
    }

    func resolved(_ node: YAMLNode) -> YAMLNode {
        var n = node
        while n.kind == .alias, let t = n.target { n = t }
        return n
    }

    func isMergeKey(_ key: YAMLNode) -> Bool {
        let k = resolved(key)
        return k.kind == .scalar && k.text == "<<" && (k.tag == nil && k.plain || k.tag == Self.core + "merge")
    }

    mutating func mapping(_ node: YAMLNode) throws(LoadError) -> JSONValue {
        // Keys written in this mapping, checked for duplicates.
        var explicit: [String: YAMLNode] = [:]
        var keyTexts: [String?] = []
        for key in node.keys {
            if isMergeKey(key) {
                keyTexts.append(nil)
                continue
            }
            let k = resolved(key)
            guard k.kind == .scalar else {
                throw error(.notJSON, "a mapping key must be a scalar; JSON object keys are strings", at: key)
            }
            if let first = explicit[k.text] {
                throw error(
                    .duplicateKey,
                    "duplicate key \"\(k.text)\" in a mapping; each key may appear once",
                    at: key,
                    related: first
                )
            }
            explicit[k.text] = key
            keyTexts.append(k.text)
        }
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(node.keys.count)
        var present = Set(explicit.keys)
        for (index, key) in node.keys.enumerated() {
            let valueNode = node.items[index]
            if let text = keyTexts[index] {
                path.append(text)
                members.append((text, try convert(valueNode, writtenAt: valueNode, key: key)))
                path.removeLast()
                continue
            }
            // A merge key: mappings merged in order; explicit keys and earlier sources win.
            let target = resolved(valueNode)
            let sources: [YAMLNode]
            switch target.kind {
            case .mapping: sources = [valueNode]
            case .sequence: sources = target.items
            default:
                throw error(.notJSON, "the merge key << takes a mapping or a sequence of mappings", at: valueNode)
            }
            for source in sources {
                guard resolved(source).kind == .mapping else {
                    throw error(.notJSON, "the merge key << takes a mapping or a sequence of mappings", at: source)
                }
                let saved = locations[JSONPointer(tokens: path)]
                let merged = try convert(source, writtenAt: source, key: nil)
                locations[JSONPointer(tokens: path)] = saved
                for (k, v) in merged.objectValue ?? JSONObject() where !present.contains(k) {
                    present.insert(k)
                    members.append((k, v))
                }
            }
        }
        return .object(JSONObject(members))
    }

    func scalar(_ node: YAMLNode) throws(LoadError) -> JSONValue {
        let text = node.text
        let value = try resolvedScalar(node)
        // Checked after reading: a number's text is at most the limit here (longer ones are
        // refused before their digits are converted), its decimal literal a fifth longer.
        if case .number(let number) = value, number.description.utf8.count > limits.maxNumberLength {
            throw tooLong(text, at: node)
        }
        return value
    }

    func tooLong(_ text: String, at node: YAMLNode) -> LoadError {
        error(
            .limit,
            "the number has \(text.utf8.count) characters (\(text.prefix(12))…), more than the limit of "
                + "\(limits.maxNumberLength); quote it to keep it as text",
            at: node
        )
    }

    func resolvedScalar(_ node: YAMLNode) throws(LoadError) -> JSONValue {
        let text = node.text
        let numeric = node.tag == nil ? node.plain : (node.tag == Self.core + "int" || node.tag == Self.core + "float")
        if numeric && text.utf8.count > limits.maxNumberLength && YAMLScalars.isNumber(text) {
            throw tooLong(text, at: node)
        }
        guard let tag = node.tag, tag != "!" else {
            // Untagged: plain scalars resolve by the core schema, the rest are strings.
            if node.plain && node.tag == nil {
                return try YAMLScalars.resolve(text) { m in error(.notJSON, m, at: node) }
            }
            return .string(text)
        }
        guard tag.hasPrefix(Self.core) else {
            throw error(
                .notJSON,
                "unknown tag \(tag); only the core tags (!!str, !!int, !!float, !!bool, !!null) are allowed",
                at: node
            )
        }
        let name = tag.dropFirst(Self.core.count)
        switch name {
        case "str":
            return .string(text)
        case "null":
            guard ["", "~", "null", "Null", "NULL"].contains(text) else {
                throw error(.notJSON, "\"\(text)\" is not a null; !!null takes ~, null or nothing", at: node)
            }
            return .null
        case "bool":
            guard let value = YAMLScalars.bool(text) else {
                throw error(.notJSON, "\"\(text)\" is not a boolean; !!bool takes true or false", at: node)
            }
            return .bool(value)
        case "int":
            guard let number = YAMLScalars.integer(text) else {
                throw error(.notJSON, "\"\(text)\" is not an integer; !!int takes 42, -7, 0o17 or 0x1F", at: node)
            }
            return .number(number)
        case "float":
            if let number = YAMLScalars.integer(text) ?? YAMLScalars.float(text) { return .number(number) }
            if YAMLScalars.isSpecialFloat(text) {
                throw error(.notJSON, "\(text) cannot be represented in JSON, which has no infinity or NaN", at: node)
            }
            throw error(.notJSON, "\"\(text)\" is not a number; !!float takes 1.5, -2e3 or 7", at: node)
        default:
            throw error(
                .notJSON,
                "unknown tag !!\(name); only !!str, !!int, !!float, !!bool and !!null are allowed on scalars",
                at: node
            )
        }
    }
}

/// The YAML 1.2 core schema for plain scalars, producing exact JSON values.
enum YAMLScalars {
    static func resolve(_ text: String, error: (String) -> LoadError) throws(LoadError) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if let b = bool(text) { return .bool(b) }
        if let n = integer(text) ?? float(text) { return .number(n) }
        if isSpecialFloat(text) {
            throw error(
                "\(text) cannot be represented in JSON, which has no infinity or NaN; quote it to keep it as text"
            )
        }
        return .string(text)
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    static func isSpecialFloat(_ text: String) -> Bool {
        var t = Substring(text)
        if t.first == "+" || t.first == "-" { t = t.dropFirst() }
        return [".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"].contains(String(t))
    }

    private static func isDigits(_ s: Substring, _ allowed: (UInt8) -> Bool) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy(allowed)
    }

    /// Whether `text` is an integer or a float by the core schema, checked in linear time
    /// (reading a long `0x…` as decimal is not).
    static func isNumber(_ text: String) -> Bool {
        let t = Substring(text)
        if t.hasPrefix("0o") { return isDigits(t.dropFirst(2), { $0 >= 0x30 && $0 <= 0x37 }) }
        if t.hasPrefix("0x") { return isDigits(t.dropFirst(2), { isHex($0) }) }
        return integer(text) != nil || float(text) != nil
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`, as an exact decimal literal.
    static func integer(_ text: String) -> JSONNumber? {
        let t = Substring(text)
        if t.hasPrefix("0o"), isDigits(t.dropFirst(2), { $0 >= 0x30 && $0 <= 0x37 }) {
            return JSONNumber(uncheckedLiteral: toDecimal(t.dropFirst(2), radix: 8))
        }
        if t.hasPrefix("0x"), isDigits(t.dropFirst(2), { isHex($0) }) {
            return JSONNumber(uncheckedLiteral: toDecimal(t.dropFirst(2), radix: 16))
        }
        var negative = false
        var digits = t
        if digits.first == "+" || digits.first == "-" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        guard isDigits(digits, { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let stripped = digits.drop { $0 == "0" }
        return JSONNumber(uncheckedLiteral: (negative ? "-" : "") + (stripped.isEmpty ? "0" : String(stripped)))
    }

    static func isHex(_ b: UInt8) -> Bool {
        b >= 0x30 && b <= 0x39 || b >= 0x41 && b <= 0x46 || b >= 0x61 && b <= 0x66
    }

    /// Converts digits in `radix` to a decimal literal of any length.
    static func toDecimal(_ digits: Substring, radix: Int) -> String {
        var decimal: [UInt8] = [0]  // little-endian base-10 digits
        for b in digits.utf8 {
            let d = Int(b <= 0x39 ? b - 0x30 : (b | 0x20) - 0x61 + 10)
            var carry = d
            for k in decimal.indices {
                let v = Int(decimal[k]) * radix + carry
                decimal[k] = UInt8(v % 10)
                carry = v / 10
            }
            while carry > 0 {
                decimal.append(UInt8(carry % 10))
                carry /= 10
            }
        }
        while decimal.count > 1 && decimal.last == 0 { decimal.removeLast() }
        return String(decoding: decimal.reversed().map { $0 + 0x30 }, as: UTF8.self)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, as an equal JSON literal
    /// (`1.` becomes `1`, `.5` becomes `0.5`, `+2` becomes `2`).
    static func float(_ text: String) -> JSONNumber? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let first = bytes.first, first == 0x2B || first == 0x2D {
            negative = first == 0x2D
            bytes = bytes.dropFirst()
        }
        let intPart = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
        bytes = bytes.dropFirst(intPart.count)
        var fracPart: ArraySlice<UInt8> = []
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            fracPart = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
            bytes = bytes.dropFirst(fracPart.count)
        }
        guard !intPart.isEmpty || !fracPart.isEmpty else { return nil }
        var exponent: ArraySlice<UInt8> = []
        if let e = bytes.first, e == 0x65 || e == 0x45 {
            var rest = bytes.dropFirst()
            var sign: [UInt8] = []
            if let s = rest.first, s == 0x2B || s == 0x2D {
                sign = [s]
                rest = rest.dropFirst()
            }
            let digits = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard !digits.isEmpty else { return nil }
            exponent = [0x65] + sign + digits
            bytes = rest.dropFirst(digits.count)
        }
        guard bytes.isEmpty else { return nil }
        let strippedInt = intPart.drop { $0 == 0x30 }
        var literal: [UInt8] = negative ? [0x2D] : []
        literal += strippedInt.isEmpty ? [0x30] : Array(strippedInt)
        if !fracPart.isEmpty { literal += [0x2E] + fracPart }
        literal += exponent
        return JSONNumber(uncheckedLiteral: String(decoding: literal, as: UTF8.self))
    }
}
