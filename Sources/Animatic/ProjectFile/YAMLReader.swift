import Screenplay
import Yams

/// Reads a YAML project file with Yams into the tree the schema reads, keeping each key's
/// and value's line and column. Scalars take YAML's usual types (`24` is an integer,
/// `true` and `yes` booleans, `~` null); quote a value to keep it a string.
enum YAMLReader {
    /// The document's root; an empty table for an empty document.
    static func read(_ text: String) throws(ConfigError) -> ConfigNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw ConfigError("cannot read the YAML: \(error)", at: .at(1, 1))
        }
        guard let root else { return ConfigNode(value: .table([]), location: .at(1, 1)) }
        return try node(root)
    }

    private static func node(_ node: Node) throws(ConfigError) -> ConfigNode {
        let location = node.mark.map { SourceLocation.at($0.line, $0.column) } ?? .at(1, 1)
        switch node {
        case .scalar(let scalar):
            return ConfigNode(value: try value(of: scalar, in: node, at: location), location: location)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try self.node(item)) }
            return ConfigNode(value: .array(items), location: location)
        case .mapping(let mapping):
            var entries: [ConfigEntry] = []
            for (key, value) in mapping {
                let keyLocation = key.mark.map { SourceLocation.at($0.line, $0.column) } ?? location
                guard case .scalar(let name) = key else {
                    throw ConfigError("a key must be a plain name, not a list or a table", at: keyLocation)
                }
                entries.append(ConfigEntry(key: name.string, keyLocation: keyLocation, value: try self.node(value)))
            }
            return ConfigNode(value: .table(entries), location: location)
        case .alias:
            throw ConfigError("YAML aliases are not supported in a project file", at: location)
        }
    }

    /// A scalar as the type YAML's tag resolution gives it; tags the schema has no use for
    /// (timestamps, custom tags) stay strings.
    private static func value(of scalar: Node.Scalar, in node: Node, at location: SourceLocation)
        throws(ConfigError) -> ConfigNode.Value
    {
        switch Tag.Name(rawValue: node.tag.description) {
        case .null: return .null
        case .bool:
            guard let bool = node.bool else { break }
            return .bool(bool)
        case .int:
            guard let integer = node.int else { throw ConfigError("the number \(scalar.string) is too large", at: location) }
            return .integer(integer)
        case .float:
            guard let float = node.float else { break }
            return .float(float)
        default: break
        }
        return .string(scalar.string)
    }

    /// Yams' error as a positioned message, without the source line it quotes (which could
    /// hold a secret).
    private static func syntaxError(_ error: YamlError) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let note = context.map { "\($0.text) at \($0.mark.line):\($0.mark.column)" }
            return ConfigError(problem, at: .at(mark.line, mark.column), note: note)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigError("a key is defined twice: \(names)", at: .at(context.mark.line, context.mark.column))
        case .reader(let problem, _, _, _):
            return ConfigError(problem, at: .at(1, 1))
        default:
            return ConfigError("cannot read the YAML: \(error)", at: .at(1, 1))
        }
    }
}
