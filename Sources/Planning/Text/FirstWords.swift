/// The first words of the cast's names, and a single pass over a text that tells which of
/// them it holds as words (runs of ASCII letters and digits and non-ASCII bytes): the quick
/// filter `CastIndex` applies before searching for a full name.
///
/// Words are compared as strings (canonical equivalence, like `Set<Substring>` lookups);
/// an all-ASCII word can only equal an all-ASCII first word byte for byte, so those pairs
/// are compared as bytes, grouped by length, and only words with other bytes take the
/// string comparison.
struct FirstWords: Sendable {
    /// One name's first word.
    struct Word: Sendable {
        let text: Substring
        let bytes: [UInt8]
        let isASCII: Bool

        init(_ text: Substring) {
            self.text = text
            bytes = Array(text.utf8)
            isASCII = bytes.allSatisfy { $0 < 0x80 }
        }
    }

    private let words: [Word?]
    /// Name indexes of the all-ASCII first words, indexed by their length in bytes.
    private let asciiByLength: [[Int]]
    /// Name indexes of first words with non-ASCII bytes (compared as strings).
    private let others: [Int]

    init(_ words: [Word?]) {
        self.words = words
        let longest = words.map { $0?.bytes.count ?? 0 }.max() ?? 0
        var byLength = [[Int]](repeating: [], count: longest + 1)
        var others: [Int] = []
        for (index, word) in words.enumerated() {
            guard let word else { continue }
            if word.isASCII { byLength[word.bytes.count].append(index) } else { others.append(index) }
        }
        asciiByLength = byLength
        self.others = others
    }

    /// For each name, whether its first word is a word of `text` (false for names without one).
    func wordsPresent(in text: String) -> [Bool] {
        var present = [Bool](repeating: false, count: words.count)
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                guard CastIndex.isNameByte(bytes[start]) else { start += 1; continue }
                var end = start
                var isASCII = true
                while end < bytes.count && CastIndex.isNameByte(bytes[end]) {
                    if bytes[end] >= 0x80 { isASCII = false }
                    end += 1
                }
                mark(UnsafeBufferPointer(rebasing: bytes[start..<end]), isASCII: isASCII, in: &present)
                start = end
            }
        }
        return present
    }

    private func mark(_ word: UnsafeBufferPointer<UInt8>, isASCII: Bool, in present: inout [Bool]) {
        if isASCII {
            for index in word.count < asciiByLength.count ? asciiByLength[word.count] : [] where !present[index] {
                if words[index]!.bytes.elementsEqual(word) { present[index] = true }
            }
        }
        let candidates = isASCII ? others : Array(words.indices)
        guard !candidates.isEmpty else { return }
        let text = Substring(String(decoding: word, as: UTF8.self))
        for index in candidates where !present[index] {
            if let first = words[index], first.text == text { present[index] = true }
        }
    }
}
