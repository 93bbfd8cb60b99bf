import JSONCore

/// The members and items of one value that subschemas accepting it have evaluated: the
/// annotations `unevaluatedProperties` and `unevaluatedItems` read.
struct Evaluated {
    var allProperties = false
    var properties: Set<String> = []
    var allItems = false
    /// Items below this position are evaluated (`prefixItems`, or `items` as a list).
    var prefix = 0
    var items: Set<Int> = []

    func hasEvaluated(property name: String) -> Bool { allProperties || properties.contains(name) }
    func hasEvaluated(item k: Int) -> Bool { allItems || k < prefix || items.contains(k) }
}

extension Validator {
    /// `unevaluatedProperties` and `unevaluatedItems` of node `i`: the subschema applies to
    /// each member or item that no adjacent keyword, and no in-place subschema that accepts
    /// the value (`allOf`, passing `anyOf`/`oneOf` branches, `if` with `then`/`else`, `$ref`,
    /// `dependentSchemas`), has evaluated.
    func checkUnevaluated(_ i: Int, _ value: JSONValue, _ c: inout ValidationContext) -> Bool {
        let node = nodes[i]
        var valid = true
        switch value {
        case .object(let object):
            guard let unevaluated = node.unevaluatedProperties else { return true }
            var seen = Evaluated()
            collectEvaluated(i, value, &c, into: &seen, includingOwn: false)
            if seen.allProperties { return true }
            for (name, member) in object where !seen.hasEvaluated(property: name) {
                if nodes[unevaluated].always == false {
                    if c.reject(
                        node,
                        "unevaluatedProperties",
                        "unexpected property \"\(name)\"; no subschema here declares it",
                        .init(properties: [name]),
                        extraPath: name,
                        setting: &valid
                    ) {
                        return false
                    }
                } else if descend(unevaluated, member, at: name, &c, &valid) {
                    return false
                }
            }
        case .array(let elements):
            guard let unevaluated = node.unevaluatedItems else { return true }
            var seen = Evaluated()
            collectEvaluated(i, value, &c, into: &seen, includingOwn: false)
            if seen.allItems { return true }
            for (k, element) in elements.enumerated() where !seen.hasEvaluated(item: k) {
                if nodes[unevaluated].always == false {
                    if c.reject(
                        node,
                        "unevaluatedItems",
                        "unexpected item \(k); the schema allows \(seen.prefix) item\(seen.prefix == 1 ? "" : "s") here",
                        extraPath: String(k),
                        setting: &valid
                    ) {
                        return false
                    }
                } else if descend(unevaluated, element, at: String(k), &c, &valid) {
                    return false
                }
            }
        default:
            break
        }
        return valid
    }

    /// Adds what node `i` evaluates on `value`, taking the node as accepting it. In-place
    /// subschemas whose success is optional (`anyOf`, `oneOf`, `if`) count only when they
    /// accept the value.
    func collectEvaluated(
        _ i: Int,
        _ value: JSONValue,
        _ c: inout ValidationContext,
        into seen: inout Evaluated,
        includingOwn: Bool = true,
        depth: Int = 0
    ) {
        guard depth < 64 else { return }
        let node = nodes[i]
        if node.always != nil { return }
        var entered = false
        if usesDynamicScope, c.scope.last != node.resource {
            c.scope.append(node.resource)
            entered = true
        }
        defer { if entered { c.scope.removeLast() } }

        switch value {
        case .object(let object):
            if node.additionalProperties != nil || (includingOwn && node.unevaluatedProperties != nil) {
                seen.allProperties = true
            } else if !node.properties.isEmpty || !node.patternProperties.isEmpty {
                for (name, _) in object where !seen.properties.contains(name) {
                    if node.property(name) != nil
                        || node.patternProperties.contains(where: { $0.pattern.matches(name) })
                    {
                        seen.properties.insert(name)
                    }
                }
            }
        case .array(let elements):
            seen.prefix = max(seen.prefix, min(elements.count, node.prefixItems.count))
            if node.items != nil || (includingOwn && node.unevaluatedItems != nil) { seen.allItems = true }
            if let contains = node.contains, node.containsEvaluatesItems, !seen.allItems {
                for (k, element) in elements.enumerated() where isValid(contains, element, &c) { seen.items.insert(k) }
            }
        default:
            return  // only objects and arrays have members to evaluate
        }
        if seen.allProperties && seen.allItems { return }

        func add(_ sub: Int, _ c: inout ValidationContext) {
            collectEvaluated(sub, value, &c, into: &seen, depth: depth + 1)
        }
        if let ref = node.ref { add(ref, &c) }
        if let dynamic = node.dynamicRef { add(dynamicTarget(dynamic, c), &c) }
        for sub in node.allOf { add(sub, &c) }
        for sub in node.anyOf where isValid(sub, value, &c) { add(sub, &c) }
        for sub in node.oneOf where isValid(sub, value, &c) { add(sub, &c) }
        if let ifNode = node.ifNode {
            if isValid(ifNode, value, &c) {
                add(ifNode, &c)
                if let then = node.thenNode { add(then, &c) }
            } else if let elseNode = node.elseNode {
                add(elseNode, &c)
            }
        }
        if case .object(let object) = value {
            for (name, sub) in node.dependentSchemas where object[name] != nil { add(sub, &c) }
        }
    }
}
