import JSONCore

/// What the schema says about one place in the arguments, for messages.
package struct SchemaFacts: Sendable {
    package var types: [String]
    package var description: String?
    package var enumValues: [JSONValue]?
    package var constValue: JSONValue?
    package var propertyNames: [String]
    package var required: [String]
    package var itemTypes: [String]
}

extension Validator {
    /// What the schema says about the value at `path`, following `properties`, `items` and
    /// `$ref`; nil when no single subschema applies there.
    package func facts(at path: JSONPointer) -> SchemaFacts? {
        nodeIndex(atInstancePath: path).map(facts(ofNode:))
    }

    /// The compiled subschema that applies to the value at an instance path: `properties`,
    /// `prefixItems`, `items` and `additionalProperties` followed from the root, through `$ref`
    /// and into `allOf` branches. Nil when none does: hints, coercion and decoding then treat
    /// the place as unknown rather than guessing the schema's layout.
    package func nodeIndex(atInstancePath path: JSONPointer) -> Int? {
        var index = 0
        for token in path.tokens {
            guard let next = child(of: index, token, depth: 0) else { return nil }
            index = next
        }
        return index
    }

    private func child(of index: Int, _ token: String, depth: Int) -> Int? {
        guard depth < 16 else { return nil }
        let node = resolvedNode(index)
        if let p = node.property(token) { return p }
        if let k = Int(token), k < node.prefixItems.count { return node.prefixItems[k] }
        if Int(token) != nil, let items = node.items { return items }
        for branch in node.allOf {
            if let found = child(of: branch, token, depth: depth + 1) { return found }
        }
        // additionalProperties applies only to names no patternProperties entry matches.
        if node.patternProperties.contains(where: { $0.pattern.matches(token) }) { return nil }
        if let additional = node.additionalProperties, nodes[additional].always == nil { return additional }
        return nil
    }

    /// Every way `value` fails the subschema that applies at an instance path (see
    /// ``nodeIndex(atInstancePath:)``), or nil when none does (or when the schema has dynamic
    /// references, whose targets depend on the path evaluation took).
    package func validate(_ value: JSONValue, atInstancePath path: JSONPointer) -> [SchemaViolation]? {
        // A subschema checked on its own would start with an empty dynamic scope, where a
        // `$dynamicRef` may land elsewhere than in the whole check: no verdict then.
        guard !usesDynamicScope, let index = nodeIndex(atInstancePath: path) else { return nil }
        var context = ValidationContext(collecting: true, assertsFormats: options.assertsFormats)
        _ = check(index, value, &context)
        return context.errors
    }

    func resolvedNode(_ i: Int) -> SchemaNode {
        Self.resolvedNode(i, in: nodes)
    }

    /// The node `i` stands for: its reference's target while it is a bare reference (no
    /// type, no properties), at most 32 references deep.
    static func resolvedNode(_ i: Int, in nodes: [SchemaNode]) -> SchemaNode {
        var node = nodes[i]
        var hops = 0
        while let ref = node.ref, node.types == nil, node.properties.isEmpty, hops < 32 {
            node = nodes[ref]
            hops += 1
        }
        return node
    }

    func facts(ofNode i: Int) -> SchemaFacts {
        let original = nodes[i]
        let node = resolvedNode(i)
        var itemTypes: [String] = []
        if let items = node.items { itemTypes = resolvedNode(items).types?.names ?? [] }
        return SchemaFacts(
            types: node.types?.names ?? [],
            description: original.description ?? node.description,
            enumValues: node.enumValues,
            constValue: node.constValue,
            propertyNames: node.properties.map(\.name),
            required: node.required,
            itemTypes: itemTypes
        )
    }
}
