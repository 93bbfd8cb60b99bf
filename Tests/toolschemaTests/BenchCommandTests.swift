import Foundation
import JSONCore
import Testing

@Suite struct BenchCommandTests {
    func arguments() throws -> String { try CLI.temporaryFile(Array(#"{"city": "北京", "unit": "celsius"}"#.utf8)) }

    @Test("--format json prints bytes, iterations and the three medians")
    func json() throws {
        let result = try CLI.run([
            "bench", "--schema", "schemas/get_weather.json", "--arguments-file", try arguments(), "--iterations", "200",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let value = try JSONValue(parsing: result.stdout)
        #expect(value.objectValue?.keys == ["bytes", "iterations", "parse_ns", "validate_ns", "check_ns"])
        #expect(value["bytes"] == 37)
        #expect(value["iterations"] == 200)
        for key in ["parse_ns", "validate_ns", "check_ns"] { #expect((value[key]?.intValue ?? 0) > 0, "\(key)") }
    }

    @Test("text shows median, spread and MB/s per step")
    func text() throws {
        let result = try CLI.run([
            "bench", "--schema", "schemas/get_weather.json", "--arguments-file", try arguments(), "--iterations", "100",
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "37 bytes, 100 iterations per step")
        for (line, name) in zip(lines.dropFirst(), ["parse", "validate", "check"]) {
            #expect(line.hasPrefix(name) && line.contains("ns/op") && line.contains("MB/s"), "\(line)")
        }
    }

    @Test(
        "usage, I/O and schema errors: exit 2",
        arguments: [
            ["bench", "--schema", "schemas/get_weather.json"],
            ["bench", "--schema", "schemas/get_weather.json", "--arguments-file", "/nonexistent"],
            ["bench", "--schema", "/nonexistent.json", "--arguments-file", "README.md"],
            ["bench", "--schema", "schemas/get_weather.json", "--arguments-file", "README.md", "--iterations", "0"],
        ]
    )
    func errors(_ arguments: [String]) throws {
        #expect(try CLI.run(arguments).status == 2)
    }
}
