// ToolCalling's API is written in ToolSchema's types (ToolSpec, ArgumentCheck, ModelHint,
// ToolArguments) and JSONCore's, so importing ToolCalling brings both along deliberately.
@_exported public import ToolSchema
