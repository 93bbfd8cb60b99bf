public import JSONCore

/// One problem with a tool call, as facts: where, what arrived, what is expected, and the fix
/// when it is certain. ``ModelHint`` words these; callers can word them their own way.
public struct HintItem: Hashable, Sendable {
    /// What kind of problem, in the order hints list them (most actionable first).
    public enum Kind: Int, Hashable, Sendable, Comparable, CaseIterable {
        case unknownTool, unreadable, truncated, mergedCalls, missingRequired, wrongName, unknownProperty, wrongType,
            notAllowedValue, outOfBounds, badFormat, other

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// A change that certainly fixes the problem.
    public enum Fix: Hashable, Sendable {
        /// Rename the property `from` (at the item's object) to `to`.
        case rename(from: String, to: String)
        /// Replace the value at the item's path.
        case replace(with: JSONValue)
        /// Remove the property at the item's path.
        case remove
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// Where in the arguments (for a missing property: the object that lacks it).
    public var path: JSONPointer
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
