import Foundation

/// Text escaping for the XML writers.
enum XMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities, and control characters other than tab and
    /// newline (which XML 1.0 forbids) dropped.
    static func escaped(_ text: String) -> String {
        var text = text
        // A native string's UTF-8 is one buffer: scanned and escaped byte by byte. Every
        // byte to change is ASCII, and no byte of a multi-byte character is, so bytes give
        // what characters would.
        return text.withUTF8 { bytes -> String? in
            // Most text (and every data: URI) needs nothing: one pass over the bytes says so.
            guard let first = bytes.firstIndex(where: needsWork) else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&apos;".utf8)
                case 0x0A, 0x09: out.append(byte)
                case ..<0x20: continue
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// Whether `byte` is escaped or dropped by `escaped`.
    private static func needsWork(_ byte: UInt8) -> Bool {
        byte < 0x20 ? byte != 0x0A && byte != 0x09 : byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// A file URL's path with every byte outside `A–Z a–z 0–9 - . _ ~ /` percent-encoded
    /// (UTF-8), so spaces and non-ASCII names survive every reader.
    static func percentEncodedPath(_ url: URL) -> String {
        var out = ""
        for byte in url.path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (character.isLetter || character.isNumber || "-._~/".contains(character)) {
                out.append(character)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}

/// Lines of indented XML.
struct XMLLines {
    private(set) var lines: [String] = []
    private var depth = 0

    /// `<name attributes>`, indenting what follows until `close`.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        lines.append(indent + "<" + name + Self.attributes(attributes) + ">")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        lines.append(indent + "</" + name + ">")
    }

    /// `<name>text</name>`
    mutating func element(_ name: String, _ text: String) {
        lines.append(indent + "<" + name + ">" + XMLText.escaped(text) + "</" + name + ">")
    }

    /// `<name attributes/>`
    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        lines.append(indent + "<" + name + Self.attributes(attributes) + "/>")
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(XMLText.escaped($0.1))\"" }.joined()
    }
}
