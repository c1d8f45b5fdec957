import Foundation
import Generation
import Media
import Planning

/// The film's soundtrack from the plan: each voiced line where the plan puts it (its shot's
/// first frame plus the line's offset), the music bed under everything, and the gain that
/// brings the whole to the target loudness.
///
/// The gain is known without measuring the film: every line is brought to the dialogue's
/// loudness when it is voiced (with its delivery's level), and the bed to the same loudness
/// when it is first read, so a film of dialogue, of music or of both measures about
/// `dialogueLoudness`, and `--loudness` is that plus a fixed gain. An edit therefore
/// changes only the samples it touches, and the AAC track is re-encoded only there.
enum Soundtrack {
    /// Bumped when the mix changes for the same lines: part of the build's inputs digest.
    static let version = 2

    /// The loudness every line and the music bed are brought to when they are made (EBU R128
    /// integrated, LUFS): the EBU's own target, so that the default `--loudness` needs no gain.
    static let dialogueLoudness = -23.0

    /// The soundtrack of `plan`, cut into AAC chunks at its segments, kept in `cache`'s `audio/`.
    static func track(for plan: Plan, voicing: Voicing, loudness: Double, cache: URL) -> AudioTrack {
        var starts: [Int] = []
        for (shot, first) in zip(plan.shots, plan.startFrames) {
            var frame = first
            for segment in shot.segments {
                starts.append(samples(frame, plan))
                frame += segment.frames
            }
        }
        let directory = cache.appendingPathComponent("audio", isDirectory: true)
        return AudioTrack(
            mix: mix(for: plan, voicing: voicing), gain: loudness - dialogueLoudness, segmentStarts: starts,
            chunkFile: { text in
                let key = SHA256.hex(text.utf8)
                return directory.appendingPathComponent(String(key.prefix(2)), isDirectory: true).appendingPathComponent(key + ".aac")
            })
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
            music: voicing.music.map { AudioMix.Music(file: $0.file, length: $0.samples) })
    }

    /// What the stretch `range` of `mix` holds, for the key of a clip driven by it: the
    /// voices that sound in it (their files are named by their keys) and where, and the music.
    static func key(of range: Range<Int>, in mix: AudioMix) -> String {
        SHA256.hex("segment audio \(version) \(mix.contents(of: range))".utf8)
    }

    /// Frame `frame` of `plan` in 48 kHz samples.
    static func samples(_ frame: Int, _ plan: Plan) -> Int {
        AudioMix.samples(frames: frame, rate: Rational(Int32(plan.frameRate.num), Int32(plan.frameRate.den)))
    }

    /// What the mix depends on, for the build's inputs digest.
    static func digestText(_ voicing: Voicing, loudness: Double) -> String {
        (["sound \(version) loudness \(loudness) music \(voicing.music?.key ?? "-")"]
            + voicing.lines.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.key)" }).joined(separator: "\n")
    }
}
