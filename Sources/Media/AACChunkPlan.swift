/// How a soundtrack is cut into independently encoded AAC chunks, one per segment, so that
/// an edit re-encodes only the chunks whose sound it changes and the track is joined from
/// cached packets.
///
/// An AAC packet stands for 1,024 samples and the track is a run of them, so a chunk must
/// start on that grid while its segment starts anywhere. Each chunk therefore sits on the
/// grid frame nearest its segment's start — at most half a frame (10.7 ms) off — and takes
/// as many packets as reach the next chunk's place, so the error never accumulates.
///
/// What a chunk holds depends on its junction with the one before:
/// - At a **quiet junction** (no voice within `margin` samples either side and no music)
///   the chunk's sound starts exactly at its segment's start, wherever that falls on the
///   grid: a lengthened shot moves the later chunks without changing their packets. The
///   packets either side of the junction encode silence, so the decoder's overlap of the
///   two is silence too, and a jump of the mapping there is inaudible.
/// - Elsewhere (a line running across a cut, or any cut under a music bed) the chunk
///   continues its predecessor's mapping of mix time to track time, so the two encode the
///   same continuous signal across the junction and the decoder joins them without a seam.
///   Such a run of chunks (a "group", with music the whole film) moves as one: an edit
///   re-encodes its group from the edit on.
///
/// Each chunk is encoded with two frames of pre-roll before its first frame (the encoder
/// settles on real samples) and a frame of post-roll plus one of look-ahead after the most
/// frames it can ever take, and only its own packets are kept.
public struct AACChunkPlan: Sendable, Equatable {
    /// Samples per AAC packet.
    public static let frame = 1024
    /// Frames of pre-roll encoded and dropped before a chunk's first frame.
    static let preRoll = 2
    /// How far from a junction no voice may sound for it to be quiet: 4 frames (85 ms), more
    /// than a chunk's packets reach past its end (lines start half a breath, 200 ms, into
    /// their shots, so almost every cut of a dialogue-only film is quiet).
    public static let margin = 4 * frame

    /// One chunk.
    public struct Chunk: Sendable, Equatable {
        /// The samples of the mix it encodes (pre-roll and post-roll included): the range a
        /// chunk's key describes.
        public var window: Range<Int>
        /// Its first frame on the track's grid (packet index after the priming packet).
        public var firstFrame: Int
        /// How many of its packets the track takes (from its first content packet).
        public var frames: Int
        /// Whether a quiet junction starts it (its own mapping) rather than continuing the chunk before.
        public var startsGroup: Bool
    }

    /// The chunks, in track order.
    public var chunks: [Chunk]
    /// The track's length in samples.
    public var length: Int

    /// The chunks of `mix` cut at `segmentStarts` (samples, sorted).
    public init(mix: AudioMix, segmentStarts: [Int]) {
        let frame = Self.frame
        length = mix.length
        let totalFrames = (mix.length + frame - 1) / frame
        // Cuts at least two frames apart, inside the film: a shorter segment joins the one before.
        var cuts: [Int] = [0]
        for start in segmentStarts where start - cuts[cuts.count - 1] >= 2 * frame && mix.length - start >= 2 * frame {
            cuts.append(start)
        }
        let quiet = Self.quietJunctions(cuts, in: mix)
        var chunks: [Chunk] = []
        var offset = 0
        for (index, cut) in cuts.enumerated() {
            let anchor: Int
            let first: Int
            if index == 0 || quiet[index] {
                anchor = cut
                first = Self.nearestFrame(cut)
                offset = first * frame - anchor
            } else {
                first = Self.nearestFrame(cut + offset)
                anchor = first * frame - offset
            }
            let end = index + 1 < cuts.count ? cuts[index + 1] : mix.length
            // The most frames this chunk can take wherever it lands: its start and the next
            // chunk's are each within a frame of their segments' starts.
            let most = (end - cut + 2 * frame + frame - 1) / frame
            let window = (anchor - Self.preRoll * frame)..<(anchor + (most + 2) * frame)
            chunks.append(Chunk(window: window, firstFrame: first, frames: 0, startsGroup: index == 0 || quiet[index]))
        }
        for index in chunks.indices {
            let next = index + 1 < chunks.count ? chunks[index + 1].firstFrame : totalFrames
            chunks[index].frames = next - chunks[index].firstFrame
        }
        self.chunks = chunks
    }

    /// The grid frame nearest `sample`.
    static func nearestFrame(_ sample: Int) -> Int {
        (sample + frame / 2) / frame
    }

    /// For each cut, whether it is quiet: no music under it and no voice within `margin`.
    static func quietJunctions(_ cuts: [Int], in mix: AudioMix) -> [Bool] {
        var quiet = [Bool](repeating: false, count: cuts.count)
        // Voices are in start order; those ending before a cut's zone never matter again.
        var ends: [Int] = []
        var next = 0
        for (index, cut) in cuts.enumerated() {
            let zone = (cut - margin)..<(cut + margin)
            while next < mix.voices.count, mix.voices[next].start < zone.upperBound {
                ends.append(mix.voices[next].start + mix.voices[next].length)
                next += 1
            }
            ends.removeAll { $0 <= zone.lowerBound }
            let musicPlays = mix.music.map { zone.lowerBound < $0.length } ?? false
            quiet[index] = ends.isEmpty && !musicPlays
        }
        return quiet
    }
}
