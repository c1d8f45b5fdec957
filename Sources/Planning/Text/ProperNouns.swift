import Screenplay

/// Words a script writes in capitals that are names, not shouting: every word of a
/// character's name, and the owners named in its locations (`MARLOWE` from `INT. MARLOWE'S
/// COFFEE BAR`). Prompts keep these capitalised (`Marlowe's`, `Marlowe House Blend`).
/// Read from cue names and headings only, so editing a scene's prose never changes it.
enum ProperNouns {
    static func words(_ screenplay: Screenplay, cast: CastIndex) -> Set<String> {
        var words = cast.nameWords
        for scene in screenplay.scenes {
            guard let location = scene.heading?.location else { continue }
            for word in location.uppercased().split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }) {
                for mark in ["'S", "’S"] where word.hasSuffix(mark) && word.count > mark.count + 1 {
                    words.insert(String(word.dropLast(mark.count)))
                }
            }
        }
        return words
    }
}
