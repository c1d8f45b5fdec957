import CutLists
import Foundation
import SettingValues
import Compliance
import Planning
import Screenplay

/// Reads one kind of setting from a project file's value: checks its type and range and
/// turns it into the setting's type, or throws an error at the value naming the key.
struct ValueReader<Value> {
    /// Reads `node`, the value of the key `key` (dotted: `backend.comfyui.urls`); relative
    /// paths resolve against `directory`.
    let read: (_ node: ConfigNode, _ key: String, _ directory: URL) throws(ConfigError) -> Value
}

extension ValueReader {
    /// `'key' must be <expected>, not <what the node is>`.
    static func mismatch(_ node: ConfigNode, _ key: String, _ expected: String) -> ConfigError {
        ConfigError("'\(key)' must be \(expected), not \(node.kindName)", at: node.location)
    }
}

extension ValueReader where Value == String {
    /// Any string.
    static var string: Self {
        Self { node, key, _ throws(ConfigError) in
            guard case .string(let text) = node.value else { throw mismatch(node, key, "a string") }
            return text
        }
    }
}

extension ValueReader where Value == Bool {
    /// `true` or `false` (in YAML also `yes`, `no`, `on`, `off`).
    static var bool: Self {
        Self { node, key, _ throws(ConfigError) in
            guard case .bool(let flag) = node.value else { throw mismatch(node, key, "true or false") }
            return flag
        }
    }
}

extension ValueReader where Value == Int {
    /// An integer in `range`.
    static func integer(in range: ClosedRange<Int>) -> Self {
        Self { node, key, _ throws(ConfigError) in
            guard case .integer(let number) = node.value else { throw mismatch(node, key, "an integer") }
            guard range.contains(number) else {
                throw ConfigError(
                    "'\(key)' must be from \(range.lowerBound) to \(range.upperBound), not \(number)", at: node.location)
            }
            return number
        }
    }
}

extension ValueReader where Value == Double {
    /// A number of seconds in `range`, whole or not.
    static func seconds(in range: ClosedRange<Double>) -> Self {
        real(in: range, expected: "a number of seconds", unit: " seconds")
    }

    /// A number in `range`, whole or not.
    static func number(in range: ClosedRange<Double>) -> Self {
        real(in: range, expected: "a number", unit: "")
    }

    /// A whole or fractional number in `range`; `expected` names it in a type mismatch and
    /// `unit` follows the bounds in a range error.
    private static func real(in range: ClosedRange<Double>, expected: String, unit: String) -> Self {
        Self { node, key, _ throws(ConfigError) in
            let number: Double
            switch node.value {
            case .integer(let whole): number = Double(whole)
            case .float(let fraction): number = fraction
            default: throw mismatch(node, key, expected)
            }
            guard range.contains(number) else {
                throw ConfigError(
                    "'\(key)' must be from \(range.lowerBound.formatted()) to \(range.upperBound.formatted())\(unit)",
                    at: node.location)
            }
            return number
        }
    }
}

extension ValueReader where Value == Int {
    /// A number of bytes in `range`: an integer, or a string of a number and a unit
    /// (`512 MiB`, `2GiB`, `1.5 GB`; KB, MB, GB, TB are powers of 1000, KiB… of 1024).
    static func bytes(in range: ClosedRange<Int>) -> Self {
        Self { node, key, _ throws(ConfigError) in
            let bytes: Int?
            switch node.value {
            case .integer(let number): bytes = number
            case .string(let text): bytes = ByteSize.parse(text)
            default: throw mismatch(node, key, "a number of bytes")
            }
            guard let bytes else {
                throw ConfigError(
                    "'\(key)' must be a number of bytes, such as 2147483648 or \"2 GiB\"", at: node.location)
            }
            guard range.contains(bytes) else {
                throw ConfigError(
                    "'\(key)' must be from \(ByteCount.text(range.lowerBound)) to \(ByteCount.text(range.upperBound))",
                    at: node.location)
            }
            return bytes
        }
    }
}

extension ValueReader where Value == FrameSize {
    /// `1280x720`.
    static var frameSize: Self {
        Self { node, key, directory throws(ConfigError) in
            let text = try ValueReader<String>.string.read(node, key, directory)
            guard let size = FrameSize(text) else {
                throw ConfigError(
                    "'\(key)' must be WxH with positive even numbers, such as 1280x720, not '\(text)'", at: node.location)
            }
            return size
        }
    }
}

extension ValueReader where Value == FrameRate {
    /// 24, 25, 23.976 or 29.97, as a number or a string.
    static var frameRate: Self {
        Self { node, key, _ throws(ConfigError) in
            let text: String
            switch node.value {
            case .integer(let number): text = String(number)
            case .float(let number): text = String(number)
            case .string(let string): text = string
            default: throw mismatch(node, key, "a frame rate")
            }
            guard let rate = FrameRate(text), FrameRate.supported.contains(rate) else {
                throw ConfigError("'\(key)' must be 24, 25, 23.976 or 29.97, not \(text)", at: node.location)
            }
            return rate
        }
    }
}

extension ValueReader where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of the enumeration's names.
    static var choice: Self {
        Self { node, key, directory throws(ConfigError) in
            let text = try ValueReader<String>.string.read(node, key, directory)
            guard let value = Value(rawValue: text) else {
                let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigError("'\(key)' must be one of \(names), not '\(text)'", at: node.location)
            }
            return value
        }
    }
}

extension ValueReader where Value == URL {
    /// A file path; a relative one is taken from the project file's directory.
    static var path: Self {
        Self { node, key, directory throws(ConfigError) in
            let text = try ValueReader<String>.string.read(node, key, directory)
            guard !text.isEmpty else { throw ConfigError("'\(key)' must be a path, not an empty string", at: node.location) }
            return URL(fileURLWithPath: text, relativeTo: directory).standardizedFileURL
        }
    }

    /// An `http` or `https` URL with a host.
    static var webAddress: Self {
        Self { node, key, directory throws(ConfigError) in
            let text = try ValueReader<String>.string.read(node, key, directory)
            // `https://user:password@host/`: a secret, never quoted back, like any other.
            let url = URL(string: text)
            if url?.password != nil || url?.user != nil {
                throw ConfigError(
                    "'\(key)' holds a user name or password; a project file is shared with the script, so it holds none",
                    at: node.location,
                    note: "write the address without them; credentials belong in the environment")
            }
            guard let url, ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                // Text that did not parse as a URL may still hold credentials: not quoted then.
                let found = text.contains("@") ? "" : ", not '\(text)'"
                throw ConfigError("'\(key)' must be an http:// or https:// URL\(found)", at: node.location)
            }
            return url
        }
    }
}

extension ValueReader {
    /// A list, each item read by `item` (and named `key[index]` in errors).
    static func list<Item>(of item: ValueReader<Item>) -> Self where Value == [Item] {
        Self { node, key, directory throws(ConfigError) in
            guard case .array(let items) = node.value else { throw mismatch(node, key, "a list") }
            var values: [Item] = []
            for (index, element) in items.enumerated() {
                values.append(try item.read(element, "\(key)[\(index)]", directory))
            }
            return values
        }
    }
}

extension ValueReader where Value == [CutListFormat] {
    /// A list of cut list names (empty for none), or the flag's comma-separated form.
    static var cutLists: Self {
        Self { node, key, directory throws(ConfigError) in
            let names: [String] = switch node.value {
            case .string(let text): text == "none" ? [] : text.split(separator: ",").map(String.init)
            case .array: try ValueReader<[String]>.list(of: .string).read(node, key, directory)
            default: throw mismatch(node, key, "a list of cut lists")
            }
            do throws(AnimaticError) {
                return try CutListFormat.formats(named: names)
            } catch {
                throw ConfigError("'\(key)': \(error.message)", at: node.location)
            }
        }
    }
}

extension ValueReader where Value == CommandTemplate {
    /// A program and its arguments: a list of arguments, or one string split like shell words.
    static var commandTemplate: Self {
        Self { node, key, directory throws(ConfigError) in
            let make = { (body: () throws(BackendError) -> CommandTemplate) throws(ConfigError) -> CommandTemplate in
                do throws(BackendError) { return try body() } catch {
                    guard case .invalidConfiguration(let message) = error.failure else { throw mismatch(node, key, "a command") }
                    throw ConfigError("'\(key)': \(message)", at: node.location)
                }
            }
            switch node.value {
            case .string(let text):
                return try make { () throws(BackendError) in try CommandTemplate(parsing: text) }
            case .array:
                let arguments = try ValueReader<[String]>.list(of: .string).read(node, key, directory)
                return try make { () throws(BackendError) in try CommandTemplate(arguments: arguments) }
            default:
                throw mismatch(node, key, "a list of arguments or a string")
            }
        }
    }
}

extension ValueReader where Value == WorkerCommand {
    /// A worker program and its arguments: a list of arguments, or one string split like shell words.
    static var workerCommand: Self {
        Self { node, key, directory throws(ConfigError) in
            let arguments: [String]
            switch node.value {
            case .string(let text):
                do throws(BackendError) { return try WorkerCommand(parsing: text) } catch {
                    throw ConfigError("'\(key)': \(error.failure)", at: node.location)
                }
            case .array:
                arguments = try ValueReader<[String]>.list(of: .string).read(node, key, directory)
            default:
                throw mismatch(node, key, "a list of arguments or a string")
            }
            do throws(BackendError) { return try WorkerCommand(arguments: arguments) } catch {
                throw ConfigError("'\(key)': \(error.failure)", at: node.location)
            }
        }
    }
}

extension ValueReader where Value == [String] {
    /// GPU numbers or names (`[0, 1]`, `["0", "GPU-5f…"]`), one worker each; at least one.
    static var gpus: Self {
        Self { node, key, _ throws(ConfigError) in
            guard case .array(let items) = node.value, !items.isEmpty else {
                throw mismatch(node, key, "a list of GPUs")
            }
            var gpus: [String] = []
            for item in items {
                switch item.value {
                case .integer(let number) where number >= 0: gpus.append(String(number))
                case .string(let name) where !name.isEmpty && !name.contains(","): gpus.append(name)
                default: throw mismatch(item, key, "a GPU number or name")
                }
            }
            return gpus
        }
    }
}

extension ValueReader where Value == Double {
    /// A number that is not negative (a price, a speed).
    static var amount: Self {
        Self { node, key, _ throws(ConfigError) in
            let number: Double
            switch node.value {
            case .integer(let whole): number = Double(whole)
            case .float(let fraction): number = fraction
            default: throw mismatch(node, key, "a number")
            }
            guard number.isFinite, number >= 0 else { throw ConfigError("'\(key)' must not be negative", at: node.location) }
            return number
        }
    }
}

extension ValueReader where Value == [String: Double] {
    /// A table of prices per second by model (`"wan2.2-t2v-plus@1080P" = 0.70`).
    static var prices: Self {
        Self { node, key, directory throws(ConfigError) in
            guard case .table(let entries) = node.value else { throw mismatch(node, key, "a table of prices by model") }
            var prices: [String: Double] = [:]
            for entry in entries {
                prices[entry.key] = try ValueReader<Double>.amount.read(entry.value, key + "." + entry.key, directory)
            }
            return prices
        }
    }
}

extension ValueReader where Value == CompliancePolicy {
    /// `block`, `warn` or `rewrite` for `category`; `rewrite` only where a description can
    /// stand in (names and brands).
    static func compliancePolicy(for category: ComplianceCategory) -> Self {
        Self { node, key, directory throws(ConfigError) in
            let policy = try ValueReader<CompliancePolicy>.choice.read(node, key, directory)
            guard policy != .rewrite || category.rewritable else {
                throw ConfigError(
                    "'\(key)' cannot be rewrite: a sensitive term has no neutral stand-in; use block or warn",
                    at: node.location)
            }
            return policy
        }
    }
}
