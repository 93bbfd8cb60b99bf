import Foundation
import FuzzHarness
import Testing

/// The fuzz targets' code, run by `swift test` without libFuzzer: the committed seed corpus
/// and every saved crash (`Fuzz/Regressions/<target>/`) replay through the same functions,
/// so a harness that breaks, or a bug a fuzzer once found, fails here.
@Suite("fuzz harness replays")
struct FuzzHarnessTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs(_ folder: String, _ target: FuzzTarget) -> [URL] {
        let directory = fuzz.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test("each target's seed corpus replays", arguments: FuzzTarget.allCases)
    func corpus(_ target: FuzzTarget) throws {
        let files = Self.inputs("Corpus", target)
        #expect(files.count >= 5, "Fuzz/Corpus/\(target.rawValue) holds \(files.count) seeds")
        for file in files {
            if let failure = try target.failure(for: [UInt8](Data(contentsOf: file))) {
                Issue.record("Corpus/\(target.rawValue)/\(file.lastPathComponent): \(failure)")
            }
        }
    }

    @Test("every saved crash replays without failing", arguments: FuzzTarget.allCases)
    func regressions(_ target: FuzzTarget) throws {
        for file in Self.inputs("Regressions", target) {
            if let failure = try target.failure(for: [UInt8](Data(contentsOf: file))) {
                Issue.record("Regressions/\(target.rawValue)/\(file.lastPathComponent): \(failure)")
            }
        }
    }

    @Test("every target has a directory of seeds, and every seed directory a target")
    func layout() throws {
        let folders = try FileManager.default.contentsOfDirectory(
            atPath: Self.fuzz.appendingPathComponent("Corpus").path
        )
        #expect(Set(folders.filter { !$0.hasPrefix(".") }) == Set(FuzzTarget.allCases.map(\.rawValue)))
        let targets = try FileManager.default.contentsOfDirectory(
            atPath: Self.fuzz.appendingPathComponent("Targets").path
        )
        #expect(Set(targets) == Set(FuzzTarget.allCases.map(\.rawValue)))
    }
}
