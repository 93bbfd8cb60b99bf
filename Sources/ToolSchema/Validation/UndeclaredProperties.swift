public import JSONCore

/// Something in a valid call that is probably not what the model meant: an undeclared
/// property the schema allows, which the tool will never read.
public struct ArgumentWarning: Sendable, Hashable, CustomStringConvertible {
    /// What kind of warning it is; compare against the static members.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// A stable, kebab-case name.
        public let description: String
        private init(_ name: String) { description = name }

        /// An undeclared property named like a declared one the object lacks (`units` where
        /// `unit` is declared, or `max_results` with an integer where `limit` is): probably
        /// that parameter, misnamed, and its value lost.
        public static let undeclaredLookalike = Kind("undeclared-lookalike")
        /// An object holding only undeclared properties (`{"arguments": {…}}` where every
        /// parameter is optional): nothing the tool reads arrived.
        public static let undeclaredOnly = Kind("undeclared-only")
    }

    /// Where the undeclared property is.
    public var instancePath: JSONPointer
    /// What kind of warning it is.
    public var kind: Kind
    /// One line that says what is wrong.
    public var message: String
    /// The declared property it looks like, when there is one.
    public var declaredName: String?

    /// Creates a warning.
    public init(instancePath: JSONPointer, kind: Kind, message: String, declaredName: String? = nil) {
        self.instancePath = instancePath
        self.kind = kind
        self.message = message
        self.declaredName = declaredName
    }

    /// `/units: message [undeclared-lookalike]`.
    public var description: String {
        "\(instancePath == .root ? "(root)" : instancePath.description): \(message) [\(kind)]"
    }
}

extension Validator {
    /// What an undeclared property means where the schema allows it (no
    /// `additionalProperties: false`), which most hand-written and generated schemas do.
    public enum UndeclaredProperties: String, Sendable, Hashable, CaseIterable {
        /// Allowed, as the schema says, without a word.
        case allow
        /// Allowed, with an ``ArgumentWarning`` when it looks like a declared property the
        /// object lacks, or is all the object holds. The default.
        case warn
        /// Refused, as `additionalProperties: false` would: an error, and a hint.
        case reject
    }

    /// Whether some object schema declares properties and says nothing about others: only
    /// then can an undeclared property pass unnoticed.
    static func hasOpenObjects(_ nodes: [SchemaNode]) -> Bool {
        nodes.contains {
            !$0.properties.isEmpty && $0.additionalProperties == nil && $0.unevaluatedProperties == nil
                && $0.patternProperties.isEmpty
        }
    }

    /// For each node, whether the walk of ``undeclared(in:policy:)`` can meet an open object
    /// at or below it: the node it resolves to is open, or one of that node's declared
    /// properties or items can. A fixpoint over the graph, which references may make cyclic.
    static func openObjectReach(_ nodes: [SchemaNode]) -> [Bool] {
        func resolved(_ i: Int) -> SchemaNode { resolvedNode(i, in: nodes) }
        var reach = nodes.indices.map { i in
            let node = resolved(i)
            return !node.properties.isEmpty && node.additionalProperties == nil && node.unevaluatedProperties == nil
        }
        var changed = true
        while changed {
            changed = false
            for i in nodes.indices where !reach[i] {
                let node = resolved(i)
                let below =
                    node.properties.contains { reach[$0.node] } || node.prefixItems.contains { reach[$0] }
                    || node.items.map { reach[$0] } == true
                if below {
                    reach[i] = true
                    changed = true
                }
            }
        }
        return reach
    }

    /// The undeclared properties of a valid value that `policy` reports: for `warn`, those
    /// that look like a missing declared property or are all their object holds; for
    /// `reject`, all of them. A first pass that allocates nothing finds whether there are any.
    func undeclared(
        in value: JSONValue,
        policy: UndeclaredProperties
    ) -> [(path: [String], name: String, node: SchemaNode, declared: String?, only: Bool)] {
        guard policy != .allow, usesOpenObjects else { return [] }
        var none: [(path: [String], name: String, node: SchemaNode, declared: String?, only: Bool)]? = nil
        guard walkUndeclared(0, value, policy, path: nil, into: &none) else { return [] }
        var found: [(path: [String], name: String, node: SchemaNode, declared: String?, only: Bool)]? = []
        _ = walkUndeclared(0, value, policy, path: [], into: &found)
        return found ?? []
    }

    /// Walks `value` against node `i`; with a `path`, collects what it finds; returns whether
    /// it found anything.
    private func walkUndeclared(
        _ i: Int,
        _ value: JSONValue,
        _ policy: UndeclaredProperties,
        path: [String]?,
        into found: inout [(path: [String], name: String, node: SchemaNode, declared: String?, only: Bool)]?,
        depth: Int = 0
    ) -> Bool {
        guard depth < 64 else { return false }
        let node = resolvedNode(i)
        var any = false
        switch value {
        case .object(let object):
            let open = !node.properties.isEmpty && node.additionalProperties == nil && node.unevaluatedProperties == nil
            let allUndeclared = open && !object.isEmpty && object.allSatisfy { node.property($0.key) == nil }
            for (name, member) in object {
                if let p = node.property(name) {
                    if walkUndeclared(p, member, policy, path: path.map { $0 + [name] }, into: &found, depth: depth + 1)
                    {
                        any = true
                        if path == nil { return true }
                    }
                    continue
                }
                guard open, !node.patternProperties.contains(where: { $0.pattern.matches(name) }) else { continue }
                let lookalike = node.properties.first { p in
                    guard object[p.name] == nil, let relation = PropertyPairing.relation(name, p.name) else {
                        return false
                    }
                    if relation <= .edit { return true }
                    // Another word for it (`max_results` for `limit`) only when the value fits.
                    guard relation == .synonym else { return false }
                    var context = ValidationContext(collecting: false, assertsFormats: options.assertsFormats)
                    return check(p.node, member, &context)
                }?.name
                guard policy == .reject || lookalike != nil || allUndeclared else { continue }
                any = true
                guard let path else { return true }
                found?.append((path, name, node, lookalike, allUndeclared))
            }
        case .array(let elements):
            for (k, element) in elements.enumerated() {
                let schema = k < node.prefixItems.count ? node.prefixItems[k] : node.items
                guard let schema else { continue }
                if walkUndeclared(
                    schema,
                    element,
                    policy,
                    path: path.map { $0 + [String(k)] },
                    into: &found,
                    depth: depth + 1
                ) {
                    any = true
                    if path == nil { return true }
                }
            }
        default:
            break
        }
        return any
    }

    /// Adds the warnings (or, for `reject`, the errors) the policy asks for to a valid check.
    func applyUndeclared(_ result: inout ArgumentCheck, policy: UndeclaredProperties) {
        guard result.isValid, let value = result.arguments else { return }
        for finding in undeclared(in: value, policy: policy) {
            let path = JSONPointer(tokens: finding.path + [finding.name])
            let allowed = finding.node.properties.map { "\"\($0.name)\"" }.joined(separator: ", ")
            if policy == .reject {
                result.errors.append(
                    SchemaViolation(
                        instancePath: path,
                        schemaPath: finding.node.location.appending("additionalProperties"),
                        keyword: "additionalProperties",
                        message:
                            "unexpected property \"\(finding.name)\"; the allowed properties are \(allowed) (undeclared properties are refused)",
                        details: .init(properties: [finding.name])
                    )
                )
            } else if let declared = finding.declared {
                result.warnings.append(
                    ArgumentWarning(
                        instancePath: path,
                        kind: .undeclaredLookalike,
                        message:
                            "\"\(finding.name)\" is not declared, and looks like \"\(declared)\", which is missing: its value would be lost",
                        declaredName: declared
                    )
                )
            } else {
                result.warnings.append(
                    ArgumentWarning(
                        instancePath: path,
                        kind: .undeclaredOnly,
                        message:
                            "\"\(finding.name)\" is not declared, and the object holds nothing declared (the allowed properties are \(allowed))"
                    )
                )
            }
        }
        if policy == .reject && !result.errors.isEmpty { result.isValid = false }
    }
}
