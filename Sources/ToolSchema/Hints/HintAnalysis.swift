import JSONCore

struct HintAnalysis {
    let tool: String?
    let validator: Validator
    var items: [HintItem] = []
    var corrected: JSONValue? = nil

    init(tool: String?, validator: Validator) {
        self.tool = tool
        self.validator = validator
    }

    static func describe(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): Describe.quoted(s)
        case .array, .object:
            v.jsonString().count > 60 ? String(v.jsonString().prefix(60)) + "…" : v.jsonString()
        default: v.jsonString()
        }
    }

    static func words(_ types: [String]) -> String {
        let names = types.map { t in
            switch t {
            case "integer": "an integer"
            case "array", "object": "an \(t)"
            case "null": "null"
            default: "a \(t)"
            }
        }
        if names.isEmpty { return "a value" }
        guard let last = names.last, names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }

    func placeholder(_ facts: SchemaFacts?) -> JSONValue {
        var text = "<" + (facts.map { Self.words($0.types) } ?? "a value")
        if let values = facts?.enumValues {
            text += ": one of " + values.map { $0.jsonString() }.joined(separator: ", ")
        }
        return .string(text + ">")
    }

    func label(_ path: JSONPointer) -> String {
        path == .root ? "the arguments" : "`\(path.tokens.last ?? "")`" + (path.tokens.count > 1 ? " (\(path))" : "")
    }

    mutating func analyse(_ check: ArgumentCheck) {
        // A valid call needs no hint, even when its shape looks like a slip (a lone member
        // holding an object is a wrapper only when the check unwrapped it).
        guard !check.isValid else { return }
        if let parse = check.parseError {
            let kind: HintItem.Kind
            let cause: String
            switch parse.code {
            case .mergedValues:
                kind = .mergedCalls
                cause = "several calls were merged into one text; send one JSON object per call"
            case .unexpectedEnd:
                kind = .truncated
                cause = "your arguments were cut off; send the complete call"
            case .emptyInput:
                kind = .unreadable
                cause = "no arguments arrived; send a JSON object"
            default:
                kind = .unreadable
                let startsLikeJSON = parse.excerpt.line.trimmingWhitespace.first.map { "{[\"".contains($0) } ?? false
                cause =
                    startsLikeJSON
                    ? "the text is not valid JSON" : "the text is not JSON at all; send only a JSON object"
            }
            let line = parse.excerpt.line
            let excerpt = line.count > 60 ? String(line.prefix(60)) + "…" : line
            items.append(
                HintItem(
                    kind: kind,
                    instancePath: .root,
                    name: nil,
                    received: nil,
                    expected: "one JSON object",
                    fix: nil,
                    line:
                        "\(cause) (line \(parse.position.line), column \(parse.position.column): \(parse.message); near `\(excerpt)`)."
                )
            )
            return
        }
        guard var value = check.arguments else { return }
        if check.isTruncated {
            items.append(
                HintItem(
                    kind: .truncated,
                    instancePath: .root,
                    name: nil,
                    received: nil,
                    expected: "the complete call",
                    fix: nil,
                    line: "your arguments were cut off; send the complete call."
                )
            )
        }
        if structuralFix(check, &value) {
            corrected = value
            return
        }
        // Wrapped, and wrong inside as well: one undeclared member holding an object of
        // declared parameters only. Say so once, then hint the object inside as the arguments
        // (as the model sent it: strict), keeping the values the model gave.
        if case .object(let root) = value, root.count == 1, let (key, inner) = root.first,
            case .object(let members) = inner, !members.isEmpty,
            let declared = validator.facts(at: .root)?.propertyNames, !declared.contains(key),
            members.allSatisfy({ declared.contains($0.key) })
        {
            items.append(
                HintItem(
                    kind: .wrongName,
                    instancePath: [key],
                    name: key,
                    received: inner,
                    expected: "the parameters at the top level",
                    fix: .replace(with: inner),
                    line: "the arguments are wrapped in `\(key)`; send the object inside it as the arguments."
                )
            )
            analyse(validator.check(value: inner, mode: .strict))
            return
        }
        var missing: [(object: JSONPointer, name: String)] = []
        var unknown: [(object: JSONPointer, name: String)] = []
        var others: [SchemaViolation] = []
        for e in check.errors {
            switch e.keyword {
            case "required":
                if let name = e.details.properties?.first { missing.append((e.instancePath, name)) }
            case "additionalProperties", "unevaluatedProperties":
                if let name = e.details.properties?.first, let parent = e.instancePath.parent {
                    unknown.append((parent, name))
                }
            default:
                others.append(e)
            }
        }
        // An object that lacks a required property may hold it under another name even where
        // the schema allows undeclared names: those take part in the pairing too, and are left
        // alone when nothing pairs them.
        var allowedExtras: Set<JSONPointer> = []
        for object in Set(missing.map(\.object)) {
            guard case .object(let members)? = object.resolve(in: value),
                let declared = validator.facts(at: object)?.propertyNames
            else { continue }
            for (name, _) in members
            where !declared.contains(name) && !unknown.contains(where: { $0 == (object, name) }) {
                unknown.append((object, name))
                allowedExtras.insert(object.appending(name))
            }
        }
        // Missing properties next to unknown ones: pair them, by name and by value, over the
        // whole object at once (see PropertyPairing).
        var renamed: Set<String> = []
        var objects: [JSONPointer] = []
        for u in unknown where !objects.contains(u.object) { objects.append(u.object) }
        for object in objects {
            guard case .object(let members)? = object.resolve(in: value) else { continue }
            let written = unknown.filter { $0.object == object }.compactMap { u in members[u.name].map { (u.name, $0) }
            }
            let required = missing.filter { $0.object == object }.map(\.name)
            let optional = (validator.facts(at: object)?.propertyNames ?? []).filter {
                members[$0] == nil && !required.contains($0)
            }
            let candidates = required.map { ($0, true) } + optional.map { ($0, false) }
            let validator = self.validator
            let analysis = self
            let outcome = PropertyPairing.pair(written: written, candidates: candidates) { received, name in
                let path = object.appending(name)
                guard let errors = validator.validate(received, atInstancePath: path) else { return .unknown }
                if errors.isEmpty { return .asIs }
                let facts = validator.facts(at: path)
                let converted = facts.flatMap { analysis.convert(received, to: $0.types, facts: $0, at: path) }
                // `"张伟, 李娜"` for a list of names is two names, not one: a conversion other
                // than wrapping wins.
                if facts?.types.contains("array") == true, converted == nil || converted == [received],
                    validator.validate([received], atInstancePath: path)?.isEmpty == true
                {
                    return .wrapped
                }
                return converted == nil ? .no : .converted
            }
            for pair in outcome.renames {
                renamed.insert(pair.declared)
                renamed.insert("\u{0}" + pair.written)
                let path = object.appending(pair.written)
                let received = members[pair.written]
                var fix: HintItem.Fix? = .rename(from: pair.written, to: pair.declared)
                var line = "`\(pair.written)` is not a parameter; did you mean `\(pair.declared)`? Rename it."
                if pair.relation == .valueOnly {
                    line =
                        "`\(pair.written)` is not a parameter, and `\(pair.declared)` is missing; its value fits `\(pair.declared)`: rename it."
                }
                var newValue = received
                if pair.fit == .wrapped, let received {
                    newValue = [received]
                    fix = .renameAndReplace(from: pair.written, to: pair.declared, with: [received])
                    line =
                        "`\(pair.written)` is not a parameter; did you mean `\(pair.declared)`? Rename it and send the value as an array: \(JSONValue.array([received]).jsonString())."
                } else if pair.fit == .converted, let received,
                    case let declaredPath = object.appending(pair.declared),
                    case let facts = validator.facts(at: declaredPath),
                    let converted = convert(received, to: facts?.types ?? [], facts: facts, at: declaredPath)
                {
                    // The name and a conversion both: say both (`"count": "2"` for `passengers`).
                    newValue = converted
                    fix = .renameAndReplace(from: pair.written, to: pair.declared, with: converted)
                    line =
                        "`\(pair.written)` is not a parameter; did you mean `\(pair.declared)`? Rename it and send \(converted.jsonString())."
                } else if pair.fit == .no, let received {
                    // The name is certain, the value is not: renaming alone would not give a
                    // valid call, so the model must also choose the value.
                    let declaredPath = object.appending(pair.declared)
                    let facts = validator.facts(at: declaredPath)
                    // What the value must be, in the words of the value items (from the
                    // violation's keyword and details, never its message).
                    let why = validator.validate(received, atInstancePath: declaredPath)?.first.map {
                        var violation = $0
                        violation.instancePath = declaredPath
                        let expected = valueItem(violation, received: received).expected
                        return "expected \(expected) but got \(Self.describe(received))"
                    }
                    fix = nil
                    newValue = placeholder(facts)
                    line =
                        "`\(pair.written)` is not a parameter; did you mean `\(pair.declared)`? Rename it, and change its value"
                        + (why.map { ": \($0)." } ?? " to one that fits.")
                }
                items.append(
                    HintItem(
                        kind: .wrongName,
                        instancePath: path,
                        name: pair.written,
                        received: received,
                        expected: "the parameter `\(pair.declared)`",
                        fix: fix,
                        line: line
                    )
                )
                if case .object(let o)? = object.resolve(in: value) {
                    // Rename in place, keeping the member order the model wrote.
                    let renamedObject = JSONObject(
                        o.map { $0.key == pair.written ? (pair.declared, newValue ?? $0.value) : ($0.key, $0.value) }
                    )
                    value = value.replacing(at: object, with: .object(renamedObject))
                }
            }
            for choice in outcome.choices {
                renamed.insert("\u{0}" + choice.written)
                let path = object.appending(choice.written)
                let options = choice.candidates.map { "`\($0)`" }
                let spelled = options.dropLast().joined(separator: ", ") + " or " + (options.last ?? "")
                items.append(
                    HintItem(
                        kind: .wrongName,
                        instancePath: path,
                        name: choice.written,
                        received: members[choice.written],
                        expected: "one of the parameters " + spelled,
                        fix: nil,
                        line:
                            "`\(choice.written)` is not a parameter; did you mean \(spelled)? Rename it to the one you meant."
                    )
                )
                if case .object(var o)? = object.resolve(in: value) {
                    o.removeValue(forKey: choice.written)
                    value = value.replacing(at: object, with: .object(o))
                }
            }
        }
        for m in missing where !renamed.contains(m.name) {
            let path = m.object.appending(m.name)
            let facts = validator.facts(at: path)
            var line = "\(label(path)) is missing: expected \(Self.words(facts?.types ?? []))"
            if let values = facts?.enumValues {
                line += ", one of " + values.map { $0.jsonString() }.joined(separator: ", ")
            }
            if let d = facts?.description { line += " (\(d))" }
            items.append(
                HintItem(
                    kind: .missingRequired,
                    instancePath: path,
                    name: m.name,
                    received: nil,
                    expected: Self.words(facts?.types ?? []),
                    fix: nil,
                    line: line + "."
                )
            )
            if case .object(var o)? = m.object.resolve(in: value) {
                o[m.name] = placeholder(facts)
                value = value.replacing(at: m.object, with: .object(o))
            }
        }
        // Each object's list of parameters is said once, after the last name it does not have.
        var lastUnknownItem: [JSONPointer: Int] = [:]
        for u in unknown where !renamed.contains("\u{0}" + u.name) {
            let path = u.object.appending(u.name)
            if allowedExtras.contains(path) { continue }
            let allowed = validator.facts(at: u.object)?.propertyNames ?? []
            let suggestion =
                TextMatching.closest(to: u.name, in: allowed).map { " (did you mean `\($0)`?)" } ?? ""
            lastUnknownItem[u.object] = items.count
            items.append(
                HintItem(
                    kind: .unknownProperty,
                    instancePath: path,
                    name: u.name,
                    received: path.resolve(in: value),
                    expected: "no such parameter",
                    fix: .remove,
                    line: "`\(u.name)` is not a parameter\(suggestion); remove it."
                )
            )
            if case .object(var o)? = u.object.resolve(in: value) {
                o.removeValue(forKey: u.name)
                value = value.replacing(at: u.object, with: .object(o))
            }
        }
        for (object, k) in lastUnknownItem {
            let allowed = validator.facts(at: object)?.propertyNames ?? []
            items[k].line += " The parameters are " + allowed.map { "`\($0)`" }.joined(separator: ", ") + "."
        }
        // One item per path for the rest: the first error there says the most.
        var seen: Set<JSONPointer> = []
        for e in others where seen.insert(e.instancePath).inserted {
            let item = valueItem(e, received: e.instancePath.resolve(in: value))
            if case .replace(let new)? = item.fix {
                value = value.replacing(at: e.instancePath, with: new)
            } else if e.instancePath != .root {
                // The model must choose this value: mark it.
                value = value.replacing(at: e.instancePath, with: .string("<\(item.expected)>"))
            }
            items.append(item)
        }
        corrected = value
    }

    /// Whether `short` abbreviates `long`: its letters appear in order in `long` with the same
    /// first letter (`qty` for `quantity`), or it is the end of `long` (`address` for
    /// `shipping_address`). Used only when the value also fits the longer name's schema.
    static func abbreviates(_ short: String, _ long: String) -> Bool {
        func norm(_ s: String) -> [Character] { Array(s.lowercased().filter { $0 != "_" && $0 != "-" }) }
        let a = norm(short)
        let b = norm(long)
        guard a.count >= 2, a.count < b.count else { return false }
        if b.suffix(a.count).elementsEqual(a) { return true }
        guard a.first == b.first else { return false }
        var k = b.startIndex
        for c in a {
            guard let found = b[k...].firstIndex(of: c) else { return false }
            k = found + 1
        }
        return true
    }

    /// Whole-call mistakes with one certain fix: the arguments wrapped in an invented key
    /// (`{"arguments": {…}}`), or a nested object's members written at the top.
    mutating func structuralFix(_ check: ArgumentCheck, _ value: inout JSONValue) -> Bool {
        guard case .object(let root) = value else { return false }
        // Wrapped: one member, unknown, holding an object that is valid on its own.
        if root.count == 1, let (key, inner) = root.first,
            validator.facts(at: .root)?.propertyNames.contains(key) == false,
            inner.objectValue != nil, validator.validate(inner).isEmpty
        {
            items.append(
                HintItem(
                    kind: .wrongName,
                    instancePath: [key],
                    name: key,
                    received: inner,
                    expected: "the parameters at the top level",
                    fix: .replace(with: inner),
                    line: "the arguments are wrapped in `\(key)`; send the object inside it as the arguments."
                )
            )
            value = inner
            return true
        }
        // Flattened: a missing object parameter whose members sit at the top.
        let facts = validator.facts(at: .root)
        let known = Set(facts?.propertyNames ?? [])
        for e in check.errors where e.keyword == "required" && e.instancePath == .root {
            guard let name = e.details.properties?.first, let sub = validator.facts(at: [name]),
                sub.types.contains("object")
            else { continue }
            let strays = root.filter { !known.contains($0.key) && sub.propertyNames.contains($0.key) }
            guard !strays.isEmpty else { continue }
            let nested = JSONValue.object(JSONObject(strays.map { ($0.key, $0.value) }))
            var moved = JSONObject(
                root.filter { !sub.propertyNames.contains($0.key) || known.contains($0.key) }.map { ($0.key, $0.value) }
            )
            moved[name] = nested
            guard validator.validate(.object(moved)).isEmpty else { continue }
            items.append(
                HintItem(
                    kind: .wrongName,
                    instancePath: [name],
                    name: name,
                    received: nested,
                    expected: "an object parameter `\(name)`",
                    fix: .replace(with: nested),
                    line: "move " + strays.map { "`\($0.key)`" }.joined(separator: ", ")
                        + " into an object named `\(name)`."
                )
            )
            value = .object(moved)
            return true
        }
        return false
    }

    func valueItem(_ e: SchemaViolation, received: JSONValue?) -> HintItem {
        let path = e.instancePath
        let facts = validator.facts(at: path)
        let got = received.map { " but got \(Self.describe($0))" } ?? ""
        func item(_ kind: HintItem.Kind, _ expected: String, _ fix: HintItem.Fix?, _ advice: String) -> HintItem {
            var line = "\(label(path)): expected \(expected)\(got)"
            if let d = facts?.description, fix == nil { line += " (\(d))" }
            line += advice.isEmpty ? "." : "; \(advice)" + (advice.hasSuffix("?") ? "" : ".")
            return HintItem(
                kind: kind,
                instancePath: path,
                name: path.tokens.last,
                received: received,
                expected: expected,
                fix: fix,
                line: line
            )
        }
        switch e.keyword {
        case "type":
            let types = e.details.expectedTypes ?? facts?.types ?? []
            if let received, let converted = convert(received, to: types, facts: facts, at: path) {
                return item(.wrongType, Self.words(types), .replace(with: converted), "send \(converted.jsonString())")
            }
            return item(.wrongType, Self.words(types), nil, "")
        case "enum", "const":
            // In a branch of an `anyOf`/`oneOf`, the values the other branches allow at the
            // same place count too: `"cash"` where one form takes `"card"` and another
            // `"balance"` is told both, not only the nearest form's.
            let inBranch = e.schemaPath.tokens.contains { $0 == "anyOf" || $0 == "oneOf" }
            let allowed = (inBranch ? branchAlternatives(at: path) : nil) ?? e.details.allowedValues ?? []
            let list = allowed.map { $0.jsonString() }.joined(separator: ", ")
            let expected = allowed.count == 1 ? list : "one of \(list)"
            // One allowed value is a certain fix only when the model's value is a spelling of
            // it (`"Balance"`, `"balanse"`, `"1"` for 1): `"cash"` where only `"balance"` fits
            // in the branch closest to the call is a choice the model must make.
            if allowed.count == 1, let only = allowed.first, only.stringValue == nil, let received,
                convert(received, to: facts?.types ?? [], facts: facts, at: path) == only
                    || (received.stringValue.flatMap { try? JSONParser().parse($0) } == only)
            {
                return item(.notAllowedValue, expected, .replace(with: only), "send \(only.jsonString())")
            }
            let strings = allowed.compactMap(\.stringValue)
            if case .string(let s)? = received, !s.isEmpty {
                let prefixed = strings.filter { $0.lowercased().hasPrefix(s.lowercased()) }
                if prefixed.count == 1 {
                    return item(
                        .notAllowedValue,
                        expected,
                        .replace(with: .string(prefixed[0])),
                        allowed.count == 1
                            ? "send \(JSONValue.string(prefixed[0]).jsonString())"
                            : "did you mean \(JSONValue.string(prefixed[0]).jsonString())?"
                    )
                }
            }
            // Two edits in a short word change half of it (`cash` and `card`): a guess, not a
            // spelling.
            if case .string(let s)? = received,
                let best = TextMatching.closest(to: s, in: strings, maxDistance: s.count <= 5 ? 1 : max(2, s.count / 3))
            {
                return item(
                    .notAllowedValue,
                    expected,
                    .replace(with: .string(best)),
                    allowed.count == 1
                        ? "send \(JSONValue.string(best).jsonString())"
                        : "did you mean \(JSONValue.string(best).jsonString())?"
                )
            }
            return item(.notAllowedValue, expected, nil, allowed.count == 1 ? "" : "choose one of them")
        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
            "minItems",
            "maxItems", "minProperties", "maxProperties", "uniqueItems", "minContains", "maxContains", "contains":
            let expected = Self.expectation(e) ?? e.message
            // Duplicates the model repeated: the same items once each, in the order written.
            // Only for short arrays: the pairwise comparison must not become a lever for a
            // hostile call (a long array of duplicates gets the plain item).
            if e.keyword == "uniqueItems", case .array(let elements)? = received, elements.count <= 100 {
                var kept: [JSONValue] = []
                for element in elements where !kept.contains(element) { kept.append(element) }
                let deduplicated = JSONValue.array(kept)
                if validator.validate(deduplicated, atInstancePath: path)?.isEmpty == true {
                    return item(
                        .outOfBounds,
                        expected,
                        .replace(with: deduplicated),
                        "send \(deduplicated.jsonString())"
                    )
                }
            }
            return item(.outOfBounds, expected, nil, "")
        case "format", "pattern":
            let expected = Self.expectation(e) ?? e.message
            if case .string(let s)? = received,
                let fixed = reformat(s, keyword: e.keyword, format: e.details.format, at: path)
            {
                return item(.badFormat, expected, .replace(with: fixed), "send \(fixed.jsonString())")
            }
            return item(.badFormat, expected, nil, "")
        default:
            return HintItem(
                kind: .other,
                instancePath: path,
                name: path.tokens.last,
                received: received,
                expected: e.message,
                fix: nil,
                line: "\(label(path)): \(e.message)."
            )
        }
    }

    /// What a bound, format or pattern expects, in words, from the error's keyword and
    /// structured details (never from its message, whose wording may change).
    static func expectation(_ e: SchemaViolation) -> String? {
        let limit = e.details.limit?.jsonString()
        let count = e.details.limit?.intValue
        switch e.keyword {
        case "minimum": return limit.map { "at least \($0)" }
        case "exclusiveMinimum": return limit.map { "more than \($0)" }
        case "maximum": return limit.map { "at most \($0)" }
        case "exclusiveMaximum": return limit.map { "less than \($0)" }
        case "multipleOf": return limit.map { "a multiple of \($0)" }
        case "minLength": return limit.map { "at least \($0) characters" }
        case "maxLength": return limit.map { "at most \($0) characters" }
        case "minItems": return limit.map { "at least \($0) items" }
        case "maxItems": return limit.map { "at most \($0) items" }
        case "minProperties": return limit.map { "at least \($0) properties" }
        case "maxProperties": return limit.map { "at most \($0) properties" }
        case "uniqueItems": return "unique items"
        case "contains", "minContains":
            return count.map { "at least \($0) item\($0 == 1 ? "" : "s") matching its `contains` schema" }
        case "maxContains": return count.map { "at most \($0) items matching its `contains` schema" }
        case "format": return e.details.format.flatMap { Formats.checker($0)?.description }
        case "pattern": return e.details.format.map { "a string matching /\($0)/" }
        default: return nil
        }
    }

    /// A conversion of `value` to one of `types` that validates at `path`, when one is certain.
    func convert(_ value: JSONValue, to types: [String], facts: SchemaFacts?, at path: JSONPointer) -> JSONValue? {
        var candidates: [JSONValue] = []
        switch value {
        case .string(let s):
            let t = String(s.trimmingWhitespace)
            if types.contains("integer") || types.contains("number") {
                if let n = JSONNumber(literal: t) {
                    candidates.append(.number(n))
                } else if let n = Self.numberWords[t.lowercased()] {
                    // "two" or "两" for a count.
                    candidates.append(.number(JSONNumber(n)))
                }
            }
            // The coercion table takes only true/false; a hint may also read yes/no, on/off.
            if types.contains("boolean") {
                switch t.lowercased() {
                case "true", "yes", "y", "on": candidates.append(true)
                case "false", "no", "n", "off": candidates.append(false)
                default: break
                }
            }
            if types.contains("array") {
                if let parsed = try? JSONParser().parse(t), parsed.arrayValue != nil {
                    candidates.append(parsed)
                } else if facts?.itemTypes.contains("string") ?? false, !t.isEmpty {
                    // "a, b, c" sent for an array of strings.
                    candidates.append(
                        .array(t.split(separator: ",").map { JSONValue.string(String(String($0).trimmingWhitespace)) })
                    )
                }
            }
            if types.contains("object"), let parsed = try? JSONParser().parse(t), parsed.objectValue != nil {
                candidates.append(parsed)
            }
        case .number(let n):
            if types.contains("string") { candidates.append(.string(n.literal)) }
            if types.contains("array") { candidates.append([value]) }
        case .bool(let b):
            if types.contains("string") { candidates.append(.string(b ? "true" : "false")) }
            if types.contains("array") { candidates.append([value]) }
        case .object:
            if types.contains("array") { candidates.append([value]) }
        default:
            break
        }
        // One item sent in an array where a single value is expected: `["北京"]` for a city.
        if case .array(let elements) = value, elements.count == 1, !types.contains("array") {
            candidates.append(elements[0])
        }
        // A conversion is certain only when it validates where it goes; a place no subschema
        // can be found for is never a certain fix.
        let valid = candidates.filter { candidate in
            validator.validate(candidate, atInstancePath: path)?.isEmpty ?? false
        }
        // Not a ternary with `nil`: JSONValue is ExpressibleByNilLiteral, so `nil` there would
        // become the JSON value null.
        guard valid.count == 1 else { return nil }
        return valid[0]
    }

    /// The values the `anyOf`/`oneOf` branches of the parent object's schema allow for the
    /// property at `path` (each branch's `const` or `enum` there), when there are several and
    /// every branch lists its own: a branch that declares no such list, or no such property,
    /// may take other values, and then the list would say less than the schema.
    func branchAlternatives(at path: JSONPointer) -> [JSONValue]? {
        guard let parent = path.parent, let name = path.tokens.last,
            let index = validator.nodeIndex(atInstancePath: parent)
        else { return nil }
        let node = validator.resolvedNode(index)
        var values: [JSONValue] = []
        for branch in node.anyOf + node.oneOf {
            guard let child = validator.resolvedNode(branch).property(name) else { return nil }
            let allowed = validator.resolvedNode(child)
            guard let listed = allowed.enumValues ?? allowed.constValue.map({ [$0] }) else { return nil }
            for v in listed where !values.contains(v) { values.append(v) }
        }
        return values.count > 1 ? values : nil
    }

    /// Count words a model writes for a small number, in English and Chinese.
    static let numberWords: [String: Int] = {
        var words: [String: Int] = [:]
        let english = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        ]
        for (n, w) in english.enumerated() { words[w] = n }
        for (n, w) in ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"].enumerated() { words[w] = n }
        words["两"] = 2
        return words
    }()

    /// A string that fails a `format` or `pattern` rewritten into the one form that passes,
    /// when the rewriting keeps every character of meaning: a date with other separators
    /// (`2026/12/24`, `24.12.2026` where the day cannot be the month, `2026年12月24日`), a date
    /// and time with a space for the `T`, or a pattern's fixed beginning, case or surrounding
    /// blanks (`1042` for `^SKU-[0-9]{4,}$`). Nil unless exactly one candidate validates.
    func reformat(_ s: String, keyword: String, format: String?, at path: JSONPointer) -> JSONValue? {
        var candidates: [String] = []
        let trimmed = String(s.trimmingWhitespace)
        if trimmed != s { candidates.append(trimmed) }
        if keyword == "format" {
            switch format {
            case "date":
                candidates += Self.isoDates(trimmed)
            case "date-time":
                if let space = trimmed.firstIndex(of: " "), trimmed.distance(from: trimmed.startIndex, to: space) == 10
                {
                    var t = trimmed
                    t.replaceSubrange(space...space, with: "T")
                    candidates.append(t)
                }
            default:
                break
            }
        } else if keyword == "pattern" {
            candidates += [trimmed.uppercased(), trimmed.lowercased()]
            if let prefix = format.map(Self.literalPrefix), !prefix.isEmpty {
                if trimmed.lowercased().hasPrefix(prefix.lowercased()) {
                    candidates.append(prefix + trimmed.dropFirst(prefix.count))
                } else {
                    candidates.append(prefix + trimmed)
                }
            }
        }
        var valid: [String] = []
        for c in candidates where c != s && !valid.contains(c) {
            if validator.validate(.string(c), atInstancePath: path)?.isEmpty == true { valid.append(c) }
        }
        guard valid.count == 1 else { return nil }
        return .string(valid[0])
    }

    /// The ISO 8601 forms of a date written with other separators or in another order, only
    /// where the order is certain: year first, or a day above 12 beside a month.
    static func isoDates(_ s: String) -> [String] {
        var text = s
        if text.hasSuffix("日") { text.removeLast() }
        let separators: Set<Character> = ["年", "月", "/", ".", "-"]
        let parts = text.split(omittingEmptySubsequences: false) { separators.contains($0) }.map(String.init)
        guard parts.count == 3, parts.allSatisfy({ p in !p.isEmpty && p.allSatisfy { $0.isASCII && $0.isNumber } }),
            let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2])
        else { return [] }
        func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(y)-\(two(m))-\(two(d))"
        }
        if parts[0].count == 4 { return [iso(a, b, c)] }
        guard parts[2].count == 4 else { return [] }
        // Day and month first: certain only when one of them cannot be a month.
        if a > 12 && b <= 12 { return [iso(c, b, a)] }
        if b > 12 && a <= 12 { return [iso(c, a, b)] }
        return []
    }

    /// The characters every match of a pattern anchored at `^` begins with (`SKU-` for
    /// `^SKU-[0-9]{4,}$`), or "" when it has no such beginning.
    static func literalPrefix(_ pattern: String) -> String {
        guard pattern.hasPrefix("^") else { return "" }
        var prefix = ""
        var chars = pattern.dropFirst()[...]
        while let c = chars.first {
            if c.isLetter || c.isNumber || c == "-" || c == "_" || c == ":" || c == "#" || c == " " {
                // A quantifier after it makes the character optional or repeated.
                let next = chars.dropFirst().first
                if let next, "?*+{".contains(next) { break }
                prefix.append(c)
                chars = chars.dropFirst()
            } else {
                break
            }
        }
        return prefix
    }
}
