/// The `format` values ToolSchema asserts, each with a checker and a description for messages.
/// Other formats are annotations, as JSON Schema says, and never fail.
enum Formats {
    struct Checker: Sendable {
        var description: String
        var isValid: @Sendable (String) -> Bool
    }

    static func checker(_ name: String) -> Checker? {
        switch name {
        case "date-time":
            Checker(description: "a date-time (RFC 3339, such as 2026-12-24T08:30:00Z)", isValid: isDateTime)
        case "date": Checker(description: "a date (YYYY-MM-DD)", isValid: isDate)
        case "time":
            Checker(
                description: "a time with an offset (RFC 3339, such as 08:30:00Z or 08:30:00+08:00)",
                isValid: isTime
            )
        case "duration": Checker(description: "an ISO 8601 duration (such as P3D or PT1H30M)", isValid: isDuration)
        case "email": Checker(description: "an email address", isValid: isEmail)
        case "hostname": Checker(description: "a hostname", isValid: isHostname)
        case "ipv4": Checker(description: "an IPv4 address (such as 192.0.2.1)", isValid: isIPv4)
        case "ipv6": Checker(description: "an IPv6 address", isValid: isIPv6)
        case "uuid": Checker(description: "a UUID (8-4-4-4-12 hexadecimal digits)", isValid: isUUID)
        case "uri":
            Checker(description: "an absolute URI (RFC 3986, with a scheme)", isValid: { isURI($0, absolute: true) })
        case "uri-reference":
            Checker(description: "a URI reference (RFC 3986)", isValid: { isURI($0, absolute: false) })
        case "iri":
            Checker(
                description: "an absolute IRI (RFC 3987, with a scheme)",
                isValid: { isURI($0, absolute: true, iri: true) }
            )
        case "iri-reference":
            Checker(description: "an IRI reference (RFC 3987)", isValid: { isURI($0, absolute: false, iri: true) })
        case "json-pointer": Checker(description: "a JSON Pointer (RFC 6901, such as /items/0)", isValid: isJSONPointer)
        case "relative-json-pointer":
            Checker(description: "a relative JSON Pointer (such as 1/name or 0#)", isValid: isRelativeJSONPointer)
        case "uri-template": Checker(description: "a URI template (RFC 6570)", isValid: isURITemplate)
        case "regex":
            Checker(description: "an ECMA-262 regular expression", isValid: { (try? RegexParser.parse($0)) != nil })
        default: nil
        }
    }

    /// Runs `body` over the string's UTF-8 bytes without copying when they are contiguous.
    static func bytes<R>(_ s: String, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable({ body($0[...]) }) { return r }
        return Array(s.utf8).withUnsafeBufferPointer { body($0[...]) }
    }

    static func digits<C: RandomAccessCollection<UInt8>>(_ s: C) -> Int? {
        guard !s.isEmpty, s.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return s.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    static func isDate(_ s: String) -> Bool { bytes(s) { isDate($0) } }

    static func isDate<C: RandomAccessCollection<UInt8>>(_ b: C) -> Bool where C.Index == Int, C.SubSequence == C {
        guard b.count == 10, b[b.startIndex + 4] == 0x2D, b[b.startIndex + 7] == 0x2D else { return false }
        let i = b.startIndex
        guard let year = digits(b[i..<(i + 4)]), let month = digits(b[(i + 5)..<(i + 7)]),
            let day = digits(b[(i + 8)..<(i + 10)]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days =
            switch month {
            case 2: leap ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        return day <= days
    }

    static func isTime(_ s: String) -> Bool { bytes(s) { isTime($0) } }

    /// `HH:MM:SS[.frac](Z|±HH:MM)`; a leap second (`:60`) only at 23:59 UTC.
    static func isTime<C: RandomAccessCollection<UInt8>>(_ b: C) -> Bool where C.Index == Int, C.SubSequence == C {
        let i = b.startIndex
        guard b.count >= 9, b[i + 2] == 0x3A, b[i + 5] == 0x3A, let hour = digits(b[i..<(i + 2)]),
            let minute = digits(b[(i + 3)..<(i + 5)]), let second = digits(b[(i + 6)..<(i + 8)]), hour <= 23,
            minute <= 59,
            second <= 60
        else { return false }
        var k = i + 8
        if k < b.endIndex && b[k] == 0x2E {
            k += 1
            let start = k
            while k < b.endIndex && b[k] >= 0x30 && b[k] <= 0x39 { k += 1 }
            if k == start { return false }
        }
        guard k < b.endIndex else { return false }
        var offset = 0  // minutes east of UTC
        if b[k] == 0x5A || b[k] == 0x7A {
            guard k + 1 == b.endIndex else { return false }
        } else {
            guard b[k] == 0x2B || b[k] == 0x2D, b.endIndex - k == 6, b[k + 3] == 0x3A,
                let oh = digits(b[(k + 1)..<(k + 3)]), let om = digits(b[(k + 4)..<(k + 6)]), oh <= 23, om <= 59
            else { return false }
            offset = (b[k] == 0x2B ? 1 : -1) * (oh * 60 + om)
        }
        if second == 60 {
            let utc = ((hour * 60 + minute - offset) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    static func isDateTime(_ s: String) -> Bool {
        bytes(s) { b in
            let i = b.startIndex
            guard b.count > 11, b[i + 10] == 0x54 || b[i + 10] == 0x74 else { return false }
            return isDate(b[i..<(i + 10)]) && isTime(b[(i + 11)...])
        }
    }

    /// RFC 3339 appendix A: `P` then date parts, an optional `T` and time parts, or weeks alone.
    static func isDuration(_ s: String) -> Bool {
        var b = Array(s.utf8)[...]
        guard b.first == 0x50 else { return false }
        b = b.dropFirst()
        if b.last == 0x57 { return digits(b.dropLast()) != nil }
        func parts(_ part: ArraySlice<UInt8>, _ units: [UInt8]) -> Bool? {
            var rest = part
            var unitIndex = 0
            var any = false
            while !rest.isEmpty {
                let number = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
                guard !number.isEmpty else { return nil }
                rest = rest.dropFirst(number.count)
                guard let unit = rest.first, let position = units[unitIndex...].firstIndex(of: unit) else { return nil }
                // The units run without gaps: Y, YM, YMD, M, MD, D (and H, HM, HMS, M, MS, S).
                if any && position != unitIndex { return nil }
                unitIndex = position + 1
                rest = rest.dropFirst()
                any = true
            }
            return any
        }
        let split = b.firstIndex(of: 0x54)
        let datePart = split.map { b[b.startIndex..<$0] } ?? b
        let timePart = split.map { b[($0 + 1)...] }
        guard let hasDate = parts(datePart, [0x59, 0x4D, 0x44]) else { return false }
        if let timePart {
            guard let hasTime = parts(timePart, [0x48, 0x4D, 0x53]), hasTime else { return false }
            return true
        }
        return hasDate
    }

    static func isHostname(_ s: String) -> Bool {
        bytes(s) { b in
            guard !b.isEmpty, b.count <= 253 else { return false }
            // Label by label, in place: no copy of the text, no array of labels.
            var start = b.startIndex
            while true {
                var end = start
                while end < b.endIndex && b[end] != 0x2E { end += 1 }
                guard isHostnameLabel(b[start..<end]) else { return false }
                if end == b.endIndex { return true }
                start = end + 1
            }
        }
    }

    /// One label of a hostname: 1 to 63 letters, digits and inner hyphens; an A-label
    /// (`xn--`) must be valid Punycode for a valid U-label (RFC 5890, 5891).
    static func isHostnameLabel(_ label: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard (1...63).contains(label.count), label.first != 0x2D, label.last != 0x2D,
            label.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D
            })
        else { return false }
        if label.count >= 4, label[label.startIndex] | 0x20 == 0x78, label[label.startIndex + 1] | 0x20 == 0x6E,
            label[label.startIndex + 2] == 0x2D, label[label.startIndex + 3] == 0x2D
        {
            guard let decoded = Punycode.decode(label.dropFirst(4)), IDNA.isValidULabel(decoded) else {
                return false
            }
        }
        return true
    }

    /// The `atext` specials of RFC 5322 (besides letters and digits), a bit per ASCII byte.
    static let atextSpecials: (low: UInt64, high: UInt64) = {
        var mask: (low: UInt64, high: UInt64) = (0, 0)
        for c in "!#$%&'*+-/=?^_`{|}~".utf8 {
            if c < 64 { mask.low |= 1 << UInt64(c) } else { mask.high |= 1 << UInt64(c - 64) }
        }
        return mask
    }()

    static func isAtextSpecial(_ c: UInt8) -> Bool {
        c < 64 ? atextSpecials.low & (1 << UInt64(c)) != 0 : c < 128 && atextSpecials.high & (1 << UInt64(c - 64)) != 0
    }

    static func isEmail(_ s: String) -> Bool {
        guard let at = s.utf8.lastIndex(of: 0x40) else { return false }
        let local = s.utf8[..<at]
        let domain = String(s[s.utf8.index(after: at)...])
        if local.count >= 2, local.first == 0x22, local.last == 0x22 {
            // A quoted string (RFC 5321): printable ASCII but `"` and `\`, or a `\` pair.
            let inner = Array(local.dropFirst().dropLast())
            var k = 0
            while k < inner.count {
                let c = inner[k]
                if c == 0x5C {
                    guard k + 1 < inner.count, (0x20...0x7E).contains(inner[k + 1]) else { return false }
                    k += 2
                    continue
                }
                guard (0x20...0x7E).contains(c), c != 0x22 else { return false }
                k += 1
            }
            return local.count <= 66 && isHostnameOrLiteral(domain)
        }
        guard !local.isEmpty, local.count <= 64, local.first != 0x2E, local.last != 0x2E else { return false }
        var previousDot = false
        for c in local {
            let isDot = c == 0x2E
            if isDot && previousDot { return false }
            guard isDot || (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || isAtextSpecial(c)
            else { return false }
            previousDot = isDot
        }
        return isHostnameOrLiteral(domain)
    }

    static func isHostnameOrLiteral(_ domain: String) -> Bool {
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            let inner = String(domain.dropFirst().dropLast())
            return inner.hasPrefix("IPv6:") ? isIPv6(String(inner.dropFirst(5))) : isIPv4(inner)
        }
        return isHostname(domain)
    }

    static func isIPv4(_ s: String) -> Bool {
        let parts = Array(s.utf8).split(separator: 0x2E, omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for p in parts {
            guard (1...3).contains(p.count), let v = digits(p), v <= 255, !(p.count > 1 && p.first == 0x30) else {
                return false
            }
        }
        return true
    }

    static func isIPv6(_ s: String) -> Bool {
        var text = s
        var groupsAvailable = 8
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(text[text.index(after: lastColon)...])) else { return false }
            text = String(text[...lastColon]) + "0"
            groupsAvailable = 7
        }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> [Substring]? {
            if part.isEmpty { return [] }
            let gs = part.split(separator: ":", omittingEmptySubsequences: false)
            for g in gs {
                guard (1...4).contains(g.count), g.allSatisfy(\.isHexDigit) else { return nil }
            }
            return gs
        }
        guard let first = groups(halves[0]) else { return false }
        if halves.count == 1 { return first.count == groupsAvailable }
        guard let second = groups(halves[1]) else { return false }
        return first.count + second.count < groupsAvailable
    }

    static func isUUID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 36 else { return false }
        for (k, c) in b.enumerated() {
            if [8, 13, 18, 23].contains(k) {
                guard c == 0x2D else { return false }
            } else {
                guard (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) else { return false }
            }
        }
        return true
    }

    /// RFC 3986: `scheme ":" hier-part ["?" query] ["#" fragment]` when absolute, else a URI or
    /// a relative reference; each part checked against its grammar (userinfo, host with IP
    /// literals, a numeric port, path segments, query and fragment characters, percent-escapes).
    static func isURI(_ s: String, absolute: Bool, iri: Bool = false) -> Bool {
        let b = Array(s.utf8)[...]
        var rest = b
        var fragment: ArraySlice<UInt8>? = nil
        if let hash = rest.firstIndex(of: 0x23) {
            fragment = rest[(hash + 1)...]
            rest = rest[..<hash]
        }
        var query: ArraySlice<UInt8>? = nil
        if let question = rest.firstIndex(of: 0x3F) {
            query = rest[(question + 1)...]
            rest = rest[..<question]
        }
        var hasScheme = false
        let firstDelimiter = rest.firstIndex { $0 == 0x2F } ?? rest.endIndex
        if let colon = rest.firstIndex(of: 0x3A), colon < firstDelimiter {
            let scheme = rest[..<colon]
            guard let first = scheme.first, first.isLetter,
                scheme.allSatisfy({ $0.isLetter || $0.isDigit || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
            else { return false }
            hasScheme = true
            rest = rest[(colon + 1)...]
        }
        if absolute && !hasScheme { return false }
        if let fragment, !all(fragment, allowing: "/?:@", iri: iri) { return false }
        if let query, !all(query, allowing: "/?:@", iri: iri) { return false }
        var path = rest
        if rest.starts(with: [0x2F, 0x2F]) {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: 0x2F) ?? afterSlashes.endIndex
            guard isAuthority(afterSlashes[..<end], iri: iri) else { return false }
            path = afterSlashes[end...]
        } else if !hasScheme, let colon = path.firstIndex(of: 0x3A),
            colon < (path.firstIndex(of: 0x2F) ?? path.endIndex)
        {
            return false  // a relative path's first segment cannot hold ':'
        }
        return all(path, allowing: "/:@", iri: iri)
    }

    /// `[userinfo "@"] host [":" port]`.
    static func isAuthority(_ a: ArraySlice<UInt8>, iri: Bool = false) -> Bool {
        var hostPort = a
        if let at = a.lastIndex(of: 0x40) {
            guard all(a[..<at], allowing: ":", iri: iri) else { return false }  // rejects a second '@' too
            hostPort = a[(at + 1)...]
        }
        var host = hostPort
        if hostPort.first == 0x5B {
            guard let close = hostPort.firstIndex(of: 0x5D) else { return false }
            let literal = String(decoding: hostPort[(hostPort.startIndex + 1)..<close], as: UTF8.self)
            let isFuture = literal.first == "v" || literal.first == "V"
            guard isFuture || isIPv6(literal) else { return false }
            host = hostPort[...close]
            let after = hostPort[(close + 1)...]
            if !after.isEmpty {
                guard after.first == 0x3A, after.dropFirst().allSatisfy(\.isDigit) else { return false }
            }
            return true
        }
        if let colon = hostPort.lastIndex(of: 0x3A) {
            guard hostPort[(colon + 1)...].allSatisfy(\.isDigit) else { return false }
            host = hostPort[..<colon]
        }
        return all(host, allowing: "", iri: iri)
    }

    /// Whether every byte is unreserved, a sub-delimiter, a valid `%XX` escape, or in `extra`
    /// (or, in an IRI, part of a non-ASCII character).
    static func all(_ part: ArraySlice<UInt8>, allowing extra: String, iri: Bool = false) -> Bool {
        let allowed = Set("-._~!$&'()*+,;=".utf8).union(extra.utf8)
        var k = part.startIndex
        while k < part.endIndex {
            let c = part[k]
            if c == 0x25 {
                guard k + 2 < part.endIndex, part[k + 1].isHex, part[k + 2].isHex else { return false }
                k += 3
                continue
            }
            guard c.isLetter || c.isDigit || allowed.contains(c) || (iri && c >= 0x80) else { return false }
            k += 1
        }
        return true
    }

    /// RFC 6901: empty, or `/`-prefixed tokens where `~` is followed by `0` or `1`.
    static func isJSONPointer(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.isEmpty || b[0] == 0x2F else { return false }
        for (k, c) in b.enumerated() where c == 0x7E {
            guard k + 1 < b.count, b[k + 1] == 0x30 || b[k + 1] == 0x31 else { return false }
        }
        return true
    }

    /// A non-negative integer without leading zeros, then `#` or a JSON Pointer.
    static func isRelativeJSONPointer(_ s: String) -> Bool {
        let b = Array(s.utf8)
        let count = b.prefix { $0.isDigit }.count
        guard count > 0, !(count > 1 && b[0] == 0x30) else { return false }
        let rest = b[count...]
        if rest.first == 0x23 { return rest.count == 1 }
        return isJSONPointer(String(decoding: rest, as: UTF8.self))
    }

    /// RFC 6570 level 4: literals and `{op varspec,...}` expressions, each varspec a name of
    /// `varchar`s (dots between) with an optional `:max-length` (1 to 9999) or `*`.
    static func isURITemplate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        var k = 0
        func pct(_ k: Int) -> Bool { k + 2 < b.count && b[k] == 0x25 && b[k + 1].isHex && b[k + 2].isHex }
        while k < b.count {
            let c = b[k]
            if c == 0x7B {
                guard let close = b[k...].firstIndex(of: 0x7D) else { return false }
                var body = b[(k + 1)..<close]
                if let op = body.first, "+#./;?&=,!@|".utf8.contains(op) { body = body.dropFirst() }
                for spec in body.split(separator: 0x2C, omittingEmptySubsequences: false) {
                    var name = spec[...]
                    if name.last == 0x2A {
                        name = name.dropLast()
                    } else if let colon = name.firstIndex(of: 0x3A) {
                        let length = name[(colon + 1)...]
                        guard (1...4).contains(length.count), length.first != 0x30, length.allSatisfy(\.isDigit) else {
                            return false
                        }
                        name = name[..<colon]
                    }
                    guard !name.isEmpty, name.first != 0x2E, name.last != 0x2E else { return false }
                    var j = name.startIndex
                    var previousDot = false
                    while j < name.endIndex {
                        if name[j] == 0x25 {
                            guard pct(j) else { return false }
                            j += 3
                            previousDot = false
                            continue
                        }
                        let isDot = name[j] == 0x2E
                        guard isDot ? !previousDot : (name[j].isLetter || name[j].isDigit || name[j] == 0x5F) else {
                            return false
                        }
                        previousDot = isDot
                        j += 1
                    }
                }
                k = close + 1
                continue
            }
            if c == 0x25 {
                guard pct(k) else { return false }
                k += 3
                continue
            }
            // Literals: anything but controls, space and " < > \ ^ ` { | }.
            guard c > 0x20, c != 0x7F, !"\"<>\\^`{|}".utf8.contains(c) else { return false }
            k += 1
        }
        return true
    }
}

extension UInt8 {
    fileprivate var isHex: Bool { (self >= 0x30 && self <= 0x39) || (self | 0x20 >= 0x61 && self | 0x20 <= 0x66) }
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    fileprivate var isLetter: Bool { self | 0x20 >= 0x61 && self | 0x20 <= 0x7A }
}
