import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document as a tree of elements, for the cut-list readers: small files, read
/// whole. No DTD or external entity is ever loaded.
final class CutXMLElement {
    let name: String
    let attributes: [String: String]
    private(set) var children: [CutXMLElement] = []
    fileprivate(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The first child named `name`.
    func child(_ name: String) -> CutXMLElement? { children.first { $0.name == name } }

    /// The children named `name`.
    func children(_ name: String) -> [CutXMLElement] { children.filter { $0.name == name } }

    /// The text of the first child named `name`, trimmed.
    func value(_ name: String) -> String? {
        child(name).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// An integer child's value.
    func int(_ name: String) -> Int? { value(name).flatMap { Int($0) } }

    /// Every element below this one, depth first, in document order.
    func descendants(_ name: String) -> [CutXMLElement] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }

    /// Parses `data`.
    /// - Throws: `EditedCutError` when it is not well-formed XML.
    static func parse(_ data: Data, format: String) throws(EditedCutError) -> CutXMLElement {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        // Some XMLParsers recover from a mismatched or unclosed tag and report success: an
        // error reported to the delegate, or an element left open, fails the parse too.
        guard parser.parse(), !builder.failed, builder.isComplete, let root = builder.root else {
            let line = parser.lineNumber
            throw EditedCutError("not \(format): the XML does not read at line \(line)")
        }
        return root
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: CutXMLElement?
    var failed = false
    private var open: [CutXMLElement] = []

    /// Whether every element opened was closed.
    var isComplete: Bool { open.isEmpty }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        failed = true
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let element = CutXMLElement(name: name, attributes: attributes)
        if let parent = open.last { parent.append(element) } else { root = element }
        open.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if open.last?.name == name { open.removeLast() } else { failed = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        open.last?.appendText(string)
    }
}

private extension CutXMLElement {
    func append(_ child: CutXMLElement) { children.append(child) }
    func appendText(_ more: String) { text += more }
}
