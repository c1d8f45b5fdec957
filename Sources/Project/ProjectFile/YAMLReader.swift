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
        var walk = Walk()
        return try walk.node(root, at: .at(1, 1))
    }

    /// The walk over the composed tree. Yams resolves an alias (`*name`) to the node its
    /// anchor names, so the tree is a graph that a walk would expand: nine levels of ten
    /// aliases are a billion nodes. Without aliases a walk meets the nodes in the order
    /// they are written, so a node whose position is before one seen already is an alias
    /// being expanded; the walk stops at the first, at the line of the alias.
    private struct Walk {
        /// The furthest position seen yet, as (line, column).
        var furthest = (line: 0, column: 0)
        /// Nodes walked: a backstop should a node come without a position.
        var count = 0
        static let maximumNodes = 1_000_000

        mutating func node(_ node: Node, at use: SourceLocation) throws(ConfigError) -> ConfigNode {
            count += 1
            guard count <= Self.maximumNodes else {
                throw ConfigError("the project file holds more than \(Self.maximumNodes) values", at: use)
            }
            if let mark = node.mark {
                // A table or list starts where its first item does: equal is not past.
                guard (mark.line, mark.column) >= furthest else {
                    throw ConfigError(
                        "YAML aliases and merge keys are not supported in a project file", at: use,
                        note: "write the value out in full")
                }
                furthest = (mark.line, mark.column)
            }
            return try YAMLReader.node(node, walk: &self)
        }

        /// Where the walk is: the alias site of a list item is just past it.
        var furthestLocation: SourceLocation { .at(max(furthest.line, 1), max(furthest.column, 1)) }
    }

    private static func node(_ node: Node, walk: inout Walk) throws(ConfigError) -> ConfigNode {
        let location = node.mark.map { SourceLocation.at($0.line, $0.column) } ?? .at(1, 1)
        switch node {
        case .scalar(let scalar):
            return ConfigNode(value: try value(of: scalar, in: node, at: location), location: location)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try walk.node(item, at: walk.furthestLocation)) }
            return ConfigNode(value: .array(items), location: location)
        case .mapping(let mapping):
            var entries: [ConfigEntry] = []
            for (key, value) in mapping {
                let keyLocation = key.mark.map { SourceLocation.at($0.line, $0.column) } ?? location
                guard case .scalar(let name) = key else {
                    throw ConfigError("a key must be a plain name, not a list or a table", at: keyLocation)
                }
                _ = try walk.node(key, at: keyLocation)
                entries.append(ConfigEntry(key: name.string, keyLocation: keyLocation, value: try walk.node(value, at: keyLocation)))
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
