import ArgumentParser
import Foundation
import ToolCalling
import ToolSchema
import ToolSchemaCLI

/// `toolschema chat`: run the tool-call loop against a model, answering each tool with a
/// program.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Ask a model, answering its tool calls by running programs, until it answers in text.",
        discussion: """
            Each tool in the --spec files needs an --exec NAME=COMMAND. The command line is split \
            into arguments (no shell); the program gets the checked arguments as JSON on stdin, \
            its stdout is the result and a non-zero exit its error. Bad arguments, unknown tools \
            and cut-off calls go back to the model as hints.
            The endpoint comes from --base-url or the environment: MODEL_BASE_URL (key API_KEY), \
            else OPENAI_BASE_URL (key OPENAI_API_KEY) for openai and functions; ANTHROPIC_BASE_URL \
            (key ANTHROPIC_API_KEY) for anthropic. The model from --model or MODEL_NAME. \
            --api-key-env names another variable that holds the key.
            Text output: the events on stderr as they happen, the answer on stdout. JSON output: \
            one object per event per line on stdout, then {"final", "steps", "usage"}.
            Exit status: 0 the model answered; 1 the loop stopped at a bound (requests, repair \
            budget, deadline, repeats); 2 usage, I/O or spec errors; 3 the provider or the \
            transport failed after retries.
            """
    )

    @Option(name: .customLong("spec"), help: "A tool spec file (JSON or YAML, any provider's shape); repeatable.")
    var specs: [String] = []

    @Option(name: .customLong("exec"), help: "NAME=COMMAND: the program that answers tool NAME; repeatable.")
    var execs: [String] = []

    @Option(help: "openai (Chat Completions with tools), anthropic (Messages) or functions (legacy).")
    var provider: ChatAPI = .openAI

    @Option(help: "The base URL, as the official SDKs take it (e.g. https://api.openai.com/v1).")
    var baseURL: String?

    @Option(help: "The model name (default: MODEL_NAME).")
    var model: String?

    @Option(help: "The environment variable that holds the API key.")
    var apiKeyEnv: String?

    @Option(help: "The system prompt.")
    var system: String?

    @Option(help: "auto, none, required, or a tool's name. A forced choice holds for the first tool round.")
    var toolChoice: String = "auto"

    @Option(help: "The most model requests.")
    var maxSteps: Int = 10

    @Option(help: "The time the whole loop may take, in seconds.")
    var timeout: Double?

    @Option(help: "max_tokens for each request (Anthropic's default: 1024).")
    var maxTokens: Int?

    @Option(help: "Write the transcript, as the provider's JSON, to this file.")
    var transcript: String?

    @Option(help: "text, or json (one object per event per line).")
    var format: ResultFormat = .text

    @Flag(help: "Stream the responses: text output prints the answer as it arrives, json the delta events.")
    var stream = false

    @Argument(help: "The user's message.")
    var prompt: String

    func validate() throws {
        if specs.isEmpty && !execs.isEmpty { throw ValidationError("--exec needs the tool's --spec") }
        if maxSteps < 1 { throw ValidationError("--max-steps must be at least 1") }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let environment = ProcessInfo.processInfo.environment
        let toolbox = try makeToolbox()
        var configuration: ChatConfiguration
        do {
            configuration = try ChatConfiguration.fromEnvironment(provider, model: model, environment: environment)
        } catch {
            throw CLIFailure(message: error.message)
        }
        if let baseURL {
            configuration.baseURL = baseURL
            configuration.apiKey =
                provider == .anthropic
                ? environment["ANTHROPIC_API_KEY"] ?? environment["API_KEY"] : environment["API_KEY"]
        }
        if let apiKeyEnv {
            guard let key = environment[apiKeyEnv], !key.isEmpty else {
                throw CLIFailure(message: "--api-key-env names \(apiKeyEnv), which is not set")
            }
            configuration.apiKey = key
        }
        configuration.maxTokens = maxTokens
        var options = ToolLoop.Options()
        options.maxRequests = maxSteps
        options.streams = stream
        options.timeout = timeout.map { .milliseconds(Int64($0 * 1000)) }
        switch toolChoice {
        case "auto": options.toolChoice = .auto
        case "none": options.toolChoice = .none
        case "required": options.toolChoice = .required
        case let name:
            guard toolbox.tool(named: name) != nil else {
                throw CLIFailure(
                    message:
                        "--tool-choice \(name) names no tool; the tools are: \(toolbox.names.joined(separator: ", "))"
                )
            }
            options.toolChoice = .tool(name)
        }
        let transport = HTTPClientTransport.withConnectTimeout(.seconds(10))
        let loop = ToolLoop(configuration: configuration, toolbox: toolbox, options: options, transport: transport)
        let format = self.format
        let style = Style.forStandardError()
        let outcome: Result<ToolLoopResult, ToolLoopError>
        do {
            let result = try await loop.run(Transcript(api: provider, system: system, prompt: prompt)) { event in
                Self.show(event, format: format, style: style, streaming: stream)
            }
            outcome = .success(result)
        } catch {
            outcome = .failure(error)
        }
        try? await transport.shutdown()

        let result: ToolLoopResult
        switch outcome {
        case .success(let r): result = r
        case .failure(let e): result = e.partial
        }
        if let path = transcript {
            do {
                try Data((result.transcript.json.jsonString(pretty: true) + "\n").utf8).write(
                    to: URL(fileURLWithPath: path)
                )
            } catch {
                Console.error(
                    "toolschema: error: cannot write the transcript to '\(path)': \(error.localizedDescription)"
                )
            }
        }
        switch format {
        case .json:
            var final: JSONObject = [
                "final": result.finalText.map { .string($0) } ?? .null,
                "steps": .number(JSONNumber(result.steps.count)),
                "usage": result.usage.json,
            ]
            if case .failure(let e) = outcome { final["stopped"] = .string(e.description) }
            Console.out(JSONValue.object(final).jsonString() + "\n")
        case .text:
            // Streamed, the answer is already on stdout; only its line needs ending.
            if case .success = outcome { Console.out(stream ? "\n" : (result.finalText ?? "") + "\n") }
        }
        if case .failure(let error) = outcome {
            Console.error("toolschema: stopped: \(error)")
            switch error.reason {
            case .invalidHistory, .invalidConfiguration: throw ExitCode(2)
            default: throw ExitCode(error.isBound ? 1 : 3)
            }
        }
    }

    /// The tools of every spec file, each answered by its --exec program.
    func makeToolbox() throws -> Toolbox {
        var commands: [String: [String]] = [:]
        for exec in execs {
            guard let equals = exec.firstIndex(of: "="), equals != exec.startIndex else {
                throw CLIFailure(message: "--exec \(exec.debugDescription) is not NAME=COMMAND")
            }
            let name = String(exec[..<equals])
            let words = try ExternalTool.split(String(exec[exec.index(after: equals)...]))
            guard let program = words.first else { throw CLIFailure(message: "--exec \(name)= has no command") }
            guard ExternalTool.resolve(program) != nil else {
                throw CLIFailure(message: "--exec \(name): \(program) is not an executable file or on PATH")
            }
            guard commands[name] == nil else { throw CLIFailure(message: "--exec \(name) is given twice") }
            commands[name] = words
        }
        var toolbox = Toolbox()
        for path in specs {
            let input = try Input.specs(path)
            let found = input.specs
            for spec in found {
                guard let name = spec.name else {
                    throw CLIFailure(message: "\(input.name) holds a bare schema; a tool needs a name")
                }
                guard let commandLine = commands[name] else {
                    throw CLIFailure(message: "tool \(name) (in \(input.name)) has no --exec \(name)=COMMAND")
                }
                let tool = ExternalTool(name: name, commandLine: commandLine)
                do {
                    try toolbox.add(spec) { invocation in
                        try await tool.run(input: Array(invocation.arguments.jsonString().utf8))
                    }
                } catch {
                    throw CLIFailure(message: error.message)
                }
            }
        }
        for name in commands.keys.sorted() where toolbox.tool(named: name) == nil {
            throw CLIFailure(message: "--exec \(name) names no tool in the spec files")
        }
        return toolbox
    }

    /// Shows one event: a JSON line on stdout, or a short line on stderr.
    static func show(_ event: ToolLoopEvent, format: ResultFormat, style: Style, streaming: Bool = false) {
        if format == .json {
            if case .finished = event { return }
            Console.out(event.json.jsonString() + "\n")
            return
        }
        func short(_ text: String) -> String {
            let line = text.replacingOccurrences(of: "\n", with: " ")
            return line.count > 200 ? String(line.prefix(200)) + "…" : line
        }
        switch event {
        case .textDelta(_, let text):
            Console.out(text)
        case .argumentsDelta:
            break  // the call is shown whole once it is checked
        case .callHopeless(_, _, let name, let violation, _):
            Console.error("  ✗ \(name) can no longer be valid, still streaming: \(violation)")
        case .requestSent(let step, let attempt):
            Console.error(style.bold("request \(step)") + (attempt > 1 ? " (attempt \(attempt))" : ""))
        case .retryScheduled(_, _, let delay, let reason):
            Console.error("  retry in \(delay) (\(reason))")
        case .responseReceived(_, let finish, let calls, let text, _):
            if !calls.isEmpty, let text, !text.isEmpty {
                // Streamed, the text went to stdout as it arrived; end its line there.
                if streaming { Console.out("\n") } else { Console.error("  model: \(short(text))") }
            }
            if calls.isEmpty, finish != "stop" && finish != "end_turn", let finish {
                Console.error("  finish reason: \(finish)")
            }
        case .toolChoiceDropped:
            Console.error("  tool_choice left out from now on (a tool round has happened)")
        case .callChecked(_, let call, let check):
            Console.error("  → \(call.name) \(short(call.argumentsText))" + (check.isValid ? "" : "  (invalid)"))
        case .argumentsRepaired(_, _, let repairs, let coercions):
            // Repairs of one kind are one line: `at 1:2, 1:10: read a single-quoted string…`.
            var groups: [(key: String, positions: [String])] = []
            for r in repairs {
                let key = "\(r.message) [\(r.kind)]"
                let at = "\(r.position.line):\(r.position.column)"
                if let i = groups.firstIndex(where: { $0.key == key }) {
                    groups[i].positions.append(at)
                } else {
                    groups.append((key, [at]))
                }
            }
            for g in groups { Console.error("    repaired at \(g.positions.joined(separator: ", ")): \(g.key)") }
            for c in coercions { Console.error("    coerced: \(c.description)") }
        case .hintSent(_, let call, let disposition, let text):
            if disposition == .unknownTool { Console.error("  → \(call.name) (unknown tool)") }
            Console.error("    hint: \(short(text))")
        case .toolStarted:
            break
        case .toolFinished(_, let call, let outcome):
            Console.error(
                "  ← \(call.name)" + (outcome.isError ? " (\(outcome.disposition.rawValue))" : "")
                    + ": \(short(outcome.result))"
            )
        case .callsNotExecuted(_, let calls, let reason):
            Console.error("  not executed (\(calls.map(\.name).joined(separator: ", "))): \(reason)")
        case .finished:
            break
        }
    }
}
