import Foundation

/// A script as read from disk or standard input, never modified.
public struct ScriptInput: Sendable {
    /// What diagnostics print for standard input.
    public static let standardInputPath = "<stdin>"

    /// The path as the user gave it (`<stdin>` for `-`): what diagnostics print.
    public var displayPath: String
    /// The absolute file URL, or nil for standard input.
    public var url: URL?
    public var bytes: [UInt8]

    public init(displayPath: String, url: URL?, bytes: [UInt8]) {
        self.displayPath = displayPath
        self.url = url
        self.bytes = bytes
    }

    /// Reads `path`, or standard input when `path` is `-`.
    /// - Throws: `AnimaticError` `.noInput` when the file (or standard input) is missing, a directory or unreadable.
    public static func read(_ path: String) throws(AnimaticError) -> ScriptInput {
        if path == "-" {
            // `readDataToEndOfFile` traps when the read fails (standard input closed, or a folder).
            let data: Data
            do { data = try FileHandle.standardInput.readToEnd() ?? Data() } catch {
                throw AnimaticError(.noInput, "standard input cannot be read")
            }
            return ScriptInput(displayPath: standardInputPath, url: nil, bytes: [UInt8](data))
        }
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw AnimaticError(.noInput, "\(path): no such file")
        }
        guard !isDirectory.boolValue else {
            throw AnimaticError(.noInput, "\(path): is a directory, not a script")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw AnimaticError(.noInput, "\(path): cannot be read (permission denied?)")
        }
        return ScriptInput(displayPath: path, url: url.standardizedFileURL, bytes: [UInt8](data))
    }

    /// The default cache: `.animatic-cache/` beside the script, or in the current directory
    /// for a script from standard input.
    public var defaultCache: URL {
        let directory = url?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return directory.appendingPathComponent(".animatic-cache", isDirectory: true)
    }
}
