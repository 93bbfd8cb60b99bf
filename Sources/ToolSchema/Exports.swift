// ToolSchema's API is written in JSONCore's types (JSONValue, JSONPointer, SourcePosition), so
// importing ToolSchema brings them along deliberately.
@_exported public import JSONCore
