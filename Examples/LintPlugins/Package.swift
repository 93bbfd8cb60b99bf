// swift-tools-version: 6.2
// A package that lints its tool specs with ToolSchema's two plugins (scripts/check-plugins
// builds it beside a checkout of ToolSchema named ToolSchema).
import PackageDescription

let package = Package(
    name: "LintPlugins",
    dependencies: [
        .package(path: "../ToolSchema")
    ],
    targets: [
        // ToolSpecLint lints Sources/Weather/ToolSpecs/ on every build that needs it.
        .target(
            name: "Weather",
            resources: [.copy("ToolSpecs")],
            plugins: [.plugin(name: "ToolSpecLint", package: "ToolSchema")]
        )
    ]
)
