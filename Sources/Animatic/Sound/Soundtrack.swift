import Foundation
import Generation
import Media
import Planning

/// The film's soundtrack from the plan: each voiced line where the plan puts it (its shot's
/// first frame plus the line's offset), the music bed under everything, and the gain that
/// brings the whole to the target loudness.
enum Soundtrack {
    /// Bumped when the mix changes for the same lines: part of the build's inputs digest.
    static let version = 1

    static func track(for plan: Plan, voicing: Voicing, loudness: Double) throws -> AudioTrack {
        let mix = mix(for: plan, voicing: voicing)
        return AudioTrack(mix: mix, gain: try mix.normalisingGain(to: loudness))
    }

    /// The mix before loudness normalisation.
    static func mix(for plan: Plan, voicing: Voicing) -> AudioMix {
        let rate = Rational(Int32(plan.frameRate.num), Int32(plan.frameRate.den))
        var voices: [AudioMix.Voice] = []
        for (shot, start) in zip(plan.shots, plan.startFrames) {
            for line in shot.lines ?? [] {
                guard let voiced = voicing.lines[line.range.start] else { continue }
                voices.append(AudioMix.Voice(
                    start: AudioMix.samples(frames: start + line.offset, rate: rate), length: voiced.samples,
                    file: voiced.file))
            }
        }
        return AudioMix(
            length: AudioMix.samples(frames: plan.totalFrames, rate: rate), voices: voices,
            music: voicing.music.map { AudioMix.Music(audio: $0) })
    }

    /// What the stretch `range` of `mix` holds, for the key of a clip driven by it: the
    /// voices that sound in it (their files are named by their keys) and where, and the music.
    static func key(of range: Range<Int>, in mix: AudioMix, musicKey: String?) -> String {
        var text = "segment audio \(version) \(range.count)"
        for voice in mix.voices where voice.start < range.upperBound && voice.start + voice.length > range.lowerBound {
            text += "\n\(voice.start - range.lowerBound) \(voice.file.lastPathComponent)"
        }
        if let musicKey, let music = mix.music, range.lowerBound < music.audio.samples.count {
            text += "\nmusic \(musicKey) from \(range.lowerBound)"
        }
        return SHA256.hex(text.utf8)
    }

    /// Frame `frame` of `plan` in 48 kHz samples.
    static func samples(_ frame: Int, _ plan: Plan) -> Int {
        AudioMix.samples(frames: frame, rate: Rational(Int32(plan.frameRate.num), Int32(plan.frameRate.den)))
    }

    /// What the mix depends on, for the build's inputs digest.
    static func digestText(_ voicing: Voicing, loudness: Double) -> String {
        (["sound \(version) loudness \(loudness) music \(voicing.musicKey ?? "-")"]
            + voicing.lines.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.key)" }).joined(separator: "\n")
    }
}
