internal import Synchronization

/// Compiled validators per arguments type, derived once.
enum DerivedValidators {
    /// A type and a key strategy; hashed without building any string.
    struct Key: Hashable {
        var type: ObjectIdentifier
        var strategy: SchemaDerivation.KeyStrategy
    }

    static let cache = Mutex<[Key: Validator]>([:])

    static func validator<T: Decodable>(for type: T.Type, keyStrategy: SchemaDerivation.KeyStrategy) throws -> Validator
    {
        let key = Key(type: ObjectIdentifier(T.self), strategy: keyStrategy)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let validator = try Validator(SchemaDerivation.schema(for: T.self, keyStrategy: keyStrategy))
        cache.withLock { $0[key] = validator }
        return validator
    }
}
