public import JSONCore

/// One problem with a tool call, as facts: where, what arrived, what is expected, and the fix
/// when it is certain. ``ModelHint`` words these; callers can word them their own way.
public struct HintItem: Hashable, Sendable {
    /// What kind of problem; compare against the static members. Kinds sort in the order hints
    /// list them (most actionable first). New kinds may be added.
    public struct Kind: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// A stable, kebab-case name for logs and machine-readable output.
        public let description: String
        /// Where the kind sorts: lower is listed first.
        let rank: Int
        private init(_ name: String, _ rank: Int) {
            description = name
            self.rank = rank
        }

        /// A call to a tool that does not exist.
        public static let unknownTool = Kind("unknown-tool", 0)
        /// The arguments text could not be read as JSON.
        public static let unreadable = Kind("unreadable", 1)
        /// The arguments text was cut off.
        public static let truncated = Kind("truncated", 2)
        /// Several calls merged into one arguments text.
        public static let mergedCalls = Kind("merged-calls", 3)
        /// A required parameter is missing.
        public static let missingRequired = Kind("missing-required", 4)
        /// A parameter under a name close to a declared one.
        public static let wrongName = Kind("wrong-name", 5)
        /// A parameter the schema does not declare.
        public static let unknownProperty = Kind("unknown-property", 6)
        /// A value of the wrong JSON type.
        public static let wrongType = Kind("wrong-type", 7)
        /// A value outside the allowed values (`enum`, `const`).
        public static let notAllowedValue = Kind("not-allowed-value", 8)
        /// A value beyond a bound (`minimum`, `maxLength`, `maxItems`…).
        public static let outOfBounds = Kind("out-of-bounds", 9)
        /// A string that does not match its `format` or `pattern`.
        public static let badFormat = Kind("bad-format", 10)
        /// Anything else the schema rejects.
        public static let other = Kind("other", 11)

        /// Orders as the type documents.
        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    /// A change that certainly fixes the problem.
    public enum Fix: Hashable, Sendable {
        /// Rename the property `from` (at the item's object) to `to`.
        case rename(from: String, to: String)
        /// Rename the property `from` to `to` and replace its value (a single value the
        /// declared property wants in an array).
        case renameAndReplace(from: String, to: String, with: JSONValue)
        /// Replace the value at the item's path.
        case replace(with: JSONValue)
        /// Remove the property at the item's path.
        case remove
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// Where in the arguments (for a missing property: the object that lacks it).
    public var instancePath: JSONPointer
    /// The argument's plain name, when it has one.
    public var name: String?
    /// What arrived there, when something did.
    public var received: JSONValue?
    /// What is expected, in words.
    public var expected: String
    /// The certain fix, or nil when the model must choose a value.
    public var fix: Fix?
    /// The line the hint shows for this problem.
    public var line: String
}
