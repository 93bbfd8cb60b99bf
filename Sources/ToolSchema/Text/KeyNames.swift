/// Property-name spellings shared by derivation (writing a schema) and decoding (reading
/// values), so both stages convert keys the same way.
enum KeyNames {
    /// `cityName` to `city_name`, as JSONEncoder's snake_case strategy does.
    static func snakeCase(_ name: String) -> String {
        guard !name.isEmpty else { return name }
        var out = ""
        var previousWasLower = false
        for ch in name {
            if ch.isUppercase {
                if previousWasLower { out.append("_") }
                out += ch.lowercased()
                previousWasLower = false
            } else {
                out.append(ch)
                previousWasLower = ch.isLowercase || ch.isNumber
            }
        }
        return out
    }
}
