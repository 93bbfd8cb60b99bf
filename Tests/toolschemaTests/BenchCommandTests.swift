import Foundation
import JSONCore
import Testing

@Suite struct BenchCommandTests {
    func arguments() throws -> String { try CLI.temporaryFile(Array(#"{"city": "北京", "unit": "celsius"}"#.utf8)) }

    @Test("--format json prints bytes, the operations timed and the three medians")
    func json() throws {
        let result = try CLI.run([
            "bench", "--schema", "schemas/get_weather.json", "--arguments-file", try arguments(), "--iterations", "200",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let value = try JSONValue(parsing: result.stdout)
        #expect(
            value.objectValue?.keys == ["bytes", "iterations", "parse_ns", "validate_ns", "check_ns", "operations"]
        )
        #expect(value["bytes"] == 37)
        #expect(value["iterations"] == 200)
        #expect(value["operations"] == ["parse": 200, "validate": 200, "check": 200])
        for key in ["parse_ns", "validate_ns", "check_ns"] { #expect((value[key]?.intValue ?? 0) > 0, "\(key)") }
    }

    @Test("text shows median, spread and MB/s per step")
    func text() throws {
        let result = try CLI.run([
            "bench", "--schema", "schemas/get_weather.json", "--arguments-file", try arguments(), "--iterations", "100",
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "37 bytes, 100 operations per step")
        for (line, name) in zip(lines.dropFirst(), ["parse", "validate", "check"]) {
            #expect(line.hasPrefix(name) && line.contains("ns/op") && line.contains("MB/s"), "\(line)")
            #expect(line.hasSuffix("   100 ops"), "\(line)")
        }
    }

    @Test("--step times only the steps named: their lines and keys, and no others")
    func steps() throws {
        let json = try CLI.run([
            "bench", "--schema", "schemas/get_weather.json", "--arguments-file", try arguments(), "--iterations", "50",
            "--step", "check", "--format", "json",
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let value = try JSONValue(parsing: json.stdout)
        #expect(value.objectValue?.keys == ["bytes", "iterations", "check_ns", "operations"])
        #expect(value["operations"] == ["check": 50])
        let text = try CLI.run([
            "bench", "--schema", "schemas/get_weather.json", "--arguments-file", try arguments(), "--iterations", "50",
            "--step", "parse", "--step", "validate",
        ])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[1].hasPrefix("parse ") && lines[2].hasPrefix("validate "), "\(lines)")
    }

    @Test("--seconds calibrates each step to the budget: many operations for a fast step, in about the time asked")
    func calibrated() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try CLI.run([
            "bench", "--schema", "schemas/get_weather.json", "--arguments-file", try arguments(), "--seconds", "0.2",
            "--format", "json",
        ])
        let elapsed = clock.now - start
        #expect(result.status == 0, "\(result.stderr)")
        let value = try JSONValue(parsing: result.stdout)
        // A 37-byte check takes microseconds even in a debug build: 0.2 s holds thousands.
        for step in ["parse", "validate", "check"] {
            #expect((value["operations"]?[step]?.intValue ?? 0) > 1_000, "\(step)")
        }
        // Three steps of 0.2 s, each with a calibration of at most about as long again; a
        // generous ceiling for a loaded machine, far below the fixed 10,000 × 3 of old on a
        // large payload.
        #expect(elapsed < .seconds(20))
    }

    @Test(
        "usage, I/O and schema errors: exit 2",
        arguments: [
            ["bench", "--schema", "schemas/get_weather.json"],
            ["bench", "--schema", "schemas/get_weather.json", "--arguments-file", "/nonexistent"],
            ["bench", "--schema", "/nonexistent.json", "--arguments-file", "README.md"],
            ["bench", "--schema", "schemas/get_weather.json", "--arguments-file", "README.md", "--iterations", "0"],
            ["bench", "--schema", "schemas/get_weather.json", "--arguments-file", "README.md", "--seconds", "0"],
            [
                "bench", "--schema", "schemas/get_weather.json", "--arguments-file", "README.md", "--seconds", "1",
                "--iterations", "10",
            ],
            ["bench", "--schema", "schemas/get_weather.json", "--arguments-file", "README.md", "--step", "lint"],
            [
                "bench", "--schema", "schemas/get_weather.json", "--arguments-file", "README.md", "--step", "check",
                "--step", "check",
            ],
        ]
    )
    func errors(_ arguments: [String]) throws {
        #expect(try CLI.run(arguments).status == 2)
    }
}
