import Foundation
import Speech

extension ValueReader where Value == [String: VoiceChoice] {
    /// `voices`: a table of characters (cue names, any case), each a table of `voice` (an
    /// eSpeak NG voice, optionally with a variant: `en` (British), `en-us`, `en+f2`), `pitch`
    /// and `range` (0–100) and `rate` (80–450 words a minute). What a character's table
    /// leaves out keeps the voice the script's cast gives it (`VoiceCasting`), so
    /// `ANNA: {pitch: 70}` only raises Anna's pitch.
    static var voices: Self {
        Self { node, key, directory throws(ConfigError) in
            guard case .table(let characters) = node.value else { throw mismatch(node, key, "a table of characters") }
            var voices: [String: VoiceChoice] = [:]
            for character in characters {
                let name = character.key.uppercased()
                let path = key + "." + character.key
                guard case .table(let fields) = character.value.value else {
                    throw mismatch(character.value, path, "a table of voice, pitch, range and rate")
                }
                var voice = VoiceChoice()
                for field in fields {
                    let fieldPath = path + "." + field.key
                    switch field.key {
                    case "voice":
                        let espeakName = try ValueReader<String>.string.read(field.value, fieldPath, directory)
                        let parts = espeakName.split(separator: "+", maxSplits: 1).map(String.init)
                        guard let language = parts.first, !language.isEmpty,
                              espeakName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-+_".contains($0)) })
                        else {
                            throw ConfigError(
                                "'\(fieldPath)' must be an eSpeak NG voice name such as en, en-us or en+f2, not '\(espeakName)'",
                                at: field.value.location)
                        }
                        voice.language = language
                        voice.variant = parts.count > 1 ? parts[1] : nil
                    case "pitch": voice.pitch = try ValueReader<Int>.integer(in: 0...100).read(field.value, fieldPath, directory)
                    case "range": voice.range = try ValueReader<Int>.integer(in: 0...100).read(field.value, fieldPath, directory)
                    case "rate": voice.rate = try ValueReader<Int>.integer(in: 80...450).read(field.value, fieldPath, directory)
                    default:
                        throw ConfigError(
                            "unknown key '\(field.key)' in '\(path)'", at: field.keyLocation,
                            note: KeySuggestion.closest(to: field.key, among: ["voice", "pitch", "range", "rate"])
                                .map { "did you mean '\($0)'?" } ?? "valid keys: voice, pitch, range, rate")
                    }
                }
                voices[name] = voice
            }
            return voices
        }
    }
}
