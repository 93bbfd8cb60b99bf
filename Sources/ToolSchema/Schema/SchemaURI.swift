/// A URI or relative reference as `$id`, `$ref` and `$schema` hold them, split into RFC 3986's
/// five parts, with reference resolution (section 5.2) against a base. Only what identifying
/// schemas needs: no percent-decoding of the path, no scheme-specific normalization beyond
/// lowercasing the scheme and host.
package struct SchemaURI: Hashable, Sendable, CustomStringConvertible {
    package var scheme: String?
    package var authority: String?
    package var path: String
    package var query: String?
    package var fragment: String?

    /// Splits `text` without judging it; every string is some reference.
    package init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), Self.isScheme(rest[..<colon]) {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            authority = Self.normalizedAuthority(afterSlashes[..<end])
            rest = afterSlashes[end...]
        }
        path = String(rest)
    }

    private init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetter else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCIILetter || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
        }
    }

    private static func normalizedAuthority(_ text: Substring) -> String {
        // The host is case-insensitive; userinfo (before '@') is not.
        guard let at = text.lastIndex(of: "@") else { return text.lowercased() }
        return String(text[...at]) + text[text.index(after: at)...].lowercased()
    }

    /// Whether the reference names a whole URI (has a scheme).
    package var isAbsolute: Bool { scheme != nil }

    /// The URI without its fragment: the key a schema resource is found by.
    package var withoutFragment: SchemaURI {
        SchemaURI(scheme: scheme, authority: authority, path: path, query: query, fragment: nil)
    }

    /// The text form.
    package var description: String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// `reference` resolved against this URI as its base (RFC 3986, 5.2.2).
    package func resolving(_ reference: SchemaURI) -> SchemaURI {
        if reference.scheme != nil {
            return SchemaURI(
                scheme: reference.scheme,
                authority: reference.authority,
                path: Self.removingDotSegments(reference.path),
                query: reference.query,
                fragment: reference.fragment
            )
        }
        if reference.authority != nil {
            return SchemaURI(
                scheme: scheme,
                authority: reference.authority,
                path: Self.removingDotSegments(reference.path),
                query: reference.query,
                fragment: reference.fragment
            )
        }
        if reference.path.isEmpty {
            return SchemaURI(
                scheme: scheme,
                authority: authority,
                path: path,
                query: reference.query ?? query,
                fragment: reference.fragment
            )
        }
        let merged: String
        if reference.path.hasPrefix("/") {
            merged = reference.path
        } else if authority != nil && path.isEmpty {
            merged = "/" + reference.path
        } else if let slash = path.lastIndex(of: "/") {
            merged = String(path[...slash]) + reference.path
        } else {
            merged = reference.path
        }
        return SchemaURI(
            scheme: scheme,
            authority: authority,
            path: Self.removingDotSegments(merged),
            query: reference.query,
            fragment: reference.fragment
        )
    }

    /// The text `reference` resolved against this base.
    package func resolving(_ reference: String) -> SchemaURI { resolving(SchemaURI(reference)) }

    /// `text` with `%XX` escapes decoded (invalid escapes are kept as written).
    package static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(0x25) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x25, i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    static func removingDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var input = Substring(path)
        var output: [Substring] = []
        let absolute = input.hasPrefix("/")
        if absolute { input = input.dropFirst() }
        let segments = input.split(separator: "/", omittingEmptySubsequences: false)
        for (k, segment) in segments.enumerated() {
            let isLast = k == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return (absolute ? "/" : "") + output.joined(separator: "/")
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
