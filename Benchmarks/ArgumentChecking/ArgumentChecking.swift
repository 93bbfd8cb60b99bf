import Benchmark
import BenchmarkFixtures
import Foundation
import ToolSchema

let benchmarks: @Sendable () -> Void = {
    let inCI = ProcessInfo.processInfo.environment["CI"] != nil
    // CI gates on allocation counts only (Thresholds/, p90). Absolute tolerances are in measured
    // units, which the kilo scaling makes per 1,000 calls: 2_000 allows two more (or fewer)
    // allocations per call before the check fails; an improvement past that also fails, so
    // that the budget gets updated.
    let budget: [BenchmarkMetric: BenchmarkThresholds] = [
        .mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 2_000])
    ]
    Benchmark.defaultConfiguration = .init(
        metrics: inCI ? [.mallocCountTotal] : [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(inCI ? 1 : 2),
        thresholds: budget
    )
    let cases: [(String, JSONValue, String)] = [
        ("weather", Schemas.weather, Fixtures.weather), ("booking", Schemas.booking, Fixtures.booking),
        ("order", Schemas.order, Fixtures.order),
    ]
    for (name, schema, text) in cases {
        let validator = try! Validator(schema)
        let value = try! JSONParser().parse(text)
        precondition(validator.isValid(value), "the \(name) fixture must be valid")
        Benchmark("Validator.isValid.\(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(validator.isValid(value)) }
        }
        Benchmark("Validator.check.\(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(validator.check(arguments: text)) }
        }
        Benchmark("Validator.init.\(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try Validator(schema)) }
        }  // The prefix check fed 16-byte pieces, in strict mode (where it judges the most).
        let pieces = stride(from: 0, to: text.utf8.count, by: 16).map {
            Array(Array(text.utf8)[$0..<min($0 + 16, text.utf8.count)])
        }
        if name != "weather" {
            Benchmark("StreamingCheck.feed16.\(name)") { benchmark in
                for _ in benchmark.scaledIterations {
                    var watch = validator.streamingCheck(mode: .strict)
                    for piece in pieces { watch.feed(piece) }
                    blackHole(watch.verdict)
                }
            }
        }
    }
    let bulkValidator = try! Validator(Schemas.bulk)
    let bulkText = Fixtures.bulk
    let large = Benchmark.Configuration(
        metrics: inCI ? [.mallocCountTotal] : [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(3),
        thresholds: [.mallocCountTotal: BenchmarkThresholds(relative: [.p90: 1.0])]
    )
    Benchmark("Validator.check.bulk1MB", configuration: large) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(bulkValidator.check(arguments: bulkText)) }
    }
    // Invalid variants: a number as a string (coerced), a wrong enum case (coerced), a missing
    // required property and an extra one (errors).
    let weather = try! Validator(Schemas.weather)
    let invalid = [
        (
            "stringNumber", try! Validator(Schemas.booking),
            Fixtures.booking.replacingOccurrences(of: "\"passengers\":2", with: "\"passengers\":\"2\"")
        ),
        ("enumCase", weather, #"{"city":"Beijing","unit":"Celsius"}"#),
        ("missingRequired", weather, #"{"unit":"celsius"}"#),
        ("extraProperty", weather, #"{"city":"Beijing","colour":"red"}"#),
    ]
    for (name, validator, text) in invalid {
        let v = validator
        Benchmark("Validator.check.invalid.\(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(v.check(arguments: text)) }
        }
    }
    // Typed decoding with validation, and Foundation's JSONDecoder on the same bytes without
    // validation as the baseline.
    let weatherData = Data(Fixtures.weather.utf8)
    let bookingData = Data(Fixtures.booking.utf8)
    _ = try! WeatherArguments.decodeArguments(from: Fixtures.weather)  // derive and cache the schema
    _ = try! BookingArguments.decodeArguments(from: Fixtures.booking)
    Benchmark("decodeArguments.weather") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try WeatherArguments.decodeArguments(from: Fixtures.weather)) }
    }
    Benchmark("JSONDecoder.decode.weather") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try JSONDecoder().decode(WeatherArguments.self, from: weatherData))
        }
    }
    Benchmark("decodeArguments.booking") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try BookingArguments.decodeArguments(from: Fixtures.booking)) }
    }
    Benchmark("JSONDecoder.decode.booking") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try JSONDecoder().decode(BookingArguments.self, from: bookingData))
        }
    }

    // What the standards work added to the walk, each where it sits: a $ref into another
    // document, unevaluatedProperties over allOf, $dynamicRef (a schema checked against the
    // 2020-12 meta-schema, which is built on it), and a pattern with lookarounds.
    let address = SchemaResource(
        [
            "$id": "https://example.com/address.json", "type": "object",
            "properties": ["city": ["type": "string"], "zip": ["type": "string", "pattern": "^[0-9]{6}$"]],
            "required": ["city"],
        ]
    )
    let standards: [(String, Validator, JSONValue)] = [
        (
            "resourceRef",
            try! Validator(
                [
                    "type": "object",
                    "properties": [
                        "from": ["$ref": "https://example.com/address.json"],
                        "to": ["$ref": "https://example.com/address.json"],
                    ],
                ],
                resources: [address]
            ),
            ["from": ["city": "Beijing", "zip": "100000"], "to": ["city": "Shanghai", "zip": "200000"]]
        ),
        (
            "unevaluated",
            try! Validator(
                [
                    "allOf": [
                        ["properties": ["city": ["type": "string"]]], ["properties": ["days": ["type": "integer"]]],
                    ],
                    "properties": ["unit": ["enum": ["celsius", "fahrenheit"]]], "unevaluatedProperties": false,
                ]
            ),
            ["city": "Beijing", "days": 3, "unit": "celsius"]
        ),
        ("metaSchema", try! Validator(["$ref": "https://json-schema.org/draft/2020-12/schema"]), Schemas.booking),
        (
            "lookaround",
            try! Validator(["type": "string", "pattern": "^(?!\\.)(?=.*[A-Z])(?=.*\\d)[A-Za-z0-9._-]{8,64}$"]),
            "Passport2026.pdf"
        ),
    ]
    for (name, validator, value) in standards {
        precondition(validator.isValid(value), "the \(name) case must be valid")
        Benchmark("Validator.isValid.\(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(validator.isValid(value)) }
        }
    }

    // The rest of the path: deriving a schema, rendering a hint, linting the shipped specs.
    Benchmark("SchemaDerivation.schema.booking") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try SchemaDerivation.schema(for: BookingArguments.self)) }
    }
    let badCheck = weather.check(arguments: #"{"citty":"Beijing","unit":"Celsius "}"#, mode: .strict)
    Benchmark("ModelHint.init.weather") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ModelHint(check: badCheck, tool: "get_weather", validator: weather))
        }
    }
    // A fixed set of seven shipped specs, so that adding an example to schemas/ does not move
    // this budget.
    let benchmarkSpecs = [
        "book_ticket.yaml", "create_order.json", "get_current_time.json", "get_current_weather.yaml",
        "get_weather.anthropic.yaml", "get_weather.json", "search_documents.yaml",
    ]
    let specFiles: [SourceText] = benchmarkSpecs.compactMap { name in
        FileManager.default.contents(atPath: "schemas/" + name).map { SourceText(file: name, bytes: [UInt8]($0)) }
    }
    precondition(specFiles.count == 7, "run from the package root, where schemas/ is")
    Benchmark("Linter.lint.schemas") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Linter(profiles: [.openAI, .anthropic, .mcp]).lint(specFiles))
        }
    }
}
