import Foundation

/// A ComfyUI workflow in API format (`{node_id: {"class_type", "inputs"}}`, as saved with
/// “Export (API)”), with placeholders in its string values.
///
/// A string that is a numeric placeholder alone (`"{seed}"`, `"{frames}"`, `"{width}"`,
/// `"{height}"`, `"{fps}"`, `"{seconds}"`) becomes a JSON number; any other placeholder is
/// replaced inside the string (`"{prompt}"`, `"a shot of {prompt}"`). Text in braces that
/// is not a placeholder stays as it is.
public struct ComfyUIWorkflow: Sendable, Hashable {
    /// The workflow file's JSON text.
    public let text: String

    /// Reads an API-format workflow; throws a permanent `BackendError` for anything else
    /// (a UI-format workflow with `nodes`, invalid JSON, no `{prompt}`).
    public init(data: Data) throws(BackendError) {
        let object = try? JSONSerialization.jsonObject(with: data)
        guard let nodes = object as? [String: Any], !nodes.isEmpty,
            nodes.values.allSatisfy({ ($0 as? [String: Any])?["class_type"] is String })
        else {
            throw Self.invalid(
                "the workflow is not in API format ({node_id: {class_type, inputs}}): export it with “Export (API)”")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains(Placeholder.prompt.token) else {
            throw Self.invalid("the workflow has no \"{prompt}\" placeholder")
        }
        self.text = text
    }

    /// The workflow with every placeholder replaced, as a JSON object for `/prompt`.
    /// - Throws: when the text no longer parses (init checked it does): never an empty graph.
    func filled(with values: PlaceholderValues) throws -> Any {
        fill(try JSONSerialization.jsonObject(with: Data(text.utf8)), values)
    }

    private func fill(_ value: Any, _ values: PlaceholderValues) -> Any {
        switch value {
        case let dictionary as [String: Any]: return dictionary.mapValues { fill($0, values) }
        case let array as [Any]: return array.map { fill($0, values) }
        case let string as String:
            if let whole = Placeholder.allCases.first(where: { $0.isNumeric && $0.token == string }),
                let number = values.values[whole]
            {
                return Int(number).map { NSNumber(value: $0) } ?? Double(number).map { NSNumber(value: $0) } ?? number
            }
            return values.expand(string) ?? string
        default: return value
        }
    }

    private static func invalid(_ message: String) -> BackendError {
        BackendError(
            backend: "comfyui", operation: "read the workflow", failure: .invalidConfiguration(message),
            isPermanent: true)
    }
}
