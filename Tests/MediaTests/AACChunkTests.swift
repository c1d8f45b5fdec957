import Foundation
import Media
import Testing
import TestSupport

/// The soundtrack encoded in chunks anchored to segments and joined from their packets:
/// decoded by ffmpeg, it is the mix — in sync along the film, without a seam where a voice
/// runs across a cut — and an edit re-encodes only the chunks it touches.
@Suite("AAC chunks")
struct AACChunkTests {
    /// Segment lengths in frames at 24 fps (2,000 samples a frame): none a whole number of
    /// AAC frames, so chunks placed by rounding each length alone would drift.
    static let segmentFrames = [37, 53, 29, 71, 44, 61, 33, 58, 47, 40, 39, 66, 31, 52, 45, 57, 35, 49, 43, 62]
    /// The segment a voice runs across the end of (a cut inside speech).
    static let spanned = 2

    /// Something like a voice: a buzz gliding between 100 and 180 Hz with falling
    /// harmonics, in syllables (not periodic, so that a lag is found without ambiguity; no
    /// noise, which AAC codes by its spectrum, not its waveform).
    static func speech(seconds: Double, seed: Int) -> [Float] {
        let count = Int(seconds * 48_000)
        var phase = 0.0
        return (0..<count).map { index in
            let t = Double(index) / 48_000
            let envelope = 0.5 - 0.5 * cos(2 * Double.pi * (3.7 + Double(seed % 3) * 0.4) * t)
            phase += 2 * Double.pi * (140 + 40 * sin(2 * Double.pi * 1.3 * t + Double(seed))) / 48_000
            var value = 0.0
            for harmonic in 1...6 { value += sin(Double(harmonic) * phase) / Double(harmonic) }
            return Float(0.12 * envelope * value)
        }
    }

    struct Film {
        var starts: [Int]
        var length: Int
        var voices: [(start: Int, samples: [Float], file: URL)]
        var mix: AudioMix
    }

    /// One voice a quarter second into every segment, and one across the end of `spanned`.
    static func film(_ frames: [Int], in directory: Scratch) throws -> Film {
        var starts: [Int] = []
        var position = 0
        for length in frames {
            starts.append(position)
            position += length * 2000
        }
        var voices: [(start: Int, samples: [Float], file: URL)] = []
        for (index, start) in starts.enumerated() {
            // Each voice as long as in the unedited film: an edit moves voices, not changes them.
            let length = segmentFrames[index] * 2000
            let samples = speech(seconds: Double(length - 24_000) / 48_000 * (index == spanned ? 0.4 : 0.8), seed: index)
            voices.append((start + 12_000, samples, directory.file("voice\(index).wav")))
        }
        let across = speech(seconds: 1.5, seed: 99)
        voices.append((starts[spanned + 1] - 36_000, across, directory.file("across.wav")))
        for voice in voices { try WAVFile.write(voice.samples, channels: 1, to: voice.file) }
        let mix = AudioMix(
            length: position, voices: voices.map { AudioMix.Voice(start: $0.start, length: $0.samples.count, file: $0.file) })
        return Film(starts: starts, length: position, voices: voices, mix: mix)
    }

    static func track(_ film: Film, chunks: URL) -> AudioTrack {
        AudioTrack(mix: film.mix, gain: 0, segmentStarts: film.starts) { text in
            // FNV-1a: the same text names the same file.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return chunks.appendingPathComponent(String(hash, radix: 16) + ".aac")
        }
    }

    /// The film's mix, sample by sample.
    static func expected(_ film: Film) -> [Float] {
        var samples = [Float](repeating: 0, count: film.length)
        for voice in film.voices {
            for (index, value) in voice.samples.enumerated() where voice.start + index < film.length { samples[voice.start + index] += value }
        }
        return samples
    }

    /// The lag (decoded minus expected, in samples) at which `voice` best matches `decoded`.
    static func lag(of voice: [Float], at start: Int, in decoded: [Float]) -> Int {
        var best = (lag: 0, score: -Double.infinity)
        let count = min(voice.count, 9600)
        for lag in -1536...1536 where start + lag >= 0 && start + lag + count <= decoded.count {
            var score = 0.0
            for index in stride(from: 0, to: count, by: 3) { score += Double(voice[index]) * Double(decoded[start + lag + index]) }
            if score > best.score { best = (lag, score) }
        }
        return best.lag
    }

    @Test func theJoinedTrackIsTheMixInSyncWithoutSeams() async throws {
        let directory = try Scratch()
        let film = try Self.film(Self.segmentFrames, in: directory)
        // Chunks placed by rounding each segment's length alone would drift past half a frame.
        var drift = 0, worst = 0
        for frames in Self.segmentFrames {
            drift += (frames * 2000 + 512) / 1024 * 1024 - frames * 2000
            worst = max(worst, abs(drift))
        }
        #expect(worst > 512)

        let track = Self.track(film, chunks: directory.file("chunks"))
        let video = directory.file("video.mp4"), final = directory.file("final.mp4")
        let totalFrames = Self.segmentFrames.reduce(0, +)
        try await FilterGraphRenderer(format: smallHouse).render(graph: titleCardGraph(smallHouse), frames: totalFrames, to: video)
        try await TrackMuxer(format: smallHouse).mux(
            segments: [video], frames: [totalFrames], tracks: ExtraTracks(), audio: track, to: final)

        // The audio starts at 0 (the priming is skipped) and is as long as the video.
        let json = try await ffprobe(["-show_streams"], final, in: directory)
        let audio = try #require((json["streams"] as? [[String: Any]])?.first { $0["codec_type"] as? String == "audio" })
        #expect((audio["start_time"] as? String).flatMap(Double.init) == 0)
        let seconds = try #require((audio["duration"] as? String).flatMap(Double.init))
        #expect(abs(seconds - Double(totalFrames) / 24) <= 1.0 / 24, "audio \(seconds) s for \(totalFrames) frames")

        let raw = directory.file("decoded.raw")
        // The left channel (the mix is on both; a downmix would add them at -3 dB each).
        try await makeInput(["-i", final.path, "-map", "0:a", "-af", "pan=mono|c0=c0", "-f", "f32le", raw.path], in: directory)
        let data = try Data(contentsOf: raw)
        let decoded = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(abs(decoded.count - film.length) < 1024)
        let expected = Self.expected(film)

        // In sync along the whole film: every voice within half an AAC frame of its place.
        for voice in film.voices {
            let lag = Self.lag(of: voice.samples, at: voice.start, in: decoded)
            #expect(abs(lag) <= 512, "the voice at \(voice.start) is \(lag) samples off")
        }
        // Quiet cuts stay silent, whatever jump of the mapping they hide.
        for (index, start) in film.starts.enumerated() where index > 0 && index != Self.spanned + 1 {
            let around = decoded[max(0, start - 2048)..<min(decoded.count, start + 2048)]
            #expect(around.map(abs).max() ?? 0 < 0.002, "the cut at \(start) is not silent")
        }
        // Across the cut inside speech: the decoded signal follows the mix as closely as it
        // does in the middle of a chunk, with no click (no step larger than the mix's).
        let cut = film.starts[Self.spanned + 1]
        let lag = Self.lag(of: film.voices.last!.samples, at: film.voices.last!.start, in: decoded)
        func errorRatio(_ range: Range<Int>) -> Double {
            var error = 0.0, signal = 0.0
            for index in range {
                let difference = Double(decoded[index + lag] - expected[index])
                error += difference * difference
                signal += Double(expected[index]) * Double(expected[index])
            }
            return 10 * log10(error / signal)
        }
        let atCut = errorRatio((cut - 2048)..<(cut + 2048))
        let inside = errorRatio((cut - 30_000)..<(cut - 26_000))
        #expect(atCut < -15 && atCut < inside + 6, "error at the cut \(atCut) dB, inside a chunk \(inside) dB")
        func largestStep(_ samples: [Float], _ range: Range<Int>) -> Float {
            range.dropLast().map { abs(samples[$0 + 1] - samples[$0]) }.max() ?? 0
        }
        let step = largestStep(decoded, (cut + lag - 2048)..<(cut + lag + 2048))
        #expect(step < 1.5 * largestStep(expected, (cut - 2048)..<(cut + 2048)), "a step of \(step) at the cut")
    }

    @Test func anEditReencodesOnlyTheChunksItTouches() throws {
        let directory = try Scratch()
        let chunks = directory.file("chunks")
        let film = try Self.film(Self.segmentFrames, in: directory)
        let first = try Self.track(film, chunks: chunks).encodeMissingChunks()
        let plan = AACChunkPlan(mix: film.mix, segmentStarts: film.starts)
        #expect(plan.chunks.map(\.startsGroup) == (0..<Self.segmentFrames.count).map { $0 != Self.spanned + 1 })
        #expect(first == Self.segmentFrames.count)
        #expect(try Self.track(film, chunks: chunks).encodeMissingChunks() == 0)
        // Segment 7 lengthened by 5 frames (10,000 samples, not a whole number of AAC
        // frames): every later chunk moves, and only segment 7's is encoded again.
        var frames = Self.segmentFrames
        frames[7] += 5
        let edited = try Self.film(frames, in: directory)
        #expect(try Self.track(edited, chunks: chunks).encodeMissingChunks() == 1)
    }

    @Test func underMusicAnEditReencodesFromTheEditOn() throws {
        let directory = try Scratch()
        let chunks = directory.file("chunks")
        let bed = directory.file("bed.wav")
        let total = Self.segmentFrames.reduce(0, +) * 2000
        try WAVFile.write(Self.speech(seconds: Double(total) / 48_000 + 5, seed: 7).map { $0 * 0.3 }, channels: 1, to: bed)
        func track(_ frames: [Int]) throws -> AudioTrack {
            var film = try Self.film(frames, in: directory)
            film.mix.music = AudioMix.Music(file: bed, length: total + 240_000)
            return Self.track(film, chunks: chunks)
        }
        let first = try track(Self.segmentFrames).encodeMissingChunks()
        #expect(first == Self.segmentFrames.count)
        var frames = Self.segmentFrames
        frames[15] += 5
        // Segments 15 to 19 move under the music: their chunks (and no earlier one) change.
        let edited = try track(frames).encodeMissingChunks()
        #expect(edited == 5)
    }
}
