import Foundation
import Generation
import Media
import Planning
import Screenplay
import Speech

/// A spoken line (or the music bed) ready to mix: its WAV in the cache (48 kHz mono, at its
/// loudness: `Soundtrack.dialogueLoudness`) and its length.
public struct VoicedLine: Sendable, Hashable {
    /// The cache key: engine and voice versions, voice, colour and text (or the take's or
    /// the music's bytes).
    public var key: String
    /// The WAV.
    public var file: URL
    /// Its length in 48 kHz samples.
    public var samples: Int

    /// The length in milliseconds, rounded up, as the planner takes it.
    public var milliseconds: Int { (samples * 1000 + MonoAudio.sampleRate - 1) / MonoAudio.sampleRate }
}

/// Every spoken line of a script voiced: scratch lines spoken by eSpeak NG, recorded takes
/// decoded, each cached by key under `lines/` in the clip cache, so a line is spoken once
/// and a rebuild with nothing changed does no audio work.
public struct Voicing: Sendable {
    /// Each line's audio, by line start.
    public var lines: [SourceLocation: VoicedLine]
    /// The music bed, if the title page or the project file names one.
    public var music: VoicedLine?
    /// The audio files the script names (depfile prerequisites).
    public var inputFiles: [String]
    /// Lines spoken or decoded by this build (not in the cache before).
    public var made: Int
    /// Problems with the audio files the script names, at their place in the script.
    public var diagnostics: [Diagnostic]
    /// Lines made without `storing`, not yet in the cache: the WAV in `scratch` by the cache
    /// entry `store()` moves it to. Each is written there as soon as it is made, so that the
    /// memory does not grow with the script (Big Fish's 811 lines held as float took 470 MB).
    var unstored: [URL: URL] = [:]
    /// The folder of `unstored`, removed with the last voicing that holds it.
    var scratch: VoicingScratch?

    /// The planner's view: each line's length, timing shots unless `timing` is `.estimate`.
    public func lineAudio(timing: SoundSettings.Timing) -> LineAudio {
        LineAudio(milliseconds: lines.mapValues(\.milliseconds), timesShots: timing == .voice)
    }

    /// The key's file in the cache: `lines/ab/abcdef….wav` (`music/…` for a bed).
    static func url(for key: String, cache: URL, kind: String = "lines") -> URL {
        cache.appendingPathComponent(kind, isDirectory: true).appendingPathComponent(String(key.prefix(2)), isDirectory: true)
            .appendingPathComponent(key + ".wav")
    }

    /// Voices every spoken line of `screenplay` (read from `scriptDirectory`), reusing the
    /// cache in `cache`. Each line is brought to the dialogue's loudness (with its delivery's
    /// level) when it is made, and the music bed to the same loudness, so that the mix's gain
    /// is known without measuring the film (`Soundtrack`). A take or music file that is missing or unreadable is an error
    /// diagnostic at its path in the script; its line falls back to the scratch voice.
    /// Without `storing` (a dry run, or a build that has yet to be priced), lines not in the
    /// cache are spoken and measured but not written: their `file` exists once `store()` has
    /// run.
    public static func make(
        _ screenplay: Screenplay, settings: SoundSettings, scriptDirectory: URL, cache: URL, storing: Bool = true
    ) throws(AnimaticError) -> Voicing {
        let engine = SpeechEngine.shared
        let version = engine.version
        var lines: [SourceLocation: VoicedLine] = [:]
        var diagnostics: [Diagnostic] = []
        var inputs: [String] = []
        var toSpeak: [(line: SpokenLine, voice: LineVoice, key: String)] = []
        var made = 0
        var unstored: [URL: URL] = [:]
        var scratch: VoicingScratch?
        var sharing: [SourceLocation: SourceLocation] = [:]
        var speaking: [String: SourceLocation] = [:]
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : scriptDirectory.appendingPathComponent(path)
        }
        // A line made goes to its cache entry, or without `storing` to the scratch folder.
        func keep(_ audio: MonoAudio, at target: URL) throws {
            if storing { return try store(audio, at: target) }
            let folder = try scratch ?? VoicingScratch()
            scratch = folder
            let file = folder.url.appendingPathComponent(target.lastPathComponent)
            try WAVFile.write(audio.samples, channels: 1, to: file)
            unstored[target] = file
        }
        let spoken = SpokenLines.collect(screenplay)
        let cast = Self.cast(of: spoken, choices: settings.voices)
        for line in spoken {
            if line.isCoveredByRecording {
                lines[line.range.start] = nil
                continue
            }
            if let take = line.recording {
                let file = resolve(take.path)
                inputs.append(file.path)
                do {
                    let bytes = try Data(contentsOf: file)
                    let key = SHA256.hex(Data("take \(LineVoice.version)\n".utf8) + bytes)
                    let target = url(for: key, cache: cache)
                    var samples = WAVFile.monoSampleCount(target)
                    if samples == nil {
                        let audio = try MonoAudio.decoding(file.path).normalised(to: Soundtrack.dialogueLoudness)
                        try keep(audio, at: target)
                        samples = audio.samples.count
                        made += 1
                    }
                    lines[line.range.start] = VoicedLine(key: key, file: target, samples: samples ?? 0)
                    continue
                } catch {
                    diagnostics.append(Diagnostic(
                        .error, "cannot read the recorded take '\(take.path)': \(Self.reason(error))", at: take.range))
                }
            }
            let voice = LineVoice(line, cast: cast)
            let key = SHA256.hex(
                "line \(LineVoice.version)\n\(version)\n\(voice.voice)\n\(voice.colour ?? "")\n\(line.text)".utf8)
            let target = url(for: key, cache: cache)
            if let samples = WAVFile.monoSampleCount(target) {
                lines[line.range.start] = VoicedLine(key: key, file: target, samples: samples)
            } else if let twin = speaking[key] {
                // The same words in the same voice: spoken once, shared (a second take of it
                // could differ by a few samples, and the cache keeps only one).
                sharing[line.range.start] = twin
            } else {
                speaking[key] = line.range.start
                toSpeak.append((line, voice, key))
            }
        }
        // One batch in script order on the engine's queue, so that what is spoken before a
        // line (eSpeak keeps some state between utterances) is the same from run to run; each
        // utterance is converted and written as it comes, and released.
        do {
            try engine.speakNow(toSpeak.map { ($0.line.text, $0.voice.voice) }) { index, utterance in
                let request = toSpeak[index]
                var audio = try MonoAudio.resampling(utterance.samples, rate: utterance.sampleRate)
                if let colour = request.voice.colour { audio = try audio.filtered(colour) }
                audio = try audio.normalised(to: Soundtrack.dialogueLoudness + request.voice.level)
                let target = url(for: request.key, cache: cache)
                try keep(audio, at: target)
                lines[request.line.range.start] = VoicedLine(key: request.key, file: target, samples: audio.samples.count)
                made += 1
            }
            for (line, twin) in sharing { lines[line] = lines[twin] }
        } catch let error as SpeechError {
            throw AnimaticError(.unavailable, "cannot speak the scratch dialogue: \(error)")
        } catch {
            throw AnimaticError(.io, "cannot write the scratch dialogue to \(cache.path): \(error)")
        }

        var music: VoicedLine?
        // The bed is decoded and measured once per file: its key is its bytes'.
        func load(_ file: URL) throws {
            inputs.append(file.path)
            let key = SHA256.hex(Data("music \(Soundtrack.version)\n".utf8) + (try Data(contentsOf: file)))
            let target = url(for: key, cache: cache, kind: "music")
            if let samples = WAVFile.monoSampleCount(target) {
                music = VoicedLine(key: key, file: target, samples: samples)
                return
            }
            let audio = try MonoAudio.decoding(file.path).normalised(to: Soundtrack.dialogueLoudness)
            try keep(audio, at: target)
            music = VoicedLine(key: key, file: target, samples: audio.samples.count)
        }
        if let entry = screenplay.titlePage.first(where: { $0.key.lowercased() == "music" }),
           let path = entry.values.first?.plain.trimmingCharacters(in: .whitespaces), !path.isEmpty {
            do { try load(resolve(path)) } catch {
                diagnostics.append(Diagnostic(.error, "cannot read the music '\(path)': \(Self.reason(error))", at: entry.range))
            }
        } else if let file = settings.music {
            do { try load(file) } catch {
                throw AnimaticError(.noInput, "cannot read the music \(file.path) (the project file's 'music'): \(Self.reason(error))")
            }
        }
        return Voicing(
            lines: lines, music: music, inputFiles: inputs, made: made, diagnostics: diagnostics,
            unstored: unstored, scratch: scratch)
    }

    /// Writes the lines made without `storing` into the cache: a build speaks its lines to
    /// time the shots, prices the requests, and keeps the audio only once it goes ahead.
    /// - Throws: `AnimaticError` `.io` when the cache cannot be written.
    public mutating func store() throws(AnimaticError) {
        // Copied one at a time (the scratch folder may be on another file system), each
        // entry written atomically.
        for (file, made) in unstored.sorted(by: { $0.key.path < $1.key.path }) {
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try WAVFile.write(try Data(contentsOf: made), to: file)
                try? FileManager.default.removeItem(at: made)
            } catch {
                throw AnimaticError(.io, "cannot write the scratch dialogue to \(file.path): \(error)")
            }
            unstored[file] = nil
        }
        scratch = nil
    }

    /// Every speaker of `lines` cast (`VoiceCasting`), with the project file's `choices`.
    static func cast(of lines: [SpokenLine], choices: [String: VoiceChoice]) -> [String: Voice] {
        var speakers: [VoiceCasting.Speaker] = []
        var index: [String: Int] = [:]
        for line in lines {
            if let at = index[line.speaker] {
                speakers[at].lines += 1
            } else {
                index[line.speaker] = speakers.count
                speakers.append(VoiceCasting.Speaker(name: line.speaker, lines: 1, choice: choices[line.speaker]))
            }
        }
        return VoiceCasting.cast(speakers, language: "en-us")
    }

    private static func store(_ audio: MonoAudio, at url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try WAVFile.write(audio.samples, channels: 1, to: url)
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? MediaError { return error.description }
        return (error as NSError).localizedDescription
    }
}
