internal import Foundation

/// Tool spec files on disk: finding them under the paths a user names, reading them, and
/// loading every spec they hold. What `toolschema lint`, `derive`, `validate` and `chat`
/// (and a CI job of your own) all need, in one place.
///
/// ```swift
/// let loaded = try SpecFiles.load(["schemas"])
/// for error in loaded.errors { print(error.rendered()) }   // files that are not specs
/// let report = Linter().lint(loaded.specs)
/// ```
public enum SpecFiles {
    /// The files at `paths`: each file as named, and the `*.json`, `*.yaml` and `*.yml` files
    /// under each directory (recursively, sorted, hidden files and folders skipped). `-`
    /// (standard input) passes through.
    ///
    /// - Throws: ``LoadError`` with code ``LoadError/Code/unreadable`` for a path that does
    ///   not exist or a directory that cannot be listed.
    public static func expand(_ paths: [String]) throws(LoadError) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw unreadable(path, "no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let walker = manager.enumerator(atPath: path) else {
                throw unreadable(path, "the directory cannot be listed")
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                guard DocumentFormat(path: relative) != nil else { continue }
                let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
                var isDir: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { found.append(full) }
            }
            files += found.sorted()
        }
        return files
    }

    /// The text of one file; `-` reads standard input, named `<stdin>` in messages.
    ///
    /// - Throws: ``LoadError`` with code ``LoadError/Code/unreadable`` when the file does not
    ///   exist, is a directory, or cannot be read.
    public static func read(_ path: String) throws(LoadError) -> SourceText {
        if path == "-" {
            return SourceText(file: "<stdin>", bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
        }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw unreadable(path, "no such file")
        }
        if isDirectory.boolValue { throw unreadable(path, "it is a directory") }
        guard manager.isReadableFile(atPath: path) else { throw unreadable(path, "permission denied") }
        do {
            return SourceText(file: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        } catch {
            throw unreadable(path, error.localizedDescription)
        }
    }

    /// Every spec in one file's text: its documents loaded, and the specs read from each.
    ///
    /// - Throws: ``LoadError`` for text that is not JSON or YAML, or that holds no tool specs
    ///   in a shape ToolSchema reads.
    public static func specs(in source: SourceText) throws(LoadError) -> [ToolSpec] {
        try ToolSpec.specs(in: LoadedDocument.load(source))
    }

    /// Finds, reads and loads the files at `paths`. A file that cannot be loaded as specs is
    /// recorded in ``Loaded/errors`` and the rest are still loaded; a path that cannot be read
    /// at all stops the load.
    ///
    /// - Throws: ``LoadError`` with code ``LoadError/Code/unreadable``.
    public static func load(_ paths: [String]) throws(LoadError) -> Loaded {
        var loaded = Loaded()
        for path in try expand(paths) {
            let source = try read(path)
            loaded.sources.append(source)
            do {
                loaded.specs += try specs(in: source)
            } catch {
                loaded.errors.append(error)
            }
        }
        return loaded
    }

    /// What ``load(_:)`` found.
    public struct Loaded: Sendable {
        /// Every file read, in the order found.
        public var sources: [SourceText] = []
        /// Every spec loaded, file by file.
        public var specs: [ToolSpec] = []
        /// The files that could not be loaded as specs, with where and why.
        public var errors: [LoadError] = []
    }

    static func unreadable(_ path: String, _ reason: String) -> LoadError {
        LoadError(code: .unreadable, file: path, position: nil, message: "cannot read '\(path)': \(reason)")
    }
}

extension SchemaResource {
    /// Whether a schema refers to another document (a `$ref`, `$dynamicRef` or
    /// `$recursiveRef` that is not a fragment), so that the URI it was read from matters.
    /// Computing a file's URI costs allocations that depend on the working directory, so it
    /// is done only when this says so.
    static func refersOutside(_ schema: JSONValue) -> Bool {
        switch schema {
        case .object(let members):
            for (key, member) in members {
                if key == "$ref" || key == "$dynamicRef" || key == "$recursiveRef", case .string(let text) = member,
                    !text.hasPrefix("#")
                {
                    return true
                }
                if refersOutside(member) { return true }
            }
            return false
        case .array(let elements):
            return elements.contains(where: refersOutside)
        default:
            return false
        }
    }

    /// The `file://` URI of a path (made absolute against the working directory), or nil for
    /// standard input.
    static func fileURI(_ path: String) -> String? {
        guard path != "-", !path.hasPrefix("<") else { return nil }
        return URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    }
}

extension SchemaResource {
    /// The schema documents at a path, for `$ref`s to point to: the file, or every `*.json`,
    /// `*.yaml` and `*.yml` file under the directory (as ``SpecFiles/expand(_:)`` finds them).
    /// Each answers to its own `file://` URI and its `$id`s; with `baseURI`, also to
    /// `baseURI` followed by its path relative to `path` (a single file answers to `baseURI`
    /// itself, or when that ends in `/`, to it followed by the file's name), so
    /// `load("remotes", baseURI: "http://localhost:1234/")` serves `remotes/a/b.json` as
    /// `http://localhost:1234/a/b.json`.
    ///
    /// - Throws: ``LoadError`` for a path that cannot be read or a file that is not JSON or
    ///   YAML (a YAML file must hold one document).
    public static func load(_ path: String, baseURI: String? = nil) throws(LoadError) -> [SchemaResource] {
        var resources: [SchemaResource] = []
        let files = try SpecFiles.expand([path])
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        for file in files {
            let source = try SpecFiles.read(file)
            let documents = try LoadedDocument.load(source)
            guard documents.count == 1, let document = documents.first else {
                throw LoadError(
                    code: .documentCount,
                    file: file,
                    position: nil,
                    message: "a schema resource file must hold one document, found \(documents.count)"
                )
            }
            resources.append(SchemaResource(document.value, uri: fileURI(file), file: file))
            if let baseURI {
                let uri: String
                if isDirectory.boolValue {
                    let prefix = path.hasSuffix("/") ? path : path + "/"
                    let relative = file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
                    uri = (baseURI.hasSuffix("/") ? baseURI : baseURI + "/") + relative
                } else {
                    // A file answers to the base URI itself, or to the folder URI plus its name.
                    uri = baseURI.hasSuffix("/") ? baseURI + (file as NSString).lastPathComponent : baseURI
                }
                resources.append(SchemaResource(document.value, uri: uri, file: file))
            }
        }
        return resources
    }

    /// The resources a command-line value names: `PATH` or `BASE_URI=PATH` (see
    /// ``load(_:baseURI:)``).
    public static func load(argument: String) throws(LoadError) -> [SchemaResource] {
        if let equals = argument.firstIndex(of: "="), argument[..<equals].contains(":") {
            return try load(String(argument[argument.index(after: equals)...]), baseURI: String(argument[..<equals]))
        }
        return try load(argument)
    }
}
