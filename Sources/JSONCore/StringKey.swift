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
        // Native strings (and small ones) expose their bytes; compare those directly.
        // `UTF8View.elementsEqual` walks indices one byte at a time and measured ~10x slower.
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in bytesEqual(pa, pb) }
        }
        if let fast, let result = fast { return result }
        return a.utf8.elementsEqual(b.utf8)
    }

    @inline(__always)
    static func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var i = 0
        while i < a.count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// The number of Unicode scalars (code points) in `s`, counted over its UTF-8 bytes.
    package static func scalarCount(_ s: String) -> Int {
        if let n = s.utf8.withContiguousStorageIfAvailable({ buffer -> Int in
            var n = 0
            for b in buffer where b & 0xC0 != 0x80 { n += 1 }
            return n
        }) {
            return n
        }
        return s.unicodeScalars.count
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
