import Foundation

/// One key a project file may hold: a value read into a `ProjectSettings` field, or a
/// section of further keys. `ProjectSchema` lists them.
struct ProjectKey {
    let name: String
    /// Reads the key's value (named `path` in errors) into the settings, or records errors.
    fileprivate let apply: (_ node: ConfigNode, _ path: String, _ decoding: inout ProjectDecoding) -> Void

    /// A key whose value `reader` reads into `field`.
    static func value<Value>(
        _ name: String, _ field: WritableKeyPath<ProjectSettings, Value?>, _ reader: ValueReader<Value>
    ) -> ProjectKey {
        ProjectKey(name: name) { node, path, decoding in
            do throws(ConfigError) {
                decoding.settings[keyPath: field] = try reader.read(node, path, decoding.directory)
            } catch {
                decoding.errors.append(error)
            }
        }
    }

    /// A table of further keys.
    static func section(_ name: String, _ keys: [ProjectKey]) -> ProjectKey {
        ProjectKey(name: name) { node, path, decoding in
            decoding.read(node, as: path, keys: keys)
        }
    }
}

/// A project file's tree being read against the schema: the settings so far and every
/// error found, so that one run reports them all.
struct ProjectDecoding {
    /// The project file's directory, for relative paths.
    let directory: URL
    var settings = ProjectSettings()
    var errors: [ConfigError] = []

    /// Reads `node`, the table named `path` (empty at the top), against `keys`.
    mutating func read(_ node: ConfigNode, as path: String, keys: [ProjectKey]) {
        let title = path.isEmpty ? "the project file" : "'\(path)'"
        guard case .table(let entries) = node.value else {
            errors.append(ConfigError(
                "\(path.isEmpty ? "a project file" : "'\(path)'") must be a table of keys, not \(node.kindName)",
                at: node.location, note: "valid keys in \(title): \(keys.map(\.name).joined(separator: ", "))"))
            return
        }
        for entry in entries {
            let qualified = path.isEmpty ? entry.key : path + "." + entry.key
            if SecretKey.looksSecret(entry.key) {
                errors.append(ConfigError(
                    "'\(qualified)' looks like a secret; a project file is shared with the script, so it holds none",
                    at: entry.keyLocation,
                    note: "remove it and set \(SecretKey.environmentVariable) in the environment instead"))
                continue
            }
            guard let key = keys.first(where: { $0.name == entry.key }) else {
                errors.append(unknown(entry, in: path, keys: keys))
                continue
            }
            if case .null = entry.value.value {
                errors.append(ConfigError(
                    "'\(qualified)' has no value", at: entry.value.location, note: "give it a value or remove the key"))
                continue
            }
            key.apply(entry.value, qualified, &self)
        }
    }

    private func unknown(_ entry: ConfigEntry, in path: String, keys: [ProjectKey]) -> ConfigError {
        let names = keys.map(\.name)
        let note = KeySuggestion.closest(to: entry.key, among: names).map { "did you mean '\($0)'?" }
            ?? "valid keys\(path.isEmpty ? "" : " in '\(path)'"): \(names.joined(separator: ", "))"
        return ConfigError(
            "unknown key '\(entry.key)'\(path.isEmpty ? "" : " in '\(path)'")", at: entry.keyLocation, note: note)
    }
}
