import JSONCore

/// Short descriptions of values for messages: `"Paris"`, `the number 42`, `an object`.
enum Describe {
    static func value(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n):
            return "the number \(n.literal.count > 40 ? String(n.literal.prefix(40)) + "…" : n.literal)"
        case .string(let s): return "the string " + quoted(s)
        case .array(let a): return a.isEmpty ? "an empty array" : "an array of \(a.count)"
        case .object(let o): return o.isEmpty ? "an empty object" : "an object"
        }
    }

    static func quoted(_ s: String) -> String {
        let short =
            s.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(40))) + "…" : s
        return JSONValue.string(short).jsonString()
    }

    static func list(_ values: [JSONValue]) -> String {
        let shown = values.prefix(10).map { $0.jsonString() }.joined(separator: ", ")
        return values.count > 10 ? shown + ", … (\(values.count) in all)" : shown
    }

    static func types(_ t: TypeSet) -> String {
        let names = t.names.map { name in
            switch name {
            case "integer": "an integer"
            case "array", "object": "an \(name)"
            case "null": "null"
            default: "a \(name)"
            }
        }
        guard let last = names.last, names.count > 1 else { return names.first ?? "nothing" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }
}
