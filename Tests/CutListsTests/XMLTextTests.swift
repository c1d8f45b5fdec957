@testable import CutLists
import Testing
import TestSupport

/// `XMLText.escaped` works on the UTF-8 bytes (the storyboard page escapes megabytes of
/// data: URIs, FCP 7 XML every clip's names); its output must be what escaping character by
/// character gives, for any text.
@Suite("XMLText escaping")
struct XMLTextTests {
    /// Escaping scalar by scalar: the definition `escaped` must match.
    private func byScalars(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @Test("the five entities, control characters but tab and newline dropped, all else kept")
    func examples() {
        #expect(XMLText.escaped("Tom & Jerry's <\"cut\">") == "Tom &amp; Jerry&apos;s &lt;&quot;cut&quot;&gt;")
        #expect(XMLText.escaped("a\u{1}b\tc\nd\u{1F}e\u{7F}") == "ab\tc\nd" + "e\u{7F}")
        #expect(XMLText.escaped("Ünïcödé — 日本 🎬 & é") == "Ünïcödé — 日本 🎬 &amp; é")
        #expect(XMLText.escaped("") == "")
        let uri = "data:image/jpeg;base64," + String(repeating: "QUJD+/9=", count: 1000)
        #expect(XMLText.escaped(uri) == uri)
    }

    @Test("random text escapes as it does character by character")
    func randomText() {
        var generator = SeededGenerator(state: 19)
        let pieces: [String] = ["&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1B}", "a", "Z", " ", "é", "—", "日", "🎬", "e\u{301}", "&amp;"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...40, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(XMLText.escaped(text) == byScalars(text), "\(text.debugDescription)")
            // A substring's bridged or shared storage takes the same path.
            let sliced = String(text.dropFirst())
            #expect(XMLText.escaped(sliced) == byScalars(sliced))
        }
    }
}
