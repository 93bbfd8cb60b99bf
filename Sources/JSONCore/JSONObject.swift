/// A JSON object: string keys with values, in the order they were written.
///
/// Keys are unique and compare code point by code point. Lookups are linear for small
/// objects and hashed for large ones. Two objects are equal when they have the same keys
/// with equal values, whatever the order.
public struct JSONObject: Sendable {
    /// One key and its value.
    public typealias Element = (key: String, value: JSONValue)

    /// Storage for one member: a struct, so arrays of members get specialized code.
    package struct Member {
        package var key: String
        package var value: JSONValue

        package init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    private var members: [Member]
    /// A key index, kept only for objects with at least `indexThreshold` members.
    private var index: [ExactKey: Int]?

    static let indexThreshold = 16

    /// Creates an empty object.
    public init() {
        members = []
        index = nil
    }

    /// Creates an object from members whose keys are known to be unique (the index is made
    /// here when the object is large enough to need one).
    package init(uniqueMembers: [Member]) {
        self.init(uniqueMembers: uniqueMembers, index: nil)
    }

    /// Creates an object from members whose keys are known to be unique.
    init(uniqueMembers: [Member], index: [ExactKey: Int]?) {
        self.members = uniqueMembers
        self.index = uniqueMembers.count >= Self.indexThreshold ? (index ?? Self.makeIndex(uniqueMembers)) : nil
    }

    /// Creates an object from key-value pairs; a repeated key keeps its first position and
    /// its last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    private static func makeIndex(_ members: [Member]) -> [ExactKey: Int] {
        var index = [ExactKey: Int](minimumCapacity: members.count)
        for (offset, member) in members.enumerated() { index[ExactKey(member.key)] = offset }
        return index
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys, in order.
    public var keys: [String] { members.map(\.key) }

    /// The position of `key`, if present.
    public func indexOf(key: String) -> Int? {
        if let index { return index[ExactKey(key)] }
        for i in members.indices where StringKey.equal(members[i].key, key) { return i }
        return nil
    }

    /// The value for `key`; setting a value for a new key appends it, setting nil removes it.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let i = indexOf(key: key) else { return nil }
            return members[i].value
        }
        set {
            if let i = indexOf(key: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    removeMember(at: i)
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if index != nil {
                    index?[ExactKey(key)] = members.count - 1
                } else if members.count >= Self.indexThreshold {
                    index = Self.makeIndex(members)
                }
            }
        }
    }

    /// Removes and returns the value for `key`.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let i = indexOf(key: key) else { return nil }
        let value = members[i].value
        removeMember(at: i)
        return value
    }

    private mutating func removeMember(at i: Int) {
        members.remove(at: i)
        index = members.count >= Self.indexThreshold ? Self.makeIndex(members) : nil
    }

    /// Replaces the value at a position, keeping the key.
    package mutating func setValue(_ value: JSONValue, at position: Int) {
        members[position].value = value
    }
}

extension JSONObject: RandomAccessCollection {
    /// The position of the first member.
    public var startIndex: Int { 0 }
    /// The position after the last member.
    public var endIndex: Int { members.count }
    /// The member at a position.
    public subscript(position: Int) -> Element {
        let member = members[position]
        return (member.key, member.value)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Creates the value a literal writes.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Hashable {
    /// Objects are equal when they have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Fast path: same order.
        var i = 0
        while i < lhs.count && StringKey.equal(lhs.members[i].key, rhs.members[i].key) {
            guard lhs.members[i].value == rhs.members[i].value else { return false }
            i += 1
        }
        while i < lhs.count {
            guard let other = rhs[lhs.members[i].key], other == lhs.members[i].value else { return false }
            i += 1
        }
        return true
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        // Order-independent: a commutative sum of per-member hashes.
        var sum = 0
        for member in members {
            var h = Hasher()
            h.combine(member.key)
            h.combine(member.value)
            sum = sum &+ h.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(sum)
    }
}
