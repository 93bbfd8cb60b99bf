internal import JSONCore

extension LoadedDocument {
    /// Loads a JSON document, recording where every value was written.
    ///
    /// - Throws: ``LoadError`` with the position of the first problem.
    public static func loadJSON(_ source: SourceText) throws(LoadError) -> LoadedDocument {
        let result: (value: JSONValue, offsets: [JSONPointer: JSONNodeOffsets])
        do {
            result = try JSONParser().parseLocated(source.bytes.span)
        } catch {
            throw LoadError(
                code: error.code == .invalidUTF8 ? .invalidUTF8 : error.code == .duplicateKey ? .duplicateKey : .syntax,
                file: source.file,
                position: error.position,
                message: error.message,
                relatedPosition: error.relatedPosition,
                source: source
            )
        }
        // One pass over the text for every offset.
        let entries = Array(result.offsets)
        var offsets: [Int] = []
        offsets.reserveCapacity(entries.count * 2)
        for (_, o) in entries {
            offsets.append(o.value)
            offsets.append(o.key ?? o.value)
        }
        let positions = TextLocator.positions(of: offsets, in: source.bytes.span)
        var locations: [JSONPointer: NodeLocation] = [:]
        locations.reserveCapacity(entries.count)
        for (k, (p, o)) in entries.enumerated() {
            let hasKey = o.key != nil
            locations[p] = NodeLocation(value: positions[2 * k], key: hasKey ? positions[2 * k + 1] : nil)
        }
        return LoadedDocument(source: source, value: result.value, locations: locations)
    }
}
