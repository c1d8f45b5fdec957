import CEspeakNG
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// 16-bit mono samples as eSpeak NG makes them.
public struct Utterance: Sendable, Hashable {
    /// The samples, mono.
    public var samples: [Int16]
    /// Their rate in hertz (22050 for eSpeak NG's voices).
    public var sampleRate: Int

    /// The length in seconds.
    public var seconds: Double { Double(samples.count) / Double(sampleRate) }
}

/// eSpeak NG through its C library, in synchronous mode: `espeak_Synth` returns once a
/// callback has been handed every sample.
///
/// eSpeak's API is one global, non-thread-safe state (the current voice, parameters and
/// callback), so every call goes through one serial queue owned by the single `shared`
/// engine; callers on any thread or task wait their turn. It runs offline: the voices come
/// from espeak-ng-data on this machine and nothing is downloaded.
public final class SpeechEngine: Sendable {
    /// The one engine of the process.
    public static let shared = SpeechEngine()

    private let queue = DispatchQueue(label: "animatic.speech.espeak-ng")
    /// The sample rate `espeak_Initialize` reported, or the reason it failed; set once on `queue`.
    nonisolated(unsafe) private var started: Result<Int, SpeechError>?

    private init() {}

    /// eSpeak NG's version and the path of its voice data (`1.51 /usr/lib/…/espeak-ng-data`):
    /// part of every spoken line's key, so that another engine or voice set re-speaks.
    public var version: String {
        queue.sync {
            // Before espeak_Initialize the data path is not known yet: start first.
            _ = try? start()
            var path: UnsafePointer<CChar>?
            let version = espeak_Info(&path).map { String(cString: $0) } ?? "unknown"
            return "espeak-ng \(version) \(path.map { String(cString: $0) } ?? "")"
        }
    }

    /// Speaks `text` with `voice` on the engine's queue, off the caller's thread.
    public func speak(_ text: String, voice: Voice) async throws(SpeechError) -> Utterance {
        let result: Result<Utterance, SpeechError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { () throws(SpeechError) in try self.synthesize(text, voice) }) }
        }
        return try result.get()
    }

    /// Speaks each text with its voice, in order, with nothing else spoken in between;
    /// blocks until all are ready.
    public func speakNow(_ lines: [(text: String, voice: Voice)]) throws(SpeechError) -> [Utterance] {
        let result = queue.sync {
            Result { () throws(SpeechError) in try lines.map { line throws(SpeechError) in try synthesize(line.text, line.voice) } }
        }
        return try result.get()
    }

    /// Speaks each text with its voice, in order, with nothing else spoken in between, and
    /// hands each utterance with its index to `each` (on the engine's queue) as soon as it is
    /// ready, so that a caller that converts and writes it holds one utterance at a time, not
    /// the batch; blocks until all are done. Throws `SpeechError` or what `each` throws.
    public func speakNow(_ lines: [(text: String, voice: Voice)], each: (Int, Utterance) throws -> Void) throws {
        try queue.sync {
            for (index, line) in lines.enumerated() { try each(index, try synthesize(line.text, line.voice)) }
        }
    }

    /// Speaks `text` with `voice`, blocking until the samples are ready.
    public func speakNow(_ text: String, voice: Voice) throws(SpeechError) -> Utterance {
        let result = queue.sync { Result { () throws(SpeechError) in try synthesize(text, voice) } }
        return try result.get()
    }

    /// Runs on `queue` only.
    private func synthesize(_ text: String, _ voice: Voice) throws(SpeechError) -> Utterance {
        let rate = try start()
        guard espeak_SetVoiceByName(voice.espeakName) == EE_OK else { throw .unknownVoice(voice.espeakName) }
        espeak_SetParameter(espeakRATE, Int32(voice.rate), 0)
        espeak_SetParameter(espeakPITCH, Int32(voice.pitch), 0)
        espeak_SetParameter(espeakRANGE, Int32(voice.range), 0)
        espeak_SetParameter(espeakVOLUME, Int32(voice.volume), 0)
        // eSpeak's noise sources (breath, frication) draw from libc's rand(): seeding it before
        // every utterance makes the samples a function of the voice and text alone.
        srand(0)
        let sink = SampleSink()
        let bytes = Array(text.utf8) + [0]
        let status = withExtendedLifetime(sink) {
            bytes.withUnsafeBufferPointer { buffer in
                espeak_Synth(
                    buffer.baseAddress, buffer.count, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil,
                    Unmanaged.passUnretained(sink).toOpaque())
            }
        }
        guard status == EE_OK else { throw .synthesisFailed(Int(status.rawValue)) }
        return Utterance(samples: sink.samples, sampleRate: rate)
    }

    /// Initialises eSpeak once (synchronous output, data from its compiled-in path).
    ///
    /// eSpeak NG 1.51 keeps some wave-generator state from one utterance to the next (the
    /// pitch flutter's phase, and state left by another language), and `espeak_Terminate`
    /// hangs in synchronous mode, so it cannot be restarted per utterance. Voices are
    /// therefore built on variants without flutter (`Voice.variants`), which makes the same
    /// voice and text give the same length whatever was spoken before; the samples
    /// themselves can still come out one of two ways, depending on the utterance before (a
    /// C program speaking the same line after different ones shows it). That is why callers
    /// cache each line's samples by key and reuse them rather than speak a line twice, and
    /// why tests compare samples only when the same words were spoken before them.
    private func start() throws(SpeechError) -> Int {
        if let started { return try started.get() }
        let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, Int32(espeakINITIALIZE_DONT_EXIT))
        let result: Result<Int, SpeechError> =
            rate > 0 ? .success(Int(rate)) : .failure(.unavailable("espeak_Initialize returned \(rate)"))
        if rate > 0 { espeak_SetSynthCallback(collectSamples) }
        started = result
        return try result.get()
    }
}

/// Where the synth callback puts one utterance's samples; reached through the events'
/// `user_data`, and only ever touched on the engine's queue.
private final class SampleSink {
    var samples: [Int16] = []
}

/// eSpeak's synth callback: appends the block to the utterance's sink; 0 means go on.
private func collectSamples(
    _ wav: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?
) -> Int32 {
    guard let wav, count > 0, let data = events?.pointee.user_data else { return 0 }
    let sink = Unmanaged<SampleSink>.fromOpaque(data).takeUnretainedValue()
    sink.samples.append(contentsOf: UnsafeBufferPointer(start: wav, count: Int(count)))
    return 0
}
