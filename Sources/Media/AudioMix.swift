import Foundation

/// A film's soundtrack before it is encoded: voices (mono WAVs this module wrote) placed at
/// sample offsets, and a music bed under them that ducks while anyone speaks. It renders
/// any stretch on demand, loading a voice only while the stretch overlaps it, so a long
/// film mixes in little memory; output is stereo (the mono mix on both channels).
public struct AudioMix: Sendable {
    /// One voice on the timeline.
    public struct Voice: Sendable, Hashable {
        /// The first sample it plays at.
        public var start: Int
        /// Its length in samples (the WAV's).
        public var length: Int
        /// The mono WAV holding it.
        public var file: URL

        /// A voice from `file` (`length` samples) starting at `start`.
        public init(start: Int, length: Int, file: URL) {
            self.start = start
            self.length = length
            self.file = file
        }
    }

    /// The music bed and how it sits under the voices.
    public struct Music: Sendable {
        /// The bed, a mono WAV this module wrote, played from the film's first sample; it
        /// stops where it ends.
        public var file: URL
        /// Its length in samples.
        public var length: Int
        /// Its level where no one speaks, in dB: 0, the bed as its file holds it.
        public var gain: Double
        /// How much further it drops while a voice plays: -20 dB, ramped over `ramp` samples.
        public var duck: Double
        /// The length of the duck's fade down and up: 0.25 s.
        public var ramp: Int

        /// The bed in `file` (`length` samples) at `gain` dB that ducks by `duck` dB under the voices.
        public init(file: URL, length: Int, gain: Double = 0, duck: Double = -20, ramp: Int = MonoAudio.sampleRate / 4) {
            self.file = file
            self.length = length
            self.gain = gain
            self.duck = duck
            self.ramp = max(ramp, 1)
        }
    }

    /// The mix's length in samples (the video's length at 48 kHz).
    public var length: Int
    /// The voices, in start order.
    public private(set) var voices: [Voice]
    /// The music bed, if any.
    public var music: Music?

    /// A mix `length` samples long.
    public init(length: Int, voices: [Voice], music: Music? = nil) {
        self.length = max(length, 0)
        self.voices = voices.sorted { ($0.start, $0.file.path) < ($1.start, $1.file.path) }
        self.music = music
        longestVoice = voices.map(\.length).max() ?? 0
    }

    /// The longest voice's length: a voice sounding at a sample starts at most this far before it.
    private let longestVoice: Int

    /// The voices that sound somewhere in `range`, found by binary search (voices are in
    /// start order), so that keying every chunk of a film stays linear in its length.
    func voices(in range: Range<Int>) -> ArraySlice<Voice> {
        func firstStarting(atOrAfter sample: Int) -> Int {
            var low = 0, high = voices.count
            while low < high {
                let middle = (low + high) / 2
                if voices[middle].start < sample { low = middle + 1 } else { high = middle }
            }
            return low
        }
        return voices[firstStarting(atOrAfter: range.lowerBound - longestVoice)..<firstStarting(atOrAfter: range.upperBound)]
    }

    /// The number of 48 kHz samples in `frames` frames at `rate`, rounded to the nearest.
    public static func samples(frames: Int, rate: Rational) -> Int {
        let numerator = Int64(frames) * Int64(MonoAudio.sampleRate) * Int64(rate.denominator)
        let denominator = Int64(rate.numerator)
        return Int((2 * numerator + denominator) / (2 * denominator))
    }

    /// What `range` of the mix is made of, as text for a cache key: its length, each voice
    /// sounding in it (its file names it: voices' files are named by their keys) and where
    /// from the range's start, the bed (its file and where it is played from) with the
    /// voices near enough to duck it, and where the film ends if it ends inside.
    public func contents(of range: Range<Int>) -> String {
        var text = "\(range.count)"
        let playsMusic = music.map { range.lowerBound < $0.length && range.upperBound > 0 } ?? false
        // Voices within a ramp of the range duck the bed inside it.
        let reach = playsMusic ? music?.ramp ?? 0 : 0
        for voice in voices(in: (range.lowerBound - reach)..<(range.upperBound + reach))
        where voice.start + voice.length > range.lowerBound - reach {
            text += "\n\(voice.start - range.lowerBound) \(voice.length) \(voice.file.lastPathComponent)"
        }
        if playsMusic, let music {
            text += "\nmusic \(music.file.lastPathComponent) from \(range.lowerBound) gain \(music.gain) duck \(music.duck) ramp \(music.ramp)"
        }
        if length < range.upperBound { text += "\nend \(length - range.lowerBound)" }
        return text
    }

    /// Renders the mix a chunk at a time, mono; `body` gets each chunk's first sample and
    /// its samples.
    func render(_ range: Range<Int>, chunk: Int = MonoAudio.sampleRate, _ body: (Int, [Float]) throws -> Void) throws {
        let reader = Reader(mix: self)
        var start = max(range.lowerBound, 0)
        let end = min(range.upperBound, length)
        while start < end {
            try checkCancellation()
            let stop = min(start + chunk, end)
            try body(start, try reader.mono(start..<stop))
            start = stop
        }
    }

    /// Writes `range` of the mix, with `gain` dB, as a stereo WAV at `url`, atomically.
    public func writeWAV(_ range: Range<Int>, gain: Double, to url: URL) throws {
        let first = max(range.lowerBound, 0)
        var pcm = [Int16](repeating: 0, count: max(0, min(range.upperBound, length) - first) * 2)
        let factor = Float(amplitude(decibels: gain))
        // Straight from the mono mix to 16-bit stereo, the gain on the way: one pass.
        try render(range) { start, chunk in
            pcm.withUnsafeMutableBufferPointer { target in
                chunk.withUnsafeBufferPointer { source in
                    let base = (start - first) * 2
                    for index in 0..<source.count {
                        let value = WAVFile.pcm(source[index] * factor)
                        target[base + 2 * index] = value
                        target[base + 2 * index + 1] = value
                    }
                }
            }
        }
        try WAVFile.write(pcm: pcm, channels: 2, to: url)
    }

    /// Loads voices as the render moves along and lets them go once it is past them.
    final class Reader {
        let mix: AudioMix
        private var loaded: [Int: [Float]] = [:]
        /// Every voice before this one has ended before the last stretch rendered (renders
        /// move forward), so a stretch looks at the voices from here on only.
        private var firstPlaying = 0
        private var lastStart: Int?
        /// The stretches where a voice plays, merged, for the music's duck.
        private let speaking: [Range<Int>]

        init(mix: AudioMix) {
            self.mix = mix
            var merged: [Range<Int>] = []
            for voice in mix.voices where voice.length > 0 {
                let range = voice.start..<(voice.start + voice.length)
                if let last = merged.last, range.lowerBound <= last.upperBound {
                    merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
                } else {
                    merged.append(range)
                }
            }
            speaking = merged
        }

        func mono(_ range: Range<Int>) throws -> [Float] {
            var output = [Float](repeating: 0, count: range.count)
            if let previous = lastStart, range.lowerBound < previous { firstPlaying = 0 }
            lastStart = range.lowerBound
            for index in firstPlaying..<mix.voices.count {
                let voice = mix.voices[index]
                let voiceRange = voice.start..<(voice.start + voice.length)
                if voiceRange.upperBound <= range.lowerBound {
                    loaded[index] = nil
                    if index == firstPlaying { firstPlaying += 1 }
                    continue
                }
                if voice.start >= range.upperBound { break }
                let samples: [Float]
                if let cached = loaded[index] {
                    samples = cached
                } else {
                    samples = try WAVFile.readMono(voice.file).samples
                    loaded[index] = samples
                }
                let from = max(range.lowerBound, voice.start)
                let to = min(range.upperBound, voiceRange.upperBound, voice.start + samples.count)
                if from < to {
                    output.withUnsafeMutableBufferPointer { target in
                        samples.withUnsafeBufferPointer { source in
                            let offset = from - range.lowerBound, skip = from - voice.start
                            for index in 0..<(to - from) { target[offset + index] += source[skip + index] }
                        }
                    }
                }
            }
            if let music = mix.music, range.lowerBound < music.length, range.upperBound > 0 {
                let base = Float(amplitude(decibels: music.gain))
                let ducked = Float(amplitude(decibels: music.duck))
                let stretch = max(range.lowerBound, 0)..<min(range.upperBound, music.length)
                let bed = try WAVFile.readMono(music.file, range: stretch)
                for (index, position) in stretch.enumerated() {
                    let duck = duckFactor(at: position, ramp: music.ramp, ducked: ducked)
                    output[position - range.lowerBound] += bed[index] * base * duck
                }
            }
            return output
        }

        /// 1 away from speech, `ducked` during it, a linear ramp `ramp` samples long either side.
        private func duckFactor(at position: Int, ramp: Int, ducked: Float) -> Float {
            // The nearest stretch: the last one starting before position + ramp.
            var low = 0, high = speaking.count
            while low < high {
                let middle = (low + high) / 2
                if speaking[middle].lowerBound < position + ramp { low = middle + 1 } else { high = middle }
            }
            var distance = Int.max
            for index in max(0, low - 2)..<min(speaking.count, low + 1) {
                let range = speaking[index]
                let away = range.contains(position)
                    ? 0 : (position < range.lowerBound ? range.lowerBound - position : position - range.upperBound + 1)
                distance = min(distance, away)
            }
            guard distance < ramp else { return 1 }
            let t = Float(distance) / Float(ramp)
            return ducked + (1 - ducked) * t
        }
    }
}
