/// The voices of one script's speaking characters, spread over the voice space so that
/// the characters who speak most sound clearly apart.
///
/// Each character starts from the voice its name derives (`Voice.derived`), the same on
/// every machine. Characters are then taken by importance — most lines first, then first
/// to speak — and each keeps its derived voice when that is at least `separation` from the
/// voices already cast (`VoiceRegister.distance`); otherwise it moves to the nearest
/// variant and pitch that is, or, when the space is full, to the one farthest from them.
/// So a character is only ever moved by characters who speak more than it does: adding a
/// minor character never changes a lead's voice, and the voices are stable from build to
/// build. Rate and range stay the derived ones.
///
/// Each character is compared with the `anchors` most important characters before it only,
/// so casting costs time linear in the number of characters.
public enum VoiceCasting {
    /// One speaking character of a script.
    public struct Speaker: Sendable, Hashable {
        /// The canonical cue name.
        public var name: String
        /// How many lines it speaks.
        public var lines: Int
        /// The project file's choice for it, if any: the fields it gives are kept as given.
        public var choice: VoiceChoice?

        public init(name: String, lines: Int, choice: VoiceChoice? = nil) {
            self.name = name
            self.lines = lines
            self.choice = choice
        }
    }

    /// The distance two cast voices keep at least, where the space allows: 5 semitones of
    /// pitch in the same timbre, 3.5 between timbres.
    public static let separation = 5.0
    /// How many of the most important characters each later one keeps apart from.
    static let anchors = 12
    /// The pitches a moved voice may take (the derived voices' own span).
    static let pitches = 20...80

    /// The voice of each of `speakers` (in order of first appearance), in `language`.
    public static func cast(_ speakers: [Speaker], language: String) -> [String: Voice] {
        let order = speakers.enumerated().sorted { a, b in
            a.element.lines != b.element.lines ? a.element.lines > b.element.lines : a.offset < b.offset
        }.map(\.element)
        var cast: [String: Voice] = [:]
        var placed: [Voice] = []
        for speaker in order where cast[speaker.name] == nil {
            let derived = Voice.derived(from: speaker.name, language: language)
            let preferred = speaker.choice?.applied(to: derived) ?? derived
            let voice = place(preferred, choice: speaker.choice, among: placed)
            cast[speaker.name] = voice
            if placed.count < anchors { placed.append(voice) }
        }
        return cast
    }

    /// `preferred` if it keeps `separation` from every voice in `placed`, else the nearest
    /// voice that does, varying only what `choice` leaves open.
    private static func place(_ preferred: Voice, choice: VoiceChoice?, among placed: [Voice]) -> Voice {
        // `VoiceRegister.distance` to each placed voice, their registers and families worked
        // out once here rather than for each of the candidates (log2s and table look-ups).
        let registers = placed.map { (semitones: VoiceRegister.semitones($0), family: VoiceRegister.family($0)) }
        func nearest(_ voice: Voice) -> Double {
            let register = (semitones: VoiceRegister.semitones(voice), family: VoiceRegister.family(voice))
            return registers.map { VoiceRegister.distance(register, $0) }.min() ?? .infinity
        }
        if nearest(preferred) >= separation { return preferred }
        let variants = choice?.language != nil ? [preferred.variant] : Voice.variants.map(Optional.some)
        let pitches = choice?.pitch.map { [$0] } ?? Array(Self.pitches)
        let home = VoiceRegister.semitones(preferred)
        // Best first: clear of every placed voice, then the smallest move from the preferred
        // voice (a change of variant counts as a semitone), then the largest clearance.
        var best: (voice: Voice, clear: Bool, move: Double, clearance: Double)?
        for variant in variants {
            for pitch in pitches {
                var voice = preferred
                voice.variant = variant
                voice.pitch = pitch
                let clearance = nearest(voice)
                let clear = clearance >= separation
                let move = abs(VoiceRegister.semitones(voice) - home) + (variant == preferred.variant ? 0 : 1)
                if let current = best {
                    if current.clear != clear { if current.clear { continue } }
                    else if clear ? move >= current.move : clearance <= current.clearance { continue }
                }
                best = (voice, clear, move, clearance)
            }
        }
        return best?.voice ?? preferred
    }
}
