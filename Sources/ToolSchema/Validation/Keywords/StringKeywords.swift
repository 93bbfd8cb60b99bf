import JSONCore

extension Validator {
    func checkString(_ node: SchemaNode, _ s: String, _ c: inout ValidationContext) -> Bool {
        var valid = true
        // Code points, not Characters, counted only when the byte count cannot decide: a
        // string of n UTF-8 bytes has between n/4 and n code points.
        let bytes = s.utf8.count
        let maxUndecided = node.maxLength.map { bytes > $0 } ?? false
        let minUndecided = node.minLength.map { (bytes + 3) / 4 < $0 } ?? false
        if maxUndecided || minUndecided {
            let length = StringKey.scalarCount(s)
            if let min = node.minLength, length < min {
                if c.reject(
                    node,
                    "minLength",
                    "expected at least \(min) characters, found \(length)",
                    .init(limit: .number(JSONNumber(min))),
                    setting: &valid
                ) {
                    return false
                }
            }
            if let max = node.maxLength, length > max {
                if c.reject(
                    node,
                    "maxLength",
                    "expected at most \(max) characters, found \(length)",
                    .init(limit: .number(JSONNumber(max))),
                    setting: &valid
                ) {
                    return false
                }
            }
        }
        if let pattern = node.pattern, !pattern.matches(s) {
            if c.reject(
                node,
                "pattern",
                "expected a string matching /\(pattern.source)/, found \(Describe.quoted(s))",
                .init(format: pattern.source),
                setting: &valid
            ) {
                return false
            }
        }
        if let checker = node.formatChecker, c.assertsFormats || node.assertsFormat, let format = node.format,
            !checker.isValid(s)
        {
            if c.reject(
                node,
                "format",
                "expected \(checker.description), found \(Describe.quoted(s))",
                .init(format: format),
                setting: &valid
            ) {
                return false
            }
        }
        return valid
    }
}
