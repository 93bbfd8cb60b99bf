import Foundation
import Testing
import ToolSchema

@Suite struct LibYAMLTests {
    @Test("the CYAML system library links and reports the version pkg-config knows")
    func version() throws {
        let version = LibYAML.version
        #expect(version.split(separator: ".").count == 3, "\(version)")
        #expect(version.split(separator: ".").allSatisfy { Int($0) != nil })
        let pkgConfig = Process()
        pkgConfig.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pkgConfig.arguments = ["pkg-config", "--modversion", "yaml-0.1"]
        let pipe = Pipe()
        pkgConfig.standardOutput = pipe
        try pkgConfig.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        pkgConfig.waitUntilExit()
        try #require(pkgConfig.terminationStatus == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == version)
    }

    @Test("ToolSchema re-exports JSONCore")
    func reexports() throws {
        let value = try JSONValue(parsing: #"{"a": 1}"#)
        #expect(value["a"] == 1)
    }
}
