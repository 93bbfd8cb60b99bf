import Foundation
import JSONCore
import ToolSchema

enum JSONTargets {
    static func parse(_ bytes: [UInt8]) throws(FuzzFailure) {
        let strict = Result { () throws(JSONParseError) in try JSONParser().parse(bytes) }
        if case .success(let value) = strict {
            // A value parsed once parses the same from its own text.
            try require(
                (try? JSONParser().parse(exact(value))).map(exact) == exact(value),
                "the written value reparses differently"
            )
        }
        if let disagreement = ParserDifferential.disagreement(bytes) { try fail(disagreement) }
    }

    static func repair(_ bytes: [UInt8]) throws(FuzzFailure) {
        let parser = JSONParser()
        let repaired: RepairedJSON
        do {
            repaired = try parser.repair(bytes)
        } catch {
            // Text the repairing parser gives up on is not JSON either, but for one documented
            // rule: a whole text that is a string holding an object or array is read inside,
            // and what stays an error there (duplicate keys, merged values, limits) stays one.
            guard let strict = try? parser.parse(bytes) else { return }
            try require(
                RepairingFinal.isDoubleEncodedError(strict, error),
                "repair rejects text the strict parser accepts: \(error)"
            )
            return
        }
        for repair in repaired.repairs {
            try require(
                repair.position.offset >= 0 && repair.position.offset <= bytes.count,
                "repair \(repair) points outside the \(bytes.count)-byte input"
            )
            try require(
                repair.position.line >= 1 && repair.position.column >= 1,
                "repair \(repair) has no line and column"
            )
        }
        if let strict = try? parser.parse(bytes) {
            // Valid JSON is left alone, except by the two rules about the whole arguments text:
            // `null` and `""` (or a string of whitespace) are no arguments, `{}`; a string
            // holding an object or array is read inside.
            try require(!repaired.isTruncated, "valid JSON was called truncated")
            switch (strict, repaired.repairs.map(\.kind)) {
            case (_, []):
                try require(exact(repaired.value) == exact(strict), "repairing valid JSON changed it without saying so")
            case (.null, [.emptyArguments]), (.string, [.emptyArguments]):
                try require(
                    strict.stringValue?.allSatisfy(\.isWhitespace) ?? true,
                    "a non-empty string was read as no arguments"
                )
                try require(repaired.value == .object([:]), "empty arguments were not read as {}")
            case (.string, let kinds) where kinds.first == .doubleEncoded:
                try require(
                    repaired.value.objectValue != nil || repaired.value.arrayValue != nil,
                    "a double-encoded string did not give a container"
                )
            default:
                try fail("valid JSON was repaired: \(repaired.repairs)")
            }
        }
        // Idempotent: the repaired value's text needs no repair and reads back the same. A
        // truncated text skips the rules about the whole arguments (`nul` is read as the cut
        // literal `null`, not as no arguments), so its repaired text may still meet them once.
        let text = exact(repaired.value)
        let again: RepairedJSON
        do {
            again = try parser.repair(text)
        } catch {
            // A repaired string that holds an object or array meets the double-encoded rule
            // when its text is read again, and with it the errors that stay errors there.
            try require(
                RepairingFinal.isDoubleEncodedError(repaired.value, error),
                "the repaired value's own text does not repair: \(error)"
            )
            return
        }
        if repaired.isTruncated, again.repairs.map(\.kind) == [.emptyArguments] {
            try require(again.value == .object([:]), "empty arguments were not read as {}")
            return
        }
        try require(again.repairs.isEmpty, "repairing the repaired text repaired again: \(again.repairs)")
        try require(exact(again.value) == text, "repairing the repaired text changed it")
        try require((try? parser.parse(text)) != nil, "the repaired value's text is not strict JSON")
    }

    static func roundTrip(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let value = try? JSONParser().parse(bytes) else { return }
        for writer in [
            JSONWriter(), JSONWriter(pretty: true), JSONWriter(sortsKeys: true), JSONWriter(pretty: true, indent: "\t"),
        ] {
            let text = writer.bytes(value)
            try require(
                writer.string(value) == String(decoding: text, as: UTF8.self),
                "the writer's string and bytes differ"
            )
            guard let back = try? JSONParser().parse(text) else {
                try fail("the writer's output does not parse: \(String(decoding: text.prefix(200), as: UTF8.self))")
            }
            try require(back == value, "parse(write(v)) != v")
            let canonical = JSONWriter(sortsKeys: writer.sortsKeys)
            try require(
                canonical.bytes(back) == canonical.bytes(value),
                "parse(write(v)) is written differently from v"
            )
        }
    }

    static func incremental(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let seed = bytes.first else { return }
        let text = Array(bytes.dropFirst())
        var chunking = Chunking(seed: seed)
        let chunks = chunking.chunks(text)
        let whole = Result { () throws(JSONParseError) in try JSONParser().parse(text) }

        var parser = IncrementalJSONParser()
        var invalidAt: Int? = nil
        var received = 0
        for chunk in chunks {
            let status = parser.feed(chunk)
            received += chunk.count
            if case .invalid = status {
                if invalidAt == nil { invalidAt = received }
            } else {
                try require(invalidAt == nil, "the incremental parser took back an invalid verdict")
            }
        }
        try require(parser.bytes == text, "the incremental parser lost or changed bytes")
        let finished = Result { () throws(JSONParseError) in try parser.finish() }
        switch (whole, finished) {
        case (.success(let a), .success(let b)):
            try require(exact(a) == exact(b), "incremental and whole-text parses differ")
            try require(invalidAt == nil, "a prefix of valid JSON (\(invalidAt ?? 0) bytes) was called invalid")
        case (.failure, .failure): break
        case (.success, .failure(let error)): try fail("the incremental parser rejects valid JSON: \(error)")
        case (.failure(let error), .success):
            try fail("the incremental parser accepts what the parser rejects: \(error)")
        }
        if case .complete = parser.status {
            try require((try? whole.get()) != nil, "complete, yet the text does not parse")
        }

        // The streaming check on the same chunks: never hopeless when the whole text passes.
        let tool = Fixtures.tools[Int(seed) % Fixtures.tools.count]
        let mode = CheckMode.allCases[Int(seed / 16) % CheckMode.allCases.count]
        var watch = StreamingCheck(validator: tool.validator, mode: mode)
        var hopelessAt: Int? = nil
        received = 0
        for chunk in chunks {
            received += chunk.count
            if case .hopeless = watch.feed(chunk), hopelessAt == nil { hopelessAt = received }
        }
        let outcome = watch.finish()
        let direct = text.withUnsafeBufferPointer { tool.validator.check(arguments: $0.span, mode: mode) }
        try require(outcome == direct, "the streaming check's outcome differs from check(arguments:)")
        if outcome.isValid {
            try require(
                hopelessAt == nil,
                "\(mode) streaming check called a valid call hopeless after \(hopelessAt ?? 0) bytes"
            )
        }
    }
}

/// The strict parser beside Foundation's `JSONSerialization` (`.fragmentsAllowed`): the same
/// decision and equal values, except where the two are documented to differ:
/// - Foundation reads UTF-16 and UTF-32 (found by the first bytes) and stops at a NUL byte;
///   ToolSchema reads UTF-8 only and rejects NUL outside strings. Inputs with a NUL byte or a
///   UTF-16 byte-order mark are not compared.
/// - Foundation skips a UTF-8 byte-order mark; ToolSchema rejects it unless
///   `allowsByteOrderMark` (the comparison sets it).
/// - Foundation keeps a duplicate key's last value; ToolSchema rejects duplicates unless
///   `duplicateKeys: .keepLast` (the comparison sets it).
/// - Foundation drops a U+FEFF that begins a string or a key, or follows an escape in one
///   (`["\u{FEFF}a"]` reads as `["a"]`, found by fuzzing); ToolSchema keeps every character
///   of a string, as RFC 8259 asks. Strings are compared without U+FEFF.
/// - Foundation accepts a trailing comma (`[1,]`); ToolSchema rejects it (`trailing-comma`).
/// - Foundation rejects a number a `Double` cannot hold (`1e400`); ToolSchema keeps its text.
/// - Foundation's numbers are compared as `Double`s, its booleans as numbers' `boolValue`.
public enum ParserDifferential {
    static var options: JSONParser.Options {
        var options = JSONParser.Options()
        options.allowsByteOrderMark = true
        options.duplicateKeys = .keepLast
        return options
    }

    /// How the two parsers disagree on `bytes`, or nil when they agree (or the input is one
    /// of the documented exceptions).
    public static func disagreement(_ bytes: [UInt8]) -> String? {
        if bytes.contains(0) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return nil }
        let ours = Result { () throws(JSONParseError) in try JSONParser(options: options).parse(bytes) }
        let theirs = Result { try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) }
        switch (ours, theirs) {
        case (.success(let value), .success(let object)):
            return Self.difference(value, object, at: .root).map {
                "ToolSchema and Foundation read different values: \($0)"
            }
        case (.failure, .failure): return nil
        case (.success(let value), .failure(let error)):
            if hasUnrepresentableNumber(value) { return nil }
            return "ToolSchema accepts what Foundation rejects (\(error))"
        case (.failure(let error), .success):
            if error.code == .trailingComma { return nil }
            return "Foundation accepts what ToolSchema rejects: \(error)"
        }
    }

    static func hasUnrepresentableNumber(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let number): return !(Double(number.description)?.isFinite ?? false)
        case .array(let items): return items.contains(where: hasUnrepresentableNumber)
        case .object(let object): return object.contains { hasUnrepresentableNumber($0.1) }
        default: return false
        }
    }

    /// Whether Foundation's string is ours, scalar for scalar, allowing for Foundation's
    /// dropping of U+FEFF (at a string's start and after an escape): compared without it.
    static func sameScalars(_ theirs: String, _ ours: String) -> Bool {
        if theirs.unicodeScalars.elementsEqual(ours.unicodeScalars) { return true }
        return theirs.unicodeScalars.filter { $0 != "\u{FEFF}" }
            .elementsEqual(ours.unicodeScalars.filter { $0 != "\u{FEFF}" })
    }

    /// Where two values differ, or nil.
    static func difference(_ ours: JSONValue, _ theirs: Any, at path: JSONPointer) -> String? {
        switch ours {
        case .null:
            return theirs is NSNull ? nil : "\(path): null against \(theirs)"
        case .bool(let bool):
            guard let number = theirs as? NSNumber, number.boolValue == bool else {
                return "\(path): \(bool) against \(theirs)"
            }
            return nil
        case .number(let number):
            guard let their = theirs as? NSNumber, let mine = Double(number.description) else {
                return "\(path): \(number) against \(theirs)"
            }
            let other = their.doubleValue
            if mine == other || abs(mine - other) <= 1e-12 * max(abs(mine), abs(other)) { return nil }
            return "\(path): \(number) against \(other)"
        case .string(let string):
            guard let their = theirs as? String, sameScalars(their, string) else {
                return "\(path): \(string.debugDescription) against \(theirs)"
            }
            return nil
        case .array(let items):
            guard let their = theirs as? [Any], their.count == items.count else {
                return "\(path): array against \(theirs)"
            }
            for (index, item) in items.enumerated() {
                if let difference = difference(item, their[index], at: path.appending(index: index)) {
                    return difference
                }
            }
            return nil
        case .object(let object):
            // Foundation drops a U+FEFF at a key's start, so `"\u{FEFF}a"` and `"a"` become one
            // key there (which value it keeps is its own choice): such keys are not compared.
            let stripped = object.keys.map {
                String(String.UnicodeScalarView($0.unicodeScalars.filter { $0 != "\u{FEFF}" }))
            }
            var counts: [String: Int] = [:]
            for key in stripped { counts[key, default: 0] += 1 }
            guard let their = theirs as? [String: Any], their.count == object.count || their.count == counts.count
            else {
                return "\(path): object of \(object.count) against \(theirs)"
            }
            for ((key, value), plain) in zip(object, stripped) where counts[plain] == 1 {
                // Foundation's dictionary compares keys by canonical equivalence; find the
                // key with the same scalars, else the one that differs only by a dropped
                // U+FEFF (never that one when the exact key is there too: `a\u{FEFF}b` and `ab`
                // are two keys).
                let exact = their.first { $0.key.unicodeScalars.elementsEqual(key.unicodeScalars) }
                guard let match = exact ?? their.first(where: { sameScalars($0.key, key) }) else {
                    return "\(path): key \(key.debugDescription) missing from Foundation's object"
                }
                if let difference = difference(value, match.value, at: path.appending(key)) { return difference }
            }
            return nil
        }
    }
}

/// The errors the repairing parser never repairs away (`RepairingParser.isFinal`), inside a
/// double-encoded string as anywhere.
enum RepairingFinal {
    static let codes: Set<JSONParseError.Code> = [
        .depthLimit, .inputTooLarge, .stringTooLong, .numberTooLong, .duplicateKey, .invalidUTF8, .mergedValues,
    ]

    /// Whether `error` from repairing the text of `value` is the double-encoded rule's: the
    /// value is a string whose content starts with `{` or `[`, and the error is one that
    /// stays an error inside it.
    static func isDoubleEncodedError(_ value: JSONValue, _ error: JSONParseError) -> Bool {
        let inner = value.stringValue?.unicodeScalars.first { !" \t\n\r".unicodeScalars.contains($0) }
        return (inner == "{" || inner == "[") && codes.contains(error.code)
    }
}
