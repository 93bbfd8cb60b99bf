import JSONCore
import ToolSchema

enum SchemaTargets {
    static func yaml(_ bytes: [UInt8]) throws(FuzzFailure) {
        let source = SourceText(file: "fuzz.yaml", bytes: bytes)
        let documents: [LoadedDocument]
        do {
            documents = try LoadedDocument.loadYAML(source)
        } catch {
            if let position = error.position {
                try require(
                    position.offset >= 0 && position.offset <= bytes.count,
                    "a YAML error points outside the input: \(error)"
                )
            }
            _ = error.rendered()
            return
        }
        for document in documents {
            for (pointer, location) in document.locations {
                try require(
                    pointer.resolve(in: document.value) != nil,
                    "a YAML location names \(pointer), which is not in the value"
                )
                for position in [location.value] + (location.key.map { [$0] } ?? []) {
                    try require(
                        position.offset >= 0 && position.offset <= bytes.count && position.line >= 1,
                        "the YAML position of \(pointer) is outside the input"
                    )
                }
            }
            // What YAML loads, JSON can hold.
            let text = exact(document.value)
            try require(
                (try? JSONParser().parse(text)).map(exact) == text,
                "a value loaded from YAML does not round-trip as JSON"
            )
        }
    }

    static let samples: [JSONValue] = [
        .null, true, false, 0, -1, 1.5, 1e300, "", "a", "2026-12-01", "a@b.c", "中文", [], [1, "a", nil],
        [:], ["a": 1], ["a": ["b": [true]]], ["name": "x", "parameters": [:]],
    ]

    static func compile(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let schema = try? JSONParser().parse(bytes) else {
            // Text that is not JSON may still be YAML: the linter reads both.
            let report = Linter(profiles: Set(LintProfile.allCases)).lint([SourceText(file: "fuzz.yaml", bytes: bytes)])
            _ = report.rendered()
            return
        }
        for dialect in [SchemaDialect.draft2020_12, .draft07, .draft04] {
            var options = Validator.Options()
            options.defaultDialect = dialect
            guard let validator = try? Validator(schema, options: options) else { continue }
            for sample in samples + [schema] {
                try checkConsistent(validator, sample)
                // Read and validated in one pass, the sample's text decides as the walk does.
                let text = exact(sample)
                let onePass = text.withUnsafeBufferPointer { validator.check(arguments: $0.span, mode: .strict) }
                try require(onePass.isValid == validator.isValid(sample), "strict check and isValid disagree")
            }
        }
        // The same schema as a tool's parameters, through the linter with every profile.
        let spec: JSONValue = [
            "type": "function", "function": ["name": "fuzz", "description": "Fuzz.", "parameters": schema],
        ]
        let report = Linter(profiles: Set(LintProfile.allCases)).lint([
            SourceText(file: "fuzz.json", bytes: exact(spec))
        ])
        for output in [report.rendered(), report.githubAnnotations()] {
            try require(!output.isEmpty || report.findings.isEmpty, "a lint report renders empty")
        }
        for json in [report.json(), report.sarif()] {
            try require((try? JSONParser().parse(exact(json))) != nil, "a lint report's JSON does not parse")
        }
    }

    /// `isValid` and `validate` agree, and every error names a place in the instance.
    static func checkConsistent(_ validator: Validator, _ instance: JSONValue) throws(FuzzFailure) {
        let errors = validator.validate(instance)
        try require(
            validator.isValid(instance) == errors.isEmpty,
            "isValid and validate disagree on \(String(decoding: exact(instance), as: UTF8.self))"
        )
        for error in errors {
            try require(
                error.instancePath.resolve(in: instance) != nil,
                "an error names \(error.instancePath), which is not in the instance"
            )
            try require(!error.message.isEmpty, "an error without a message at \(error.instancePath)")
        }
    }

    static func validate(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard bytes.count >= 2 else { return }
        let schemas = Fixtures.schemas
        let validator = schemas[(Int(bytes[0]) << 8 | Int(bytes[1])) % schemas.count]
        let text = Array(bytes.dropFirst(2))
        guard let instance = try? JSONParser().parse(text) else { return }
        try checkConsistent(validator, instance)
        // The strict check of the same text decides the same.
        let check = text.withUnsafeBufferPointer { validator.check(arguments: $0.span, mode: .strict) }
        try require(check.isValid == validator.isValid(instance), "strict check and isValid disagree")
        let twoPasses = text.withUnsafeBufferPointer { validator.checkInTwoPasses(arguments: $0.span, mode: .strict) }
        try require(check == twoPasses, "the one-pass and two-pass checks disagree")
    }

    static func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let selector = bytes.first else { return }
        let tool = Fixtures.tools[Int(selector) % Fixtures.tools.count]
        let text = Array(bytes.dropFirst())
        let strictValue = try? JSONParser().parse(text)
        let strictValid = strictValue.map(tool.validator.isValid) ?? false
        for mode in CheckMode.allCases {
            let outcome = text.withUnsafeBufferPointer { tool.validator.check(arguments: $0.span, mode: mode) }
            let twoPasses = text.withUnsafeBufferPointer {
                tool.validator.checkInTwoPasses(arguments: $0.span, mode: mode)
            }
            try require(outcome == twoPasses, "the one-pass and two-pass checks disagree in \(mode) mode")
            try CheckProperties.verify(
                outcome,
                tool: tool,
                mode: mode,
                strictValue: strictValue,
                strictValid: strictValid
            )
            if let string = String(validating: text, as: UTF8.self) {
                try require(
                    tool.validator.check(arguments: string, mode: mode) == outcome,
                    "the String and byte overloads of check disagree"
                )
            }
        }
    }

    static func regex(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let first = bytes.first else { return }
        let rest = bytes.dropFirst()
        let length = min(Int(first), rest.count)
        guard let pattern = String(validating: rest.prefix(length), as: UTF8.self) else { return }
        let text = String(decoding: rest.dropFirst(length), as: UTF8.self)
        guard let compiled = try? CompiledPattern(pattern) else { return }
        let matches = compiled.matches(text)
        if compiled.hasAutomaton {
            try require(
                compiled.matchesByVM(text) == matches,
                "the table and the VM disagree on /\(pattern)/ against \(text.debugDescription)"
            )
        }
        // Matching is a search: text that matches still matches with more around it, unless
        // the pattern is anchored or looks around.
        if matches && !pattern.contains(where: { "^$\\(".contains($0) }) {
            try require(
                compiled.matches("\u{1}" + text + "\u{1}"),
                "/\(pattern)/ matches \(text.debugDescription) but not inside longer text"
            )
        }
    }

    static func hints(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard bytes.count >= 2 else { return }
        let tool = Fixtures.tools[Int(bytes[0]) % Fixtures.tools.count]
        let budget = [ModelHint.defaultBudget, 300, 600, 2_000][Int(bytes[1]) % 4]
        let text = Array(bytes.dropFirst(2))
        let outcome = text.withUnsafeBufferPointer { tool.validator.check(arguments: $0.span, mode: .repair) }
        let hint = ModelHint(check: outcome, tool: tool.name, validator: tool.validator, budget: budget)
        if outcome.isValid {
            try require(hint.items.isEmpty && hint.text.isEmpty, "a valid call got a hint")
            return
        }
        try require(!hint.items.isEmpty && !hint.text.isEmpty, "an invalid call got no hint")
        try require(hint.text.count <= budget, "a \(hint.text.count)-character hint for a \(budget)-character budget")
        let again = ModelHint(check: outcome, tool: tool.name, validator: tool.validator, budget: budget)
        try require(again == hint, "the same outcome gave two different hints")
        if let corrected = hint.correctedArguments, hint.isExactlyActionable {
            try require(tool.validator.isValid(corrected), "exactly actionable corrected arguments do not validate")
        }
        for message in [hint.openAIToolMessage(toolCallID: "call_1"), hint.anthropicToolResult(toolUseID: "toolu_1")] {
            try require((try? JSONParser().parse(exact(message))) != nil, "a hint's message is not JSON")
        }
        _ = outcome.rendered()
        _ = outcome.json(tool: tool.name, validator: tool.validator)
    }
}

/// What every outcome of `check(arguments:)` promises.
enum CheckProperties {
    static func verify(
        _ outcome: ArgumentCheck,
        tool: Fixtures.Tool,
        mode: CheckMode,
        strictValue: JSONValue?,
        strictValid: Bool
    ) throws(FuzzFailure) {
        if outcome.isValid {
            guard let arguments = outcome.arguments else { try fail("a valid \(mode) check without arguments") }
            try require(tool.validator.isValid(arguments), "\(mode) check's valid arguments do not validate")
            try require(outcome.errors.isEmpty, "a valid \(mode) check with errors")
        } else {
            try require(
                !outcome.errors.isEmpty || outcome.parseError != nil || outcome.isTruncated,
                "an invalid \(mode) check says nothing"
            )
        }
        if let arguments = outcome.arguments {
            for error in outcome.errors {
                try require(
                    error.instancePath.resolve(in: arguments) != nil,
                    "an error names \(error.instancePath), not in the arguments"
                )
            }
        }
        switch mode {
        case .strict:
            try require(outcome.coercions.isEmpty && outcome.repairs.isEmpty, "strict mode changed the value")
            try require(outcome.isValid == strictValid, "strict check and isValid disagree")
            if let strictValue {
                try require(
                    outcome.arguments.map(exact) == exact(strictValue),
                    "strict check's arguments are not the parsed text"
                )
            }
        case .coerce, .repair:
            if mode == .coerce { try require(outcome.repairs.isEmpty, "coerce mode repaired the text") }
            // Never makes a valid value invalid, and never changes a valid value, except by the
            // two rules that exist for valid calls which lose data silently: a key that differs
            // from a missing declared one only by case or separators, and (repair mode) an
            // invented wrapper.
            if strictValid, let strictValue {
                try require(outcome.isValid, "\(mode) made a valid value invalid")
                try require(outcome.repairs.isEmpty, "\(mode) repaired valid JSON")
                let allowed: Set<Coercion.Kind> = mode == .repair ? [.renamedKey, .unwrappedArguments] : [.renamedKey]
                try require(
                    outcome.coercions.allSatisfy { allowed.contains($0.kind) },
                    "\(mode) coerced a valid value: \(outcome.coercions)"
                )
                if outcome.coercions.isEmpty {
                    try require(
                        outcome.arguments.map(exact) == exact(strictValue),
                        "\(mode) changed a valid value without saying so"
                    )
                }
            }
        }
    }
}
