import JSONCore

extension Validator {
    func checkObject(_ node: SchemaNode, _ object: JSONObject, _ c: inout ValidationContext) -> Bool {
        var valid = true
        // A quiet walk over a table that covers `required` decides it with the member pass
        // below; collecting walks report missing properties first, in the schema's order.
        let table = node.table
        let requiredByBits = !c.collecting && table.coversRequired
        for name in node.required where !requiredByBits && object[name] == nil {
            // The message is an autoclosure: built only when errors are collected.
            let stop = c.reject(
                node,
                "required",
                "missing required property \"\(name)\""
                    + (node.property(name).flatMap { nodes[$0].description }.map { " (\($0))" } ?? ""),
                SchemaViolation.Details(properties: [name]),
                setting: &valid
            )
            if stop { return false }
        }
        if let min = node.minProperties, object.count < min {
            if c.reject(
                node,
                "minProperties",
                "expected at least \(min) properties, found \(object.count)",
                .init(limit: .number(JSONNumber(min))),
                setting: &valid
            ) {
                return false
            }
        }
        if let max = node.maxProperties, object.count > max {
            if c.reject(
                node,
                "maxProperties",
                "expected at most \(max) properties, found \(object.count)",
                .init(limit: .number(JSONNumber(max))),
                setting: &valid
            ) {
                return false
            }
        }
        for (name, dependencies) in node.dependentRequired where object[name] != nil {
            for d in dependencies where object[d] == nil {
                if c.reject(
                    node,
                    "dependentRequired",
                    "missing property \"\(d)\", which is required when \"\(name)\" is present",
                    .init(properties: [d, name]),
                    setting: &valid
                ) {
                    return false
                }
            }
        }
        for (name, schema) in node.dependentSchemas where object[name] != nil {
            if descend(schema, .object(object), at: nil, &c, &valid) { return false }
        }
        let checksMembers =
            !node.properties.isEmpty || !node.patternProperties.isEmpty || node.additionalProperties != nil
            || node.propertyNames != nil
        guard checksMembers else { return valid }
        var seen: UInt64 = 0
        for (name, member) in object {
            if let names = node.propertyNames {
                if descend(names, .string(name), at: name, &c, &valid) { return false }
            }
            var matched = false
            if let k = node.propertyPosition(name) {
                matched = true
                seen |= table.requiredBit(k)
                if descend(node.properties[k].node, member, at: name, &c, &valid) { return false }
            }
            for (pattern, p) in node.patternProperties where pattern.matches(name) {
                matched = true
                if descend(p, member, at: name, &c, &valid) { return false }
            }
            if !matched, let additional = node.additionalProperties {
                if nodes[additional].always == false {
                    if c.reject(
                        node,
                        "additionalProperties",
                        "unexpected property \"\(name)\"; the allowed properties are \(node.properties.map { "\"\($0.name)\"" }.joined(separator: ", "))",
                        .init(properties: [name]),
                        extraPath: name,
                        setting: &valid
                    ) {
                        return false
                    }
                } else if descend(additional, member, at: name, &c, &valid) {
                    return false
                }
            }
        }
        if requiredByBits && seen & table.requiredMask != table.requiredMask { return false }
        return valid
    }
}
