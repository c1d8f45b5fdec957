/// Splits an action paragraph into beats — the pictures a board artist would draw — at a
/// change of subject (another character, a group), at a reveal or point of view (a look,
/// then what is seen: "She looks down. Forty feet below, a canal."), and at a camera verb.
/// Fragments that belong to the picture before ("Nowhere to go.") stay with it.
struct ActionBeats {
    let cast: CastIndex

    /// One beat: its sentences, and whether it shows what someone just looked at.
    struct Beat {
        var sentences: [String]
        var isPointOfView = false
        /// Who the beat opened on.
        fileprivate var subject: Subject = .other

        /// Whether the beat opens on a small thing (`Props`): an insert.
        var isInsert: Bool { subject == .object }
    }

    /// A sentence's subject as far as beats care: a character, a group, or neither.
    fileprivate enum Subject: Equatable {
        case character(String)
        case group
        /// A small thing, framed as an insert (`Props`).
        case object
        case other
    }

    /// Words that open a sentence about many people at once.
    static let groupOpenings = ["the crowd", "everyone", "the others", "the whole", "all of them", "they all",
                                "人群", "众人", "大家", "所有人"]
    /// Openings that place what follows somewhere the camera has not been: a reveal. At the
    /// very start, or in an opening phrase set off by a comma (`Forty feet below, a canal.`).
    static let revealOpenings = ["below", "beneath", "far below", "above", "outside", "through the", "beyond", "across the",
                                 "in the distance", "on the other side", "远处", "窗外", "楼下", "脚下"]
    /// Looking verbs: what comes after a look is what is seen.
    static let lookCues = ["looks", "look", "stares", "peers", "glances", "gazes", "sees", "spots", "watches", "raises the binoculars",
                           "看", "望", "盯着"]
    /// A beat shorter than this (in words, or Chinese characters / 2) is a fragment.
    static let fragmentWords = 4

    func split(_ sentences: [String]) -> [Beat] {
        var beats: [Beat] = []
        var current: Subject?
        var previousLooked = false
        /// The last character or group a sentence was about, to go back to after an insert.
        var person: Subject?
        for sentence in sentences {
            let lower = sentence.lowercased()
            // Word starts rule out most cues before they are searched for.
            let words = WordStarts(lower)
            let opening = Self.opening(lower)
            let subject = Props.isInsert(Breakdown.withoutItemMarker(sentence), lower: lower, words: words, cast: cast)
                ? .object : self.subject(of: Self.subjectOpening(sentence), lower: lower)
            let reveal = Self.revealOpenings.contains { words.mayContain($0) && TextMeasure.contains($0, in: opening)
                && (lower.hasPrefix($0) || TextMeasure.includes(",", in: opening)) }
            let looked = Self.lookCues.contains { words.mayContain($0) && TextMeasure.contains($0, in: lower) }
            var starts = beats.isEmpty
            var pointOfView = false
            if !starts {
                if reveal && previousLooked {
                    starts = true
                    pointOfView = true
                } else if reveal || CameraTerms.move(inLowercasedAction: lower, words: words) != nil {
                    starts = true
                } else if Breakdown.isPauseBeat(sentence) {
                    // A silence is a picture of its own: the room holding still (`Long silence. The dome stops.`).
                    starts = true
                } else if current == .object && subject == .other && Breakdown.continuesSubject(sentence) {
                    // After an insert, the next sentence is back on whoever handled the thing.
                    starts = true
                    current = person ?? .other
                } else if subject != .other, let current, subject != current,
                          !(Self.introduces(sentence) && Self.introduces(beats[beats.count - 1].sentences.last ?? "")) {
                    // Characters introduced one after another are one picture of them together.
                    starts = true
                }
            }
            if starts {
                beats.append(Beat(sentences: [sentence], isPointOfView: pointOfView, subject: subject))
            } else {
                beats[beats.count - 1].sentences.append(sentence)
            }
            // A beat keeps the subject that opened it until a named one takes over.
            if subject != .other {
                current = subject
                if subject != .object { person = subject }
            } else if starts {
                current = current ?? .other
            }
            previousLooked = looked
        }
        return merged(beats)
    }

    /// Fragments join the beat before them (the first one, the beat after). A fragment about
    /// someone else (`Lena stares.`, `The crowd groans.`) is no fragment: it is their reaction.
    private func merged(_ beats: [Beat]) -> [Beat] {
        var result: [Beat] = []
        for beat in beats {
            let words = beat.sentences.reduce(0) { $0 + TextMeasure.words($1) + TextMeasure.ideographs($1) / 2 }
            let reacts = beat.subject == .group
                || beat.subject != .other && result.last.map { $0.subject != .other && $0.subject != beat.subject } == true
            if words < Self.fragmentWords, !beat.isPointOfView, !reacts, !result.isEmpty {
                result[result.count - 1].sentences += beat.sentences
            } else if let last = result.last, !last.isPointOfView,
                      last.sentences.reduce(0, { $0 + TextMeasure.words($1) + TextMeasure.ideographs($1) / 2 }) < Self.fragmentWords {
                // A lead-in fragment takes the picture it leads into (`老周没有看合同。他把棋子…摆上棋盘。`),
                // unless it is an insert itself (`Barbara's stopwatch. Barbara shakes her head.`).
                result[result.count - 1].sentences += beat.sentences
                result[result.count - 1].isPointOfView = beat.isPointOfView
                if !last.isInsert { result[result.count - 1].subject = beat.subject }
            } else {
                result.append(beat)
            }
        }
        return result
    }

    /// Who a sentence is about (from its opening words): a character named there, a group, or neither
    /// (a pronoun carries the subject before it, and a thing or a place has none).
    private func subject(of opening: String, lower: String) -> Subject {
        if Self.groupOpenings.contains(where: { lower.hasPrefix($0) }) { return .group }
        if let first = cast.characters(in: opening).first { return .character(first) }
        return .other
    }

    /// Whether a sentence introduces someone: a name in capitals followed by a description
    /// in brackets (`EARL (60s)`, `老周（七十岁）`).
    static func introduces(_ sentence: String) -> Bool {
        if TextMeasure.includes("（", in: sentence) { return true }
        return TextMeasure.includes(" (", in: sentence) && sentence.split(separator: " ").contains { word in
            word.count >= 2 && word.allSatisfy { $0.isUppercase || $0 == "." || $0 == "'" }
        }
    }

    /// Where a sentence's subject is: its opening, or after a short scene-setting phrase
    /// (`On the town hall steps, MAYOR HOLLIS taps…`, `In the middle of the crowd, FRANKIE…`).
    static func subjectOpening(_ sentence: String) -> String {
        let start = opening(sentence)
        guard let comma = start.firstIndex(where: { $0 == "," || $0 == "，" }) else { return start }
        let rest = sentence[sentence.index(after: comma)...].drop { $0 == " " }
        return start + " " + opening(String(rest))
    }

    /// The first four words of a sentence (eight characters of Chinese), where its subject is.
    static func opening(_ sentence: String) -> String {
        if sentence.unicodeScalars.first.map(TextMeasure.isIdeograph) == true { return String(sentence.prefix(8)) }
        var words = 0
        var end = sentence.endIndex
        for index in sentence.indices where sentence[index] == " " {
            words += 1
            if words == 4 { end = index; break }
        }
        return String(sentence[..<end])
    }
}
