import JSONCore

extension Validator {
    func checkNumber(_ node: SchemaNode, _ n: JSONNumber, _ c: inout ValidationContext) -> Bool {
        var valid = true
        func limit(_ l: JSONNumber) -> SchemaViolation.Details { .init(limit: .number(l)) }
        if let m = node.minimum, n < m {
            if c.reject(node, "minimum", "expected at least \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.exclusiveMinimum, n <= m {
            if c.reject(node, "exclusiveMinimum", "expected more than \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.maximum, n > m {
            if c.reject(node, "maximum", "expected at most \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.exclusiveMaximum, n >= m {
            if c.reject(node, "exclusiveMaximum", "expected less than \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.multipleOf, !DecimalMath.isMultiple(n, of: m) {
            if c.reject(node, "multipleOf", "expected a multiple of \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        return valid
    }
}
