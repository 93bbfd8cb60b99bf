import Foundation

/// The spec of the weather tool, as the build linted it.
public func weatherSpec() throws -> Data {
    guard let url = Bundle.module.url(forResource: "get_weather", withExtension: "json", subdirectory: "ToolSpecs")
    else { throw CocoaError(.fileNoSuchFile) }
    return try Data(contentsOf: url)
}
