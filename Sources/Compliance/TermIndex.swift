import Foundation
import Planning
/// The entries of the compliance lists, indexed for one pass over a text: Latin-script
/// entries by their first word (matched word by word, whole words, ignoring case), Chinese
/// and other unspaced entries by their first character (matched anywhere, as written).
struct TermIndex: Sendable {
    /// A found entry and where it is in the text.
    struct Match {
        var entry: ComplianceLists.Entry
        var range: Range<String.Index>
    }

    private var byFirstWord: [String: [(words: [String], entry: ComplianceLists.Entry)]] = [:]
    private var unspacedByFirst: [Character: [ComplianceLists.Entry]] = [:]

    init(_ entries: [ComplianceLists.Entry]) {
        for entry in entries {
            if entry.text.unicodeScalars.contains(where: Self.isUnspaced) {
                if let first = entry.text.first { unspacedByFirst[first, default: []].append(entry) }
                continue
            }
            let words = Self.words(of: entry.text).map(\.text)
            guard let first = words.first else { continue }
            byFirstWord[first, default: []].append((words, entry))
        }
    }

    /// Every entry in `text`, in the order found (word entries first).
    func matches(in text: String) -> [Match] {
        var found: [Match] = []
        if !byFirstWord.isEmpty {
            let words = Self.words(of: text)
            for (position, word) in words.enumerated() {
                for candidate in byFirstWord[word.text] ?? [] {
                    let last = position + candidate.words.count - 1
                    guard last < words.count,
                        (1..<candidate.words.count).allSatisfy({ words[position + $0].text == candidate.words[$0] })
                    else { continue }
                    found.append(Match(entry: candidate.entry, range: word.range.lowerBound..<words[last].range.upperBound))
                }
            }
        }
        guard !unspacedByFirst.isEmpty else { return found }
        // One pass: at each character that starts an entry, the entries that start with it.
        var index = text.startIndex
        while index < text.endIndex {
            for entry in unspacedByFirst[text[index]] ?? [] where text[index...].hasPrefix(entry.text) {
                found.append(Match(entry: entry, range: index..<text.index(index, offsetBy: entry.text.count)))
            }
            index = text.index(after: index)
        }
        return found
    }

    /// Han, kana and hangul: scripts written without spaces, matched as substrings.
    private static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FFFF: true
        default: false
        }
    }

    /// The words of `text`, lowercased: runs of letters and digits.
    private static func words(of text: String) -> [(text: String, range: Range<String.Index>)] {
        var words: [(String, Range<String.Index>)] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let inWord = if let ascii = character.asciiValue {
                // Most of a prompt is ASCII, whose letters and digits are these: Unicode's
                // property tables (`isLetter`, `isNumber`) cost a build as much again.
                (0x30...0x39).contains(ascii) || (0x61...0x7A).contains(ascii | 0x20)
            } else {
                (character.isLetter || character.isNumber) && !character.unicodeScalars.contains(where: isUnspaced)
            }
            if inWord, start == nil { start = index }
            if !inWord, let begun = start {
                words.append((text[begun..<index].lowercased(), begun..<index))
                start = nil
            }
            index = text.index(after: index)
        }
        if let begun = start { words.append((text[begun..<text.endIndex].lowercased(), begun..<text.endIndex)) }
        return words
    }
}
