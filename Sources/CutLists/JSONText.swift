/// A JSON value that prints deterministically: object keys in the order given, two-space
/// indentation, doubles in their shortest exact form.
enum JSONText {
    case object([(String, JSONText)])
    case array([JSONText])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    /// The value as pretty-printed JSON.
    func rendered(indent: String = "") -> String {
        var out = ""
        write(to: &out, indent: indent)
        return out
    }

    /// Appends the value, pretty-printed at `indent`, to `out`: one buffer for the whole
    /// document, where a string per level copied every member once per depth.
    private func write(to out: inout String, indent: String) {
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            let inner = indent + "  "
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += ",\n" }
                out += inner
                Self.quote(key, to: &out)
                out += ": "
                value.write(to: &out, indent: inner)
            }
            out += "\n" + indent + "}"
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            let inner = indent + "  "
            out += "[\n"
            for (index, item) in items.enumerated() {
                if index > 0 { out += ",\n" }
                out += inner
                item.write(to: &out, indent: inner)
            }
            out += "\n" + indent + "]"
        case .string(let text): Self.quote(text, to: &out)
        case .int(let value): out += String(value)
        case .double(let value): out += value.description
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    private static func quote(_ text: String, to out: inout String) {
        out += "\""
        // Most text needs no escape: one pass over the bytes says so.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
            return out += "\""
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
