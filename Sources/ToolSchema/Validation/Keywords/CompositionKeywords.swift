import JSONCore

extension Validator {
    func checkUnion(
        _ node: SchemaNode,
        _ branches: [Int],
        _ keyword: String,
        _ value: JSONValue,
        _ c: inout ValidationContext
    ) -> Bool {
        // The matching branches are listed only for the message; a quiet walk counts them,
        // without allocating, and stops at the second for oneOf.
        var matching: [Int] = []
        var count = 0
        for (k, b) in branches.enumerated() where isValid(b, value, &c) {
            if keyword == "anyOf" { return true }
            count += 1
            if c.collecting { matching.append(k) } else if count > 1 { return false }
        }
        if keyword == "oneOf" && count == 1 { return true }
        guard c.collecting else { return false }
        if matching.count > 1 {
            c.fail(
                node,
                keyword,
                "matches \(matching.count) of the oneOf schemas (\(matching.map(String.init).joined(separator: ", "))); expected exactly one"
            )
            return false
        }
        // Report the closest branch only: a matching discriminator first, then a branch whose
        // type fits the value, then the fewest errors; the first branch wins a tie.
        var best: (errors: [SchemaViolation], rank: (Int, Int, Int))? = nil
        for b in branches {
            var sub = c.branch(collecting: true)
            sub.path = c.path
            _ = check(b, value, &sub)
            let typeMiss = sub.errors.contains { $0.keyword == "type" && $0.instancePath.tokens == c.path }
            let rank = (discriminatorMatches(b, value) ? 0 : 1, typeMiss ? 1 : 0, sub.errors.count)
            if best.map({ rank < $0.rank }) ?? true { best = (sub.errors, rank) }
        }
        c.errors += best?.errors ?? []
        return false
    }

    /// Whether a branch's `const` (or one-value `enum`) property matches the value's.
    func discriminatorMatches(_ branch: Int, _ value: JSONValue) -> Bool {
        guard case .object(let object) = value else { return false }
        var node = nodes[branch]
        if let ref = node.ref, node.properties.isEmpty { node = nodes[ref] }
        for (name, p) in node.properties {
            let property = nodes[p]
            let tag = property.constValue ?? (property.enumValues?.count == 1 ? property.enumValues?.first : nil)
            if let tag, let actual = object[name] {
                if tag == actual { return true }
            }
        }
        return false
    }
}
