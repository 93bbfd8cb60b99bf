import Benchmark
import BenchmarkFixtures
import Foundation
import ToolSchema

let benchmarks: @Sendable () -> Void = {
    let inCI = ProcessInfo.processInfo.environment["CI"] != nil
    Benchmark.defaultConfiguration = .init(
        metrics: inCI ? [.mallocCountTotal] : [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2)
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
        }
    }
    let bulkValidator = try! Validator(Schemas.bulk)
    let bulkText = Fixtures.bulk
    let large = Benchmark.Configuration(
        metrics: inCI ? [.mallocCountTotal] : [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(3)
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
    // Foundation's JSONDecoder on the same bytes, no validation, as the baseline.
    struct Weather: Decodable {
        var city: String
        var unit: String?
    }
    let weatherData = Data(Fixtures.weather.utf8)
    Benchmark("JSONDecoder.decode.weather") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONDecoder().decode(Weather.self, from: weatherData)) }
    }
}
