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
        let isASCII: Bool

        init(_ text: Substring) {
            self.text = text
            isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        }
    }

    private let words: [Word?]
    /// The all-ASCII first words, flat so the scan allocates and retains nothing: for a
    /// length `n`, `asciiNames[lengthStart[n]..<lengthStart[n + 1]]` are the name indexes
    /// whose first word has `n` bytes, and `asciiBytes` holds those words' bytes in the
    /// same order, from `byteStart[n]`.
    private let lengthStart: [Int]
    private let byteStart: [Int]
    private let asciiNames: [Int]
    private let asciiBytes: [UInt8]
    /// Name indexes of first words with non-ASCII bytes (compared as strings).
    private let others: [Int]

    init(_ words: [Word?]) {
        self.words = words
        let ascii = words.indices.filter { words[$0]?.isASCII == true }
            .sorted { (words[$0]!.text.utf8.count, $0) < (words[$1]!.text.utf8.count, $1) }
        let longest = ascii.last.map { words[$0]!.text.utf8.count } ?? 0
        var lengthStart = [Int](repeating: 0, count: longest + 2)
        for index in ascii { lengthStart[words[index]!.text.utf8.count + 1] += 1 }
        for length in 1..<lengthStart.count { lengthStart[length] += lengthStart[length - 1] }
        self.lengthStart = lengthStart
        var byteStart = [Int](repeating: 0, count: lengthStart.count)
        for length in 1..<lengthStart.count {   // after the words one byte shorter
            byteStart[length] = byteStart[length - 1] + (lengthStart[length] - lengthStart[length - 1]) * (length - 1)
        }
        self.byteStart = byteStart
        asciiNames = ascii
        asciiBytes = ascii.flatMap { Array(words[$0]!.text.utf8) }
        others = words.indices.filter { words[$0].map { !$0.isASCII } ?? false }
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
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if isASCII { markASCII(word, in: &present) }
                if !isASCII || !others.isEmpty { markAsString(word, isASCII: isASCII, in: &present) }
                start = end
            }
        }
        return present
    }

    private func markASCII(_ word: UnsafeBufferPointer<UInt8>, in present: inout [Bool]) {
        let length = word.count
        guard length + 1 < lengthStart.count else { return }
        var offset = byteStart[length]
        for position in lengthStart[length]..<lengthStart[length + 1] {
            let index = asciiNames[position]
            if !present[index] && asciiBytes[offset..<offset + length].elementsEqual(word) { present[index] = true }
            offset += length
        }
    }

    private func markAsString(_ word: UnsafeBufferPointer<UInt8>, isASCII: Bool, in present: inout [Bool]) {
        let text = Substring(String(decoding: word, as: UTF8.self))
        for index in isASCII ? others : Array(words.indices) where !present[index] {
            if let first = words[index], first.text == text { present[index] = true }
        }
    }
}
