import Foundation
import Testing

/// The README's command examples, run as written.
@Suite struct ReadmeTests {
    @Test("the lint example prints exactly what README shows")
    func lintExample() throws {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "$ cat tools.yaml\n"))
        let lint = try #require(
            readme.range(of: "$ toolschema lint tools.yaml\n", range: start.upperBound..<readme.endIndex)
        )
        let end = try #require(readme.range(of: "```", range: lint.upperBound..<readme.endIndex))
        let file = String(readme[start.upperBound..<lint.lowerBound])
        let expected = String(readme[lint.upperBound..<end.lowerBound])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(file.utf8).write(to: directory.appendingPathComponent("tools.yaml"))
        let result = try CLI.run(["lint", "tools.yaml"], workingDirectory: directory)
        #expect(result.status == 1)
        #expect(result.stdout == expected)
    }
}
