public import JSONCore
public import Testing

/// Checks a position's line and column, reporting failures at the caller.
public func expectPosition(
    _ p: SourcePosition?,
    line: Int,
    column: Int,
    offset: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(p?.line == line, "line", sourceLocation: sourceLocation)
    #expect(p?.column == column, "column", sourceLocation: sourceLocation)
    if let offset { #expect(p?.offset == offset, "offset", sourceLocation: sourceLocation) }
}

/// Parses strictly and returns the error, failing the test when parsing succeeds.
public func strictError(
    _ text: String,
    options: JSONParser.Options = JSONParser.Options(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> JSONParseError? {
    expectParseError(sourceLocation) { () throws(JSONParseError) in try JSONParser(options: options).parse(text) }
}

/// Parses bytes strictly and returns the error, failing the test when parsing succeeds.
public func strictError(
    bytes: [UInt8],
    options: JSONParser.Options = JSONParser.Options(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> JSONParseError? {
    expectParseError(sourceLocation) { () throws(JSONParseError) in try JSONParser(options: options).parse(bytes) }
}

private func expectParseError(
    _ sourceLocation: SourceLocation,
    _ parse: () throws(JSONParseError) -> JSONValue
) -> JSONParseError? {
    do {
        let value = try parse()
        Issue.record("expected an error, parsed \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
