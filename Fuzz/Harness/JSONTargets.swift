import Foundation
import JSONCore
import ToolSchema

enum JSONTargets {
    static func parse(_ bytes: [UInt8]) {
        let strict = Result { () throws(JSONParseError) in try JSONParser().parse(bytes) }
        if case .success(let value) = strict {
            // A value parsed once parses the same from its own text.
            require(
                (try? JSONParser().parse(exact(value))).map(exact) == exact(value),
                "the written value reparses differently"
            )
        }
        ParserDifferential.compare(bytes)
    }

    static func repair(_ bytes: [UInt8]) {
        let parser = JSONParser()
        guard let repaired = try? parser.repair(bytes) else {
            // Text the repairing parser gives up on is not JSON either.
            require((try? parser.parse(bytes)) == nil, "repair rejects text the strict parser accepts")
            return
        }
        for repair in repaired.repairs {
            require(
                repair.position.offset >= 0 && repair.position.offset <= bytes.count,
                "repair \(repair) points outside the \(bytes.count)-byte input"
            )
            require(repair.position.line >= 1 && repair.position.column >= 1, "repair \(repair) has no line and column")
        }
        if let strict = try? parser.parse(bytes) {
            // Valid JSON is left alone, except by the two rules about the whole arguments text:
            // `null` and `""` (or a string of whitespace) are no arguments, `{}`; a string
            // holding an object or array is read inside.
            require(!repaired.isTruncated, "valid JSON was called truncated")
            switch (strict, repaired.repairs.map(\.kind)) {
            case (_, []):
                require(exact(repaired.value) == exact(strict), "repairing valid JSON changed it without saying so")
            case (.null, [.emptyArguments]), (.string, [.emptyArguments]):
                require(
                    strict.stringValue?.allSatisfy(\.isWhitespace) ?? true,
                    "a non-empty string was read as no arguments"
                )
                require(repaired.value == .object([:]), "empty arguments were not read as {}")
            case (.string, let kinds) where kinds.first == .doubleEncoded:
                require(
                    repaired.value.objectValue != nil || repaired.value.arrayValue != nil,
                    "a double-encoded string did not give a container"
                )
            default:
                fail("valid JSON was repaired: \(repaired.repairs)")
            }
        }
        // Idempotent: the repaired value's text needs no repair and reads back the same.
        let text = exact(repaired.value)
        guard let again = try? parser.repair(text) else { fail("the repaired value's own text does not repair") }
        require(again.repairs.isEmpty, "repairing the repaired text repaired again: \(again.repairs)")
        require(exact(again.value) == text, "repairing the repaired text changed it")
        require((try? parser.parse(text)) != nil, "the repaired value's text is not strict JSON")
    }

    static func roundTrip(_ bytes: [UInt8]) {
        guard let value = try? JSONParser().parse(bytes) else { return }
        for writer in [
            JSONWriter(), JSONWriter(pretty: true), JSONWriter(sortsKeys: true), JSONWriter(pretty: true, indent: "\t"),
        ] {
            let text = writer.bytes(value)
            require(
                writer.string(value) == String(decoding: text, as: UTF8.self),
                "the writer's string and bytes differ"
            )
            guard let back = try? JSONParser().parse(text) else {
                fail("the writer's output does not parse: \(String(decoding: text.prefix(200), as: UTF8.self))")
            }
            require(back == value, "parse(write(v)) != v")
            let canonical = JSONWriter(sortsKeys: writer.sortsKeys)
            require(canonical.bytes(back) == canonical.bytes(value), "parse(write(v)) is written differently from v")
        }
    }

    static func incremental(_ bytes: [UInt8]) {
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
                require(invalidAt == nil, "the incremental parser took back an invalid verdict")
            }
        }
        require(parser.bytes == text, "the incremental parser lost or changed bytes")
        let finished = Result { () throws(JSONParseError) in try parser.finish() }
        switch (whole, finished) {
        case (.success(let a), .success(let b)):
            require(exact(a) == exact(b), "incremental and whole-text parses differ")
            require(invalidAt == nil, "a prefix of valid JSON (\(invalidAt ?? 0) bytes) was called invalid")
        case (.failure, .failure): break
        case (.success, .failure(let error)): fail("the incremental parser rejects valid JSON: \(error)")
        case (.failure(let error), .success): fail("the incremental parser accepts what the parser rejects: \(error)")
        }
        if case .complete = parser.status {
            require((try? whole.get()) != nil, "complete, yet the text does not parse")
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
        require(outcome == direct, "the streaming check's outcome differs from check(arguments:)")
        if outcome.isValid {
            require(
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
/// - Foundation accepts a trailing comma (`[1,]`); ToolSchema rejects it (`trailing-comma`).
/// - Foundation rejects a number a `Double` cannot hold (`1e400`); ToolSchema keeps its text.
/// - Foundation's numbers are compared as `Double`s, its booleans as numbers' `boolValue`.
enum ParserDifferential {
    static var options: JSONParser.Options {
        var options = JSONParser.Options()
        options.allowsByteOrderMark = true
        options.duplicateKeys = .keepLast
        return options
    }

    static func compare(_ bytes: [UInt8]) {
        if bytes.contains(0) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return }
        let ours = Result { () throws(JSONParseError) in try JSONParser(options: options).parse(bytes) }
        let theirs = Result { try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) }
        switch (ours, theirs) {
        case (.success(let value), .success(let object)):
            if let difference = Self.difference(value, object, at: .root) {
                fail("ToolSchema and Foundation read different values: \(difference)")
            }
        case (.failure, .failure): break
        case (.success(let value), .failure(let error)):
            if hasUnrepresentableNumber(value) { return }
            fail("ToolSchema accepts what Foundation rejects (\(error))")
        case (.failure(let error), .success):
            if error.code == .trailingComma { return }
            fail("Foundation accepts what ToolSchema rejects: \(error)")
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
            guard let their = theirs as? String, their.unicodeScalars.elementsEqual(string.unicodeScalars) else {
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
            guard let their = theirs as? [String: Any], their.count == object.count else {
                return "\(path): object of \(object.count) against \(theirs)"
            }
            for (key, value) in object {
                // Foundation's dictionary compares keys by canonical equivalence; find the
                // key with the same scalars.
                guard let match = their.first(where: { $0.key.unicodeScalars.elementsEqual(key.unicodeScalars) }) else {
                    return "\(path): key \(key.debugDescription) missing from Foundation's object"
                }
                if let difference = difference(value, match.value, at: path.appending(key)) { return difference }
            }
            return nil
        }
    }
}
