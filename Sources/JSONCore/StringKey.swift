/// Code-point equality for strings.
///
/// JSON and JSON Schema compare strings code point by code point. Swift's `String` equality
/// uses canonical equivalence instead (`"é"` precomposed equals `"e\u{301}"`), which would let
/// two different JSON keys collide. Everything in JSONCore compares strings with these.
package enum StringKey {
    @inline(__always)
    package static func equal(_ a: String, _ b: String) -> Bool {
        // The byte counts are stored, so different lengths (the common case) cost nothing.
        guard a.utf8.count == b.utf8.count else { return false }
        // Byte-equal strings are canonically equal, so Swift's fast `==` (a memcmp for ASCII)
        // rules out most of the rest; only a match needs the exact byte check.
        guard a == b else { return false }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Orders strings by their UTF-8 bytes, which is also code-point order.
    package static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// A dictionary key that compares strings by code points.
struct ExactKey: Hashable {
    let string: String
    init(_ string: String) { self.string = string }
    static func == (a: ExactKey, b: ExactKey) -> Bool { StringKey.equal(a.string, b.string) }
    // String's own hash is consistent: code-point-equal strings are canonically equivalent.
    func hash(into hasher: inout Hasher) { hasher.combine(string) }
}
