import Foundation

/// A fresh directory for one test, removed when the test is done with it.
public final class Scratch {
    /// The directory.
    public let url: URL

    /// Makes the directory under the system's temporary directory.
    public init() throws {
        url = try temporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` in the directory.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The names of the files in the directory, sorted (hidden ones included).
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

/// A fresh temporary directory, removed by the caller.
public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("animatic-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
