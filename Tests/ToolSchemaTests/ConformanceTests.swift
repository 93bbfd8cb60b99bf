import Foundation
import JSONCore
import Testing
import ToolSchema

/// The official JSON-Schema-Test-Suite (vendored in `Conformance/`, see its SNAPSHOT.md), run
/// through the library: every required file of each supported dialect, and the optional files
/// for what ToolSchema asserts (the formats it checks, among them). The suite's `remotes/`
/// are served from a registry at `http://localhost:1234/`, as its README asks; nothing is
/// fetched. Tests that are skipped are named, with the reason, in `ConformanceSkips.swift`.
@Suite struct ConformanceTests {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Conformance/JSON-Schema-Test-Suite")

    struct SuiteFile: Sendable, CustomTestStringConvertible {
        var dialect: SchemaDialect
        var folder: String
        /// The path below the dialect's folder (`ref.json`, `optional/format/email.json`).
        var path: String
        var testDescription: String { "\(folder)/\(path)" }
    }

    static let folders: [(SchemaDialect, String)] = [
        (.draft2020_12, "draft2020-12"), (.draft2019_09, "draft2019-09"), (.draft07, "draft7"),
        (.draft06, "draft6"), (.draft04, "draft4"),
    ]

    /// The optional files run, below `optional/`: the formats ToolSchema asserts, and the
    /// optional behaviour it implements.
    static let optionalFiles: Set<String> = [
        "format/date-time.json", "format/date.json", "format/time.json", "format/duration.json",
        "format/email.json", "format/hostname.json", "format/ipv4.json", "format/ipv6.json", "format/uuid.json",
        "format/uri.json", "format/uri-reference.json", "format/unknown.json", "format/iri.json",
        "format/iri-reference.json", "format/json-pointer.json", "format/relative-json-pointer.json",
        "format/uri-template.json", "format/regex.json",
        "bignum.json", "float-overflow.json", "cross-draft.json", "dependencies-compatibility.json",
        "no-schema.json", "refOfUnknownKeyword.json", "unknownKeyword.json", "id.json", "anchor.json",
        "dynamicRef.json", "non-bmp-regex.json", "zeroTerminatedFloats.json", "ecmascript-regex.json",
        "format/ecmascript-regex.json", "format-assertion.json",
    ]

    static func files(in folder: String, dialect: SchemaDialect) -> [SuiteFile] {
        let base = suite.appendingPathComponent("tests/\(folder)")
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var result: [SuiteFile] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".json") else { continue }
            if relative.hasPrefix("optional/") {
                guard optionalFiles.contains(String(relative.dropFirst("optional/".count))) else { continue }
            }
            result.append(SuiteFile(dialect: dialect, folder: folder, path: relative))
        }
        return result.sorted { $0.path < $1.path }
    }

    static let allFiles: [SuiteFile] = folders.flatMap { files(in: $0.1, dialect: $0.0) }

    /// Every document under `remotes/`, answering to `http://localhost:1234/` plus its path,
    /// loaded the way `--resources http://localhost:1234/=remotes` loads them.
    static let remotes: [SchemaResource] = {
        do {
            return try SchemaResource.load(
                suite.appendingPathComponent("remotes").path,
                baseURI: "http://localhost:1234/"
            )
        } catch {
            Issue.record(Comment(rawValue: "the suite's remotes do not load: \(error)"))
            return []
        }
    }()

    struct Outcome {
        var passed = 0
        var failures: [String] = []
        var skipped = 0
        var skipsThatPass: [String] = []
    }

    static func run(_ file: SuiteFile) throws -> Outcome {
        let url = suite.appendingPathComponent("tests/\(file.folder)/\(file.path)")
        let groups = try JSONValue(parsing: [UInt8](try Data(contentsOf: url)))
        var outcome = Outcome()
        var options = Validator.Options()
        options.defaultDialect = file.dialect
        // The required tests expect `format` as the specification's default has it, an
        // annotation; `optional/format/` tests it as an assertion, ToolSchema's default.
        options.assertsFormats = file.path.hasPrefix("optional/format/")
        for group in groups.arrayValue ?? [] {
            let groupName = group["description"]?.stringValue ?? "?"
            let tests = group["tests"]?.arrayValue ?? []
            let validator: Result<Validator, SchemaError>
            do {
                validator = .success(
                    try Validator(group["schema"] ?? .bool(true), resources: remotes, options: options)
                )
            } catch {
                validator = .failure(error)
            }
            for test in tests {
                let testName = test["description"]?.stringValue ?? "?"
                let id = "\(file.testDescription) › \(groupName) › \(testName)"
                let expected = test["valid"] == .bool(true)
                let data = test["data"] ?? .null
                var problem: String? = nil
                switch validator {
                case .failure(let error):
                    problem = "the schema does not compile: \(error)"
                case .success(let v):
                    let quick = v.isValid(data)
                    let errors = v.validate(data)
                    // The same data as text, through check's one pass (reading and validating
                    // together), which must decide as the walk over the parsed value does.
                    let text = data.jsonString()
                    let checked = v.check(arguments: text, mode: .strict).isValid
                    // And the one pass's own verdict, which the general path would mostly mend.
                    let verdict = v.onePassVerdict(arguments: text) ?? checked
                    if quick != expected {
                        problem =
                            "isValid says \(quick ? "valid" : "invalid"), the suite \(expected ? "valid" : "invalid")"
                    } else if checked != expected || verdict != expected {
                        problem =
                            "check says \(checked ? "valid" : "invalid") (its one pass \(verdict ? "valid" : "invalid")), the suite \(expected ? "valid" : "invalid")"
                    } else if errors.isEmpty != expected {
                        problem =
                            "validate reports \(errors.count) error\(errors.count == 1 ? "" : "s") (\(errors.first.map { "\($0)" } ?? "")), the suite says \(expected ? "valid" : "invalid")"
                    }
                }
                let skip = ConformanceSkips.reason(for: id, file: file.testDescription)
                switch (problem, skip) {
                case (nil, nil): outcome.passed += 1
                case (nil, .some): outcome.skipsThatPass.append(id)
                case (.some(let p), nil): outcome.failures.append("\(id): \(p)")
                case (.some, .some): outcome.skipped += 1
                }
            }
        }
        return outcome
    }

    @Test("every test of the official suite passes, or is skipped for a stated reason", arguments: allFiles)
    func suiteFile(_ file: SuiteFile) throws {
        let outcome = try Self.run(file)
        for failure in outcome.failures { Issue.record(Comment(rawValue: failure)) }
        for id in outcome.skipsThatPass {
            Issue.record(Comment(rawValue: "\(id) passes now: remove it from ConformanceSkips"))
        }
        #expect(outcome.passed + outcome.skipped > 0, "no tests ran from \(file.testDescription)")
    }

    @Test("the suite is all there: each dialect's required files, and the remotes")
    func suiteIsVendored() {
        for (dialect, folder) in Self.folders {
            let required = Self.allFiles.filter { $0.dialect == dialect && !$0.path.hasPrefix("optional/") }
            #expect(required.count >= 30, "only \(required.count) required files for \(folder)")
        }
        #expect(Self.remotes.count >= 80)  // each answers to its file URI and its localhost URI
    }

    @Test("every skip names a test the suite has")
    func skipsAreReal() throws {
        var known: Set<String> = []
        for file in Self.allFiles {
            known.insert(file.testDescription)
            let url = Self.suite.appendingPathComponent("tests/\(file.folder)/\(file.path)")
            let groups = try JSONValue(parsing: [UInt8](try Data(contentsOf: url)))
            for group in groups.arrayValue ?? [] {
                for test in group["tests"]?.arrayValue ?? [] {
                    known.insert(
                        "\(file.testDescription) › \(group["description"]?.stringValue ?? "") › \(test["description"]?.stringValue ?? "")"
                    )
                }
            }
        }
        for id in ConformanceSkips.skipped.keys {
            #expect(known.contains(id), "the skip list names \(id), which is not run")
        }
    }
}
