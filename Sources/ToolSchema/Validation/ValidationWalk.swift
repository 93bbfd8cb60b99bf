import JSONCore

/// The state of one walk over a value: the path to the value being checked, and the errors
/// found so far when they are being collected.
struct ValidationContext {
    let collecting: Bool
    let assertsFormats: Bool
    var errors: [SchemaViolation] = []
    var path: [String] = []
    /// The schema resources evaluation has entered, outermost first (kept only when the
    /// schema has dynamic references).
    var scope: [Int] = []

    init(collecting: Bool, assertsFormats: Bool) {
        self.collecting = collecting
        self.assertsFormats = assertsFormats
    }

    /// A context for checking a branch on its own: same options and dynamic scope.
    func branch(collecting: Bool) -> ValidationContext {
        var sub = ValidationContext(collecting: collecting, assertsFormats: assertsFormats)
        sub.scope = scope
        return sub
    }

    /// Records a failure (when collecting), marks `valid` false, and says whether checking
    /// should stop here: at the first failure unless every error is being collected.
    mutating func reject(
        _ node: SchemaNode,
        _ keyword: String,
        _ message: @autoclosure () -> String,
        _ details: @autoclosure () -> SchemaViolation.Details = SchemaViolation.Details(),
        extraPath: String? = nil,
        setting valid: inout Bool
    ) -> Bool {
        valid = false
        fail(node, keyword, message(), details(), extraPath: extraPath)
        return !collecting
    }

    mutating func fail(
        _ node: SchemaNode,
        _ keyword: String,
        _ message: @autoclosure () -> String,
        _ details: @autoclosure () -> SchemaViolation.Details = SchemaViolation.Details(),
        extraPath: String? = nil
    ) {
        guard collecting else { return }
        var tokens = path
        if let extraPath { tokens.append(extraPath) }
        errors.append(
            SchemaViolation(
                instancePath: JSONPointer(tokens: tokens),
                schemaPath: node.location.appending(keyword),
                keyword: keyword,
                message: message(),
                details: details()
            )
        )
    }
}

extension Validator {
    /// Checks `value` against node `i`. In collecting mode every failure is recorded; otherwise
    /// it returns at the first.
    @inline(__always)
    func check(_ i: Int, _ value: JSONValue, _ c: inout ValidationContext) -> Bool {
        guard usesDynamicScope else { return checkNode(i, value, &c) }
        return checkScoped(i, value, &c)
    }

    /// ``check(_:_:_:)`` for schemas with dynamic references: the resource entered joins the
    /// dynamic scope while the node is checked.
    @inline(never)
    private func checkScoped(_ i: Int, _ value: JSONValue, _ c: inout ValidationContext) -> Bool {
        let resource = nodes[i].resource
        if c.scope.last == resource { return checkNode(i, value, &c) }
        c.scope.append(resource)
        defer { c.scope.removeLast() }
        return checkNode(i, value, &c)
    }

    /// The node a dynamic reference lands on in the current dynamic scope: the candidate in
    /// the outermost resource that has one, else its static target.
    func dynamicTarget(_ target: DynamicTarget, _ c: ValidationContext) -> Int {
        for r in c.scope { if let node = target.candidates[r] { return node } }
        return target.fallback
    }

    private func checkNode(_ i: Int, _ value: JSONValue, _ c: inout ValidationContext) -> Bool {
        let node = nodes[i]
        if let always = node.always {
            if !always { c.fail(node, "false", "no value is allowed here") }
            return always
        }
        var valid = true
        @inline(__always) func failed() -> Bool {
            valid = false
            return !c.collecting
        }

        if let ref = node.ref, descend(ref, value, at: nil, &c, &valid) { return false }
        if node.hasRareKeywords, let dynamic = node.dynamicRef,
            descend(dynamicTarget(dynamic, c), value, at: nil, &c, &valid)
        {
            return false
        }

        // type, enum, const
        let isNullAllowed = node.nullable && value.isNull
        if let types = node.types,
            !types.admits(value)
                || (node.hasRareKeywords && node.integersByLiteral && Self.isFractionLiteral(value, types)),
            !isNullAllowed
        {
            if c.reject(
                node,
                "type",
                "expected \(Describe.types(types))\(node.nullable ? " or null" : ""), found \(Describe.value(value))",
                SchemaViolation.Details(
                    expectedTypes: types.names + (node.nullable ? ["null"] : []),
                    actualType: Self.kind(value)
                ),
                setting: &valid
            ) {
                return false
            }
        }
        if let allowed = node.enumValues, !isNullAllowed, !node.enumAdmits(value) {
            if c.reject(
                node,
                "enum",
                "expected one of \(Describe.list(allowed)), found \(Describe.value(value))",
                SchemaViolation.Details(actualType: Self.kind(value), allowedValues: allowed),
                setting: &valid
            ) {
                return false
            }
        }
        if let constant = node.constValue, constant != value {
            if c.reject(
                node,
                "const",
                "expected \(constant.jsonString()), found \(Describe.value(value))",
                SchemaViolation.Details(actualType: Self.kind(value), allowedValues: [constant]),
                setting: &valid
            ) {
                return false
            }
        }

        switch value {
        case .object(let object):
            if !checkObject(node, object, &c) && failed() { return false }
        case .array(let elements):
            if !checkArray(node, elements, &c) && failed() { return false }
        case .string(let s):
            if !checkString(node, s, &c) && failed() { return false }
        case .number(let n):
            if !checkNumber(node, n, &c) && failed() { return false }
        default:
            break
        }

        // Composition.
        if node.hasComposition {
            // Through a copy: `valid` is captured by `failed()`, and an inout access to a
            // captured variable is checked for exclusivity at run time.
            var composed = valid
            let goOn = checkComposition(node, value, &c, &composed)
            valid = composed
            if !goOn { return false }
        }
        if node.hasRareKeywords, node.unevaluatedProperties != nil || node.unevaluatedItems != nil {
            if !checkUnevaluated(i, value, &c) && failed() { return false }
        }
        return valid
    }

    /// `allOf`, `anyOf`, `oneOf`, `not` and `if`; false when checking should stop here.
    private func checkComposition(
        _ node: SchemaNode,
        _ value: JSONValue,
        _ c: inout ValidationContext,
        _ valid: inout Bool
    ) -> Bool {
        @inline(__always) func failed() -> Bool {
            valid = false
            return !c.collecting
        }
        for sub in node.allOf where descend(sub, value, at: nil, &c, &valid) { return false }
        if !node.anyOf.isEmpty && !checkUnion(node, node.anyOf, "anyOf", value, &c) && failed() { return false }
        if !node.oneOf.isEmpty && !checkUnion(node, node.oneOf, "oneOf", value, &c) && failed() { return false }
        if let not = node.not, isValid(not, value, &c) {
            if c.reject(
                node,
                "not",
                "expected a value that does not match the schema at \(node.fragment("not")), found \(Describe.value(value))",
                setting: &valid
            ) {
                return false
            }
        }
        if let ifNode = node.ifNode {
            let branch = isValid(ifNode, value, &c) ? node.thenNode : node.elseNode
            if let branch, descend(branch, value, at: nil, &c, &valid) { return false }
        }
        return true
    }

    /// A number written with a fraction or exponent where only `integer` (not `number`) is
    /// allowed: a draft-04 type failure.
    static func isFractionLiteral(_ value: JSONValue, _ types: TypeSet) -> Bool {
        guard case .number(let n) = value, !types.contains(.number), types.contains(.integer) else { return false }
        return n.literal.utf8.contains { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }
    }

    static func kind(_ v: JSONValue) -> String {
        if case .number(let n) = v { return n.isInteger ? "integer" : "number" }
        return v.typeName
    }

    /// Checks a child value (at `token` below the current path, or the same value when nil);
    /// on failure marks `valid` false and says whether checking should stop here.
    ///
    /// The path is kept only while errors are collected: a quiet walk never reads it, and
    /// building tokens (an array index as text) costs more than the check.
    @inline(__always)
    func descend(
        _ i: Int,
        _ value: JSONValue,
        at token: @autoclosure () -> String?,
        _ c: inout ValidationContext,
        _ valid: inout Bool
    ) -> Bool {
        var pushed = false
        if c.collecting, let token = token() {
            c.path.append(token)
            pushed = true
        }
        defer { if pushed { c.path.removeLast() } }
        if check(i, value, &c) { return false }
        valid = false
        return !c.collecting
    }

    /// Checks without recording errors, whatever the context collects.
    func isValid(_ i: Int, _ value: JSONValue, _ c: inout ValidationContext) -> Bool {
        var quiet = c.branch(collecting: false)
        return check(i, value, &quiet)
    }
}
