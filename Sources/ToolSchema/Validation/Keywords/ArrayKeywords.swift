import JSONCore

extension Validator {
    func checkArray(_ node: SchemaNode, _ elements: [JSONValue], _ c: inout ValidationContext) -> Bool {
        var valid = true
        if let min = node.minItems, elements.count < min {
            if c.reject(
                node,
                "minItems",
                "expected at least \(min) items, found \(elements.count)",
                .init(limit: .number(JSONNumber(min))),
                setting: &valid
            ) {
                return false
            }
        }
        if let max = node.maxItems, elements.count > max {
            if c.reject(
                node,
                "maxItems",
                "expected at most \(max) items, found \(elements.count)",
                .init(limit: .number(JSONNumber(max))),
                setting: &valid
            ) {
                return false
            }
        }
        if node.uniqueItems, let (a, b) = Self.firstDuplicate(elements) {
            if c.reject(
                node,
                "uniqueItems",
                "expected unique items, but items \(a) and \(b) are equal (\(elements[a].jsonString()))",
                setting: &valid
            ) {
                return false
            }
        }
        for (k, element) in elements.enumerated() {
            let schema: Int?
            if k < node.prefixItems.count {
                schema = node.prefixItems[k]
            } else {
                schema = node.items
            }
            guard let schema else { continue }
            if descend(schema, element, at: String(k), &c, &valid) { return false }
        }
        if let contains = node.contains {
            var matches = 0
            for element in elements where isValid(contains, element, &c) { matches += 1 }
            let min = node.minContains ?? 1
            if matches < min {
                if c.reject(
                    node,
                    node.minContains == nil ? "contains" : "minContains",
                    "expected at least \(min) item\(min == 1 ? "" : "s") matching the schema at \(node.fragment("contains")), found \(matches)",
                    .init(limit: .number(JSONNumber(min))),
                    setting: &valid
                ) {
                    return false
                }
            }
            if let max = node.maxContains, matches > max {
                if c.reject(
                    node,
                    "maxContains",
                    "expected at most \(max) items matching the schema at \(node.fragment("contains")), found \(matches)",
                    .init(limit: .number(JSONNumber(max))),
                    setting: &valid
                ) {
                    return false
                }
            }
        }
        return valid
    }

    static func firstDuplicate(_ elements: [JSONValue]) -> (Int, Int)? {
        if elements.count < 32 {
            for a in elements.indices {
                for b in (a + 1)..<elements.count where elements[a] == elements[b] { return (a, b) }
            }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        for (k, e) in elements.enumerated() {
            if let first = seen[e] { return (first, k) }
            seen[e] = k
        }
        return nil
    }
}
