import ArgumentParser
import Foundation
import ToolSchema
import ToolSchemaCLI

enum ResultFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

/// `toolschema validate`: check a model's arguments against a tool's schema.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check tool-call arguments against a tool's schema, repairing and coercing as the mode allows.",
        discussion: """
            --schema names a spec file in any shape (see lint) or a bare JSON Schema, JSON or YAML. \
            The arguments come from ARGUMENTS, --arguments-file, or stdin. With --batch, stdin holds \
            one arguments text per line and one JSON result is printed per line, in order, the lines \
            checked on every core. With --stream, stdin is read as it arrives and the command ends \
            (exit 1, with the hint) the moment no continuation of the text can be valid.
            Exit status: 0 valid, 1 invalid, 2 usage, I/O, or a schema that cannot be compiled.
            """
    )

    @Option(help: "The spec or JSON Schema file.")
    var schema: String

    @Option(help: "The tool to check against, when the file holds several.")
    var tool: String?

    @Option(help: "strict (no changes), coerce (the coercion table), or repair (repair the text, then coerce).")
    var mode: CheckMode = .repair

    @Flag(inversion: .prefixedNo, help: "Whether format is an assertion (default) or only an annotation.")
    var assertFormats = true

    @Flag(help: "Fill missing properties that declare a default (recorded as changes).")
    var fillDefaults = false

    @Option(
        help:
            "What an undeclared property means where the schema allows it: allow, warn (when it looks like a missing declared one, or is all its object holds) or reject."
    )
    var undeclared: Validator.UndeclaredProperties = .warn

    @Option(help: "text, or json (one object per input).")
    var format: ResultFormat = .text

    @Flag(help: "Read one arguments text per line from stdin; print one JSON result per line.")
    var batch = false

    @Option(help: "With --batch, how many lines to check at once (default: one per core).")
    var jobs: Int?

    @Flag(help: "Read one arguments text from stdin as it arrives; stop as soon as it cannot become valid.")
    var stream = false

    @OptionGroup var schemaOptions: SchemaOptions

    @Option(help: "A file holding the arguments text.")
    var argumentsFile: String?

    @Argument(help: "The arguments text (default: stdin).")
    var arguments: String?

    func validate() throws {
        if arguments != nil && argumentsFile != nil {
            throw ValidationError("give the arguments or --arguments-file, not both")
        }
        if batch && (arguments != nil || argumentsFile != nil) {
            throw ValidationError("--batch reads stdin; give no arguments")
        }
        if let jobs, !batch || jobs < 1 {
            throw ValidationError(batch ? "--jobs must be at least 1" : "--jobs needs --batch")
        }
        if stream && (batch || arguments != nil || argumentsFile != nil) {
            throw ValidationError("--stream reads one text from stdin; give no arguments and no --batch")
        }
    }

    func run() throws {
        let (validator, toolName) = try loadValidator()
        var options = Validator.CheckOptions()
        options.fillsDefaults = fillDefaults
        options.undeclaredProperties = undeclared
        options.toolName = toolName
        if batch {
            var batch = BatchValidation(validator: validator, toolName: toolName, mode: mode, options: options)
            if let jobs { batch.workers = jobs }
            if try !batch.run(input: 0) { throw ExitCode(1) }
            return
        }
        if stream {
            try runStreaming(validator, toolName: toolName, options: options)
            return
        }
        let text: String
        if let arguments {
            text = arguments
        } else {
            text = String(decoding: try Input.read(argumentsFile).bytes, as: UTF8.self)
        }
        let result = validator.check(arguments: text, mode: mode, options: options)
        try report(result, validator: validator, toolName: toolName)
    }

    /// Prints a finished check as `format` says; exit 1 when it is invalid.
    func report(_ result: ArgumentCheck, validator: Validator, toolName: String?) throws {
        switch format {
        case .json:
            Console.out(result.json(tool: toolName, validator: validator).jsonString() + "\n")
        case .text:
            let style = Style.forStandardError()
            let report = result.rendered(file: argumentsFile ?? "<arguments>", colour: style.enabled)
            if !report.isEmpty { Console.error(report) }
            if result.isValid, let value = result.arguments {
                Console.out(value.jsonString() + "\n")
            } else {
                let hint = ModelHint(check: result, tool: toolName, validator: validator)
                Console.error(style.bold("hint for the model:") + "\n" + hint.text)
            }
        }
        if !result.isValid { throw ExitCode(1) }
    }

    func loadValidator() throws -> (Validator, String?) {
        try SpecLoading.validator(
            schema: schema,
            tool: tool,
            assertFormats: assertFormats,
            schemaOptions: schemaOptions
        )
    }

    /// `--stream`: stdin read as it arrives, checked after every read.
    func runStreaming(_ validator: Validator, toolName: String?, options: Validator.CheckOptions) throws {
        var watch = validator.streamingCheck(mode: mode)
        while true {
            let data = FileHandle.standardInput.availableData  // what has arrived; empty at the end
            if data.isEmpty { break }
            guard case .hopeless(let violation) = watch.feed([UInt8](data)) else { continue }
            let check = ArgumentCheck(isValid: false, arguments: [:], errors: [violation])
            let hint = ModelHint(check: check, tool: toolName, validator: validator).withoutCorrectedArguments()
            switch format {
            case .json:
                var json = check.json(tool: toolName, validator: validator).objectValue ?? [:]
                json["arguments"] = nil
                json["hopeless_after_bytes"] = .number(JSONNumber(watch.bytes.count))
                json["hint"] = .string(hint.text)
                Console.out(JSONValue.object(json).jsonString() + "\n")
            case .text:
                Console.error(
                    "error: \(violation) [\(violation.keyword)]; after \(watch.bytes.count) bytes no continuation can be valid"
                )
                Console.error(Style.forStandardError().bold("hint for the model:") + "\n" + hint.text)
            }
            throw ExitCode(1)
        }
        let result = watch.finish(options: options)
        try report(result, validator: validator, toolName: toolName)
    }
}
