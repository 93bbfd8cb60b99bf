import JSONCore

extension Validator {
    func checkNumber(_ node: SchemaNode, _ n: JSONNumber, _ c: inout ValidationContext) -> Bool {
        var valid = true
        func limit(_ l: JSONNumber) -> SchemaViolation.Details { .init(limit: .number(l)) }
        // The value's short form is read once for every bound; each bound's was read when
        // the schema was compiled.
        let short = node.hasNumberBounds ? n.shortForm : nil
        @inline(__always) func order(_ bound: JSONNumber, _ boundShort: (mantissa: Int64, scale: Int)?) -> Int {
            if let short, let boundShort, let order = JSONNumber.compare(short: short, boundShort) { return order }
            return n.compareExactly(bound)
        }
        if let m = node.minimum, order(m, node.shortMinimum) < 0 {
            if c.reject(node, "minimum", "expected at least \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.exclusiveMinimum, order(m, node.shortExclusiveMinimum) <= 0 {
            if c.reject(node, "exclusiveMinimum", "expected more than \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.maximum, order(m, node.shortMaximum) > 0 {
            if c.reject(node, "maximum", "expected at most \(m), found \(n)", limit(m), setting: &valid) {
                return false
            }
        }
        if let m = node.exclusiveMaximum, order(m, node.shortExclusiveMaximum) >= 0 {
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
