// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "ToolSchema",
    products: [
        .library(name: "JSONCore", targets: ["JSONCore"]),
        .library(name: "ToolSchema", targets: ["ToolSchema"]),
        .library(name: "ToolCalling", targets: ["ToolCalling"]),
        .library(name: "ToolSchemaMCP", targets: ["ToolSchemaMCP"]),
        .library(name: "ToolSchemaFoundation", targets: ["ToolSchemaFoundation"]),
        .executable(name: "toolschema", targets: ["toolschema"]),
        .executable(name: "toolschema-lint", targets: ["toolschema-lint"]),
        .plugin(name: "LintToolSpecs", targets: ["LintToolSpecs"]),
        .plugin(name: "ToolSpecLint", targets: ["ToolSpecLint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev", "pkg-config"])]
        ),
        // libm is linked explicitly: Double rounding calls into it, and a program that uses
        // these modules without Foundation would otherwise fail to link on Linux.
        .target(name: "JSONCore", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(
            name: "ToolSchema",
            dependencies: ["JSONCore", "CYAML"],
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        // The tool-call loop: the only target that speaks HTTP.
        .target(
            name: "ToolCalling",
            dependencies: [
                "ToolSchema",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Foundation's values (Data, JSONSerialization's objects) in and out, so that JSONCore and
        // ToolSchema stay free of Foundation.
        .target(name: "ToolSchemaFoundation", dependencies: ["ToolSchema", "JSONCore"]),
        // MCP servers on the official Swift SDK: every tools/call checked before it runs.
        .target(
            name: "ToolSchemaMCP",
            dependencies: ["ToolSchema", "JSONCore", .product(name: "MCP", package: "swift-sdk")]
        ),
        // An MCP server with two tools over stdio, driven end to end by ToolSchemaMCPTests.
        .executableTarget(
            name: "weather-mcp-server",
            dependencies: ["ToolSchemaMCP", "ToolSchema", .product(name: "MCP", package: "swift-sdk")],
            path: "Examples/WeatherMCPServer"
        ),
        // What the two programs share: the lint command, the console, the exit statuses.
        .target(
            name: "ToolSchemaCLI",
            dependencies: ["ToolSchema", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "toolschema",
            dependencies: [
                "ToolSchema",
                "ToolSchemaCLI",
                "ToolCalling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `toolschema lint` alone, without the HTTP stack: for pre-commit and the plugins.
        .executableTarget(
            name: "toolschema-lint",
            dependencies: [
                "ToolSchemaCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // swift package lint-tool-specs [--profile P]... [PATH]...
        .plugin(
            name: "LintToolSpecs",
            capability: .command(
                intent: .custom(
                    verb: "lint-tool-specs",
                    description: "Lint the package's tool specs (schemas/, or the paths given) with toolschema-lint."
                )
            ),
            dependencies: ["toolschema-lint"]
        ),
        // Lints a target's ToolSpecs/ files as it builds; findings are compiler diagnostics.
        .plugin(name: "ToolSpecLint", capability: .buildTool(), dependencies: ["toolschema-lint"]),
        .target(name: "TestSupport", dependencies: ["JSONCore"], path: "Tests/TestSupport"),
        // A scripted HTTP server on 127.0.0.1 for the loop's and the CLI's wire tests.
        .target(
            name: "HTTPTestSupport",
            dependencies: [
                "JSONCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/HTTPTestSupport"
        ),
        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore", "TestSupport"]),
        .testTarget(
            name: "ToolSchemaTests",
            dependencies: ["ToolSchema", "TestSupport"],
            exclude: ["Fixtures", "Conformance"]
        ),
        .testTarget(
            name: "ToolCallingTests",
            dependencies: ["ToolCalling", "TestSupport", "HTTPTestSupport"],
            exclude: ["Fixtures"]
        ),
        // The fuzz targets' bodies (see Fuzz/README.md): a library, so that `swift test`
        // replays the corpus and every saved crash through the code libFuzzer runs.
        .target(
            name: "FuzzHarness",
            dependencies: ["JSONCore", "ToolSchema", "ToolCalling"],
            path: "Fuzz/Harness"
        ),
        .testTarget(name: "ToolSchemaFoundationTests", dependencies: ["ToolSchemaFoundation", "ToolSchema"]),
        .testTarget(
            name: "ToolSchemaMCPTests",
            dependencies: [
                "ToolSchemaMCP", "ToolSchema", "weather-mcp-server", .product(name: "MCP", package: "swift-sdk"),
            ]
        ),
        .testTarget(name: "FuzzHarnessTests", dependencies: ["FuzzHarness", "JSONCore", "ToolSchema"]),
        // Depends on the executable so that `swift test` builds the binary the tests launch.
        .testTarget(
            name: "toolschemaTests",
            dependencies: ["toolschema", "toolschema-lint", "ToolSchema", "TestSupport", "HTTPTestSupport"]
        ),
    ]
)

// Benchmarks join the graph only on request, so `swift build` and `swift test` stay fast:
// BENCHMARKS=1 swift package benchmark
if Context.environment["BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"])
    )
    package.targets.append(.target(name: "BenchmarkFixtures", path: "Benchmarks/BenchmarkFixtures"))
    package.targets.append(
        .executableTarget(
            name: "JSONParsing",
            dependencies: ["JSONCore", "BenchmarkFixtures", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/JSONParsing",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
    package.targets.append(
        .executableTarget(
            name: "ArgumentChecking",
            dependencies: ["ToolSchema", "BenchmarkFixtures", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/ArgumentChecking",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
    package.targets.append(
        .executableTarget(
            name: "LoopOverhead",
            dependencies: ["ToolCalling", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/LoopOverhead",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
}

// Fuzz targets join the graph only on request, built by scripts/fuzz with
// -sanitize=fuzzer,address into their own build directory: FUZZ=1 swift build --product fuzz-parse
if Context.environment["FUZZ"] != nil {
    for name in [
        "parse", "repair", "round-trip", "incremental", "yaml", "compile", "validate", "check", "regex", "hints",
        "decode", "sse",
    ] {
        package.targets.append(
            .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzHarness"], path: "Fuzz/Targets/\(name)")
        )
    }
}

// CI sets TOOLSCHEMA_WARNINGS_AS_ERRORS for the whole run, so the strict build of the sources
// and the tests and the README's plain `swift test` share one set of flags and one build.
let strict: [SwiftSetting] =
    Context.environment["TOOLSCHEMA_WARNINGS_AS_ERRORS"] != nil ? [.unsafeFlags(["-warnings-as-errors"])] : []

for target in package.targets where target.type != .system && target.type != .plugin {
    // (The benchmark targets keep plain warnings: they are built only for measuring.)
    let isBenchmark = target.path?.hasPrefix("Benchmarks") ?? false
    target.swiftSettings =
        (target.swiftSettings ?? []) + (isBenchmark ? [] : strict) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("InternalImportsByDefault"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
        ]
}
