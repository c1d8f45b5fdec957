import Foundation
import Media
import Planning
import Screenplay
import Speech
import Testing

@testable import Animatic

/// The soundtrack end to end: voices where the plan says, silence elsewhere, checked with
/// ffmpeg's own filters on the video the build wrote.
@Suite("animatic build: sound")
struct SoundBuildTests {
    static let script = """
        Title: Sound Test

        EXT. HARBOR - DAWN

        Fog rolls in over the water. Gulls circle above the empty pier for a long while.

        INT. KITCHEN - NIGHT

        ANNA
        They're selling the building next month.

        BEN
        (whispering)
        I know. I heard it this morning.

        """

    private func compile(_ project: BuildProject, sound: SoundSettings = SoundSettings()) throws -> Compilation {
        try Compilation(
            try ScriptInput.read(project.script.path), configuration: project.settings().planConfiguration, sound: sound,
            cache: project.cache)
    }

    private func build(_ project: BuildProject, sound: SoundSettings = SoundSettings()) async throws -> Compilation {
        let compilation = try compile(project, sound: sound)
        var settings = project.settings()
        settings.loudness = sound.loudness
        _ = try await Builder(settings: settings).build(compilation.plan, scriptPath: project.script.path, voicing: compilation.voicing)
        return compilation
    }

    /// Each line's place on the timeline in seconds, from the plan.
    private func lineTimes(_ plan: Plan) -> [(start: Double, end: Double)] {
        let fps = Double(plan.frameRate.num) / Double(plan.frameRate.den)
        return zip(plan.shots, plan.startFrames).flatMap { shot, start in
            (shot.lines ?? []).map { line in
                let begin = Double(start + line.offset) / fps
                return (begin, begin + Double(line.milliseconds ?? 0) / 1000)
            }
        }
    }

    @Test func audioIsAsLongAsTheVideoAndSpeechIsWhereTheLinesAre() async throws {
        let project = try BuildProject(script: Self.script)
        let compilation = try await build(project)
        let plan = compilation.plan
        let probe = try await runTool("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type,codec_name,duration,sample_rate,channels",
                                            "-of", "csv=p=0", project.output.path])
        let video = try #require(probe.split(separator: "\n").first { $0.hasPrefix("h264") })
        let audio = try #require(probe.split(separator: "\n").first { $0.hasPrefix("aac") })
        #expect(audio.contains(",48000,2,"))
        let videoSeconds = try #require(Double(video.split(separator: ",").last!))
        let audioSeconds = try #require(Double(audio.split(separator: ",").last!))
        #expect(abs(videoSeconds - audioSeconds) <= 1.0 / 24, "video \(videoSeconds) s, audio \(audioSeconds) s")

        let lines = lineTimes(plan)
        #expect(lines.count == 2)
        // silencedetect on the film: the opening shots (no dialogue) are silent, every line is heard.
        let report = try await runTool("ffmpeg", ["-v", "error", "-i", project.output.path, "-map", "0:a", "-af",
                                            "silencedetect=n=-45dB:d=0.3,ametadata=mode=print:file=-", "-f", "null", "-"])
        var silences: [(Double, Double)] = []
        var start: Double?
        for line in report.split(separator: "\n") {
            if line.hasPrefix("lavfi.silence_start=") { start = Double(line.dropFirst(20)) }
            if line.hasPrefix("lavfi.silence_end="), let begin = start { silences.append((begin, Double(line.split(separator: "=")[1])!)) }
        }
        if let begin = start, silences.last?.0 != begin { silences.append((begin, audioSeconds)) }
        let firstLine = try #require(lines.first)
        #expect(silences.first.map { $0.0 < 0.1 && $0.1 > firstLine.start - 0.3 } == true, "silences \(silences)")
        for line in lines {
            let hidden = silences.contains { $0.0 <= line.start + 0.1 && $0.1 >= line.end - 0.1 }
            #expect(!hidden, "the line at \(line.start)–\(line.end) s is silent (silences \(silences))")
        }
        // Each line at the dialogue's loudness (-23 LUFS) with its delivery's level: the
        // whisper (eSpeak volume 55) about 5 dB under, measured by ffmpeg's ebur128.
        func loudness(_ line: (start: Double, end: Double)) async throws -> Double {
            let text = try await runTool("ffmpeg", ["-v", "error", "-ss", "\(line.start)", "-t", "\(line.end - line.start)", "-i",
                                              project.output.path, "-map", "0:a", "-af",
                                              "ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.I:file=-", "-f", "null", "-"])
            return try #require(text.split(separator: "\n").last.flatMap { Double($0.split(separator: "=")[1]) })
        }
        let plain = try await loudness(lines[0]), whispered = try await loudness(lines[1])
        #expect(abs(plain - -23) < 1, "the plain line at \(plain) LUFS")
        #expect(abs(whispered - plain - 20 * log10(0.55)) < 1.5, "the whisper at \(whispered) LUFS")
        // A WAV beside each segment's clip, as long as the segment.
        for (shot, first) in zip(plan.shots, plan.startFrames) {
            var frame = first
            for segment in shot.segments {
                let wav = project.directory.appendingPathComponent("film.media/\(segment.id).wav")
                let expected = Soundtrack.samples(frame + segment.frames, plan) - Soundtrack.samples(frame, plan)
                let size = try #require(try FileManager.default.attributesOfItem(atPath: wav.path)[.size] as? Int)
                #expect((size - 44) / 4 == expected)
                frame += segment.frames
            }
        }
    }

    @Test func shotsAreTimedFromTheVoiceUnlessTheEstimateIsAsked() throws {
        let project = try BuildProject(script: Self.script)
        let voiced = try compile(project).plan
        let estimated = try compile(project, sound: SoundSettings(timing: .estimate)).plan
        let silent = try compile(project, sound: SoundSettings(mode: .none)).plan
        let fps = Double(voiced.frameRate.num) / Double(voiced.frameRate.den)
        for shot in voiced.shots {
            for line in shot.lines ?? [] {
                let milliseconds = try #require(line.milliseconds)
                #expect(Double(shot.frames) / fps >= Double(milliseconds) / 1000 + 0.4, "shot \(shot.id) is shorter than its line")
            }
        }
        #expect(voiced.shots.map(\.frames) != estimated.shots.map(\.frames))
        #expect(estimated.shots.map(\.frames) == silent.shots.map(\.frames))
        #expect(silent.shots.allSatisfy { $0.lines == nil })
        #expect(try compile(project).plan == voiced, "the same script and cache give the same plan")
    }

    @Test func aOneLineEditRespeaksOneLine() throws {
        let project = try BuildProject(script: Self.script)
        #expect(try compile(project).voicing?.made == 2)
        let again = try compile(project).voicing
        #expect(again?.made == 0, "\(again?.lines.values.map(\.file.path) ?? [])")
        try project.write(Self.script.replacingOccurrences(of: "next month", with: "next week"))
        #expect(try compile(project).voicing?.made == 1)
    }

    @Test func aNoOpRebuildDoesNoAudioWorkAndAnEditRemixesOnlyWhatItMust() async throws {
        let project = try BuildProject(script: Self.script)
        let settings = project.settings()
        let build = { () async throws -> (Compilation, BuildReport) in
            let compilation = try self.compile(project)
            let report = try await Builder(settings: settings).build(
                compilation.plan, scriptPath: project.script.path, voicing: compilation.voicing)
            return (compilation, report)
        }
        _ = try await build()
        let media = project.directory.appendingPathComponent("film.media")
        func wavs() throws -> [String: Date] {
            var dates: [String: Date] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: media.path) where name.hasSuffix(".wav") {
                dates[name] = try FileManager.default.attributesOfItem(atPath: media.appendingPathComponent(name).path)[.modificationDate] as? Date
            }
            return dates
        }
        let before = try wavs()
        #expect(before.count >= 2)
        // Nothing changed: no line spoken, no mix, no AAC, no WAV rewritten.
        let (again, noOp) = try await build()
        #expect(again.voicing?.made == 0)
        #expect(!noOp.videoWritten && noOp.generated == 0)
        #expect(try wavs() == before, "film.media was rewritten")
        // One line changed: that line spoken again, its shot's clips remade, the mix redone.
        try project.write(Self.script.replacingOccurrences(of: "next month", with: "next week"))
        let (edited, report) = try await build()
        #expect(edited.voicing?.made == 1)
        #expect(report.videoWritten)
        let remade = report.segments.filter { $0.status == .generated }.map(\.id)
        #expect(remade.count == 1 && remade.allSatisfy { $0.rawValue.hasPrefix("2") }, "\(remade)")
    }

    @Test func aLineSaidTwiceIsSpokenOnceAndTheNextPlanIsTheSame() throws {
        // The same words by the same speaker twice: one cache entry, so the lengths the first
        // plan used are the ones a rebuild reads back.
        let project = try BuildProject(script: "INT. ROOM - DAY\n\nANNA\nNo.\n\nBEN\nWhy?\n\nANNA\nNo.\n")
        let first = try compile(project)
        #expect(first.voicing?.made == 2)
        let lines = try #require(first.voicing?.lines)
        #expect(Set(lines.values.map(\.key)).count == 2 && lines.count == 3)
        #expect(try compile(project).plan == first.plan)
    }

    @Test func aChineseLineIsSpokenInMandarin() throws {
        let project = try BuildProject(script: "内景 厨房 - 夜\n\n安娜\n我们明天见。\n\nANNA\nSee you tomorrow.\n")
        let lines = SpokenLines.collect(FountainReader.parse(try ScriptInput.read(project.script.path).bytes).screenplay)
        #expect(lines.map(\.isChinese) == [true, false])
        #expect(LineVoice(lines[0], cast: [:]).voice.language == "cmn")
        #expect(LineVoice(lines[1], cast: [:]).voice.language == "en-us")
        #expect(try compile(project).voicing?.lines.count == 2)
    }

    @Test func twoCharactersGetDifferentVoices() throws {
        let text = "I told you the coffee here is terrible."
        // Names whose derived pitches lie far apart (26 and 77 of eSpeak's 0…99): names that
        // hash to near pitches (ANNA 26, BEN 30) sound alike, a known limit of the derivation.
        let anna = Voice.derived(from: "ANNA", language: "en-us"), otto = Voice.derived(from: "OTTO", language: "en-us")
        let spoken = try SpeechEngine.shared.speakNow([(text, anna), (text, otto)])
        let pitches = spoken.map { Self.pitch(of: $0) }
        #expect(abs(pitches[0] - pitches[1]) / min(pitches[0], pitches[1]) > 0.08, "pitches \(pitches) Hz")
    }

    /// The coffee-shop sample's leads, whose names derive the same variant two pitch steps
    /// apart, and a two-hander whose names do the same: the cast sets them apart.
    @Test(arguments: [
        String(decoding: (try? Data(contentsOf: BuildCommandTests.longScript)) ?? Data(), as: UTF8.self),
        "INT. GARAGE - NIGHT\n\nEDWARD\nHand me the wrench.\n\nMARCUS\nWhich one?\n\nEDWARD\nThe big one.\n",
    ])
    func theTwoLeadsOfAScriptSoundClearlyApart(script: String) throws {
        let lines = SpokenLines.collect(FountainReader.parse(script).screenplay)
        let cast = Voicing.cast(of: lines, choices: [:])
        let leads = Dictionary(grouping: lines, by: { $0.speaker }).sorted { $0.value.count > $1.value.count }.prefix(2).map(\.key)
        #expect(leads.count == 2)
        let derived = leads.map { Voice.derived(from: $0, language: "en-us") }
        let text = "I told you the coffee here is terrible, and you came back every morning anyway."
        // Their names' voices alone are close: one variant, pitches a few of eSpeak's steps
        // apart. (Said of the voices, not of measured pitches: eSpeak keeps some state from
        // the utterance before, which other suites set, and moves a measure by up to a tenth.)
        #expect(derived[0].variant == derived[1].variant && abs(derived[0].pitch - derived[1].pitch) <= 5, "\(derived)")
        let after = try SpeechEngine.shared.speakNow(leads.map { (text, cast[$0]!) }).map { Self.pitch(of: $0) }
        func apart(_ pitches: [Double]) -> Double { abs(pitches[0] - pitches[1]) / min(pitches[0], pitches[1]) }
        #expect(apart(after) > 0.15, "\(leads): \(after) Hz")
    }

    @Test func aRecordedTakeReplacesTheVoiceAndMusicDucksUnderDialogue() async throws {
        let project = try BuildProject(script: "")
        let take = project.directory.appendingPathComponent("take.wav")
        let music = project.directory.appendingPathComponent("score.wav")
        _ = try await runTool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:duration=2", "-ar", "44100", take.path])
        _ = try await runTool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=200:duration=60", "-ar", "44100", music.path])
        try project.write(Self.script.replacingOccurrences(of: "Title: Sound Test", with: "Title: Sound Test\nMusic: score.wav")
            .replacingOccurrences(of: "ANNA\n", with: "[[audio: take.wav]]\nANNA\n"))
        let compilation = try await build(project)
        let lines = lineTimes(compilation.plan)
        #expect(abs(lines[0].end - lines[0].start - 2) < 0.01, "the take is 2 s long")
        func level(_ filter: String, from: Double, to: Double) async throws -> Double {
            let text = try await runTool("ffmpeg", ["-v", "error", "-ss", "\(from)", "-t", "\(to - from)", "-i", project.output.path, "-map", "0:a",
                                              "-af", "\(filter),astats=metadata=1:reset=0,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file=-",
                                              "-f", "null", "-"])
            return try #require(text.split(separator: "\n").last.flatMap { Double($0.split(separator: "=")[1]) })
        }
        let band1k = "bandpass=f=1000:width_type=h:w=100", band200 = "bandpass=f=200:width_type=h:w=40"
        #expect(try await level(band1k, from: lines[0].start + 0.5, to: lines[0].end - 0.5) > -40, "the take plays on its line")
        let underSpeech = try await level(band200, from: lines[0].start + 0.5, to: lines[0].end - 0.5)
        let alone = try await level(band200, from: 0.5, to: max(1, lines[0].start - 1))
        #expect(alone - underSpeech >= 10, "music \(alone) dB alone, \(underSpeech) dB under dialogue")
        let depfile = Depfile.text(target: "film.mp4", prerequisites: compilation.voicing?.inputFiles ?? [])
        #expect(depfile.contains("take.wav") && depfile.contains("score.wav"))
    }

    @Test func theProjectFilesMusicPlaysUnderAScriptWithoutOne() async throws {
        let project = try BuildProject(script: Self.script)
        let music = project.directory.appendingPathComponent("score.wav")
        _ = try await runTool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=200:duration=30", music.path])
        try Data("music: score.wav\n".utf8).write(to: project.directory.appendingPathComponent("animatic.yaml"))
        let depfile = project.directory.appendingPathComponent("film.d")
        let output = try await CommandRunner.run([
            "build", project.script.path, "--size", "160x90", "--cutlists", "none", "--quiet", "--depfile", depfile.path,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try String(contentsOf: depfile, encoding: .utf8).contains("score.wav"))
        // The bed is heard before the first line.
        let level = try await runTool("ffmpeg", ["-v", "error", "-t", "1", "-i", project.output.path, "-map", "0:a", "-af",
                                           "astats=metadata=1:reset=0,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file=-",
                                           "-f", "null", "-"])
        let rms = try #require(level.split(separator: "\n").last.flatMap { Double($0.split(separator: "=")[1]) })
        #expect(rms > -50, "the music is at \(rms) dB")
        try Data("music: gone.wav\n".utf8).write(to: project.directory.appendingPathComponent("animatic.yaml"))
        let missing = try await CommandRunner.run(["build", project.script.path, "--size", "160x90", "--cutlists", "none", "--quiet"])
        #expect(missing.status == 66 && missing.stderr.contains("gone.wav"), "\(missing.stderr)")
    }

    /// The planner's errors are found before the lines are voiced (without planning the shots
    /// twice): a script with one is planned without sound and its dialogue left unspoken.
    @Test func aScriptWithAPlanningErrorIsNotVoiced() throws {
        let project = try BuildProject(script: "INT. ROOM - DAY\n\n[[duration: 0]]\nANNA\nHello.\n")
        let compilation = try compile(project)
        #expect(compilation.hasErrors)
        #expect(compilation.voicing == nil)
        #expect(compilation.plan.shots.allSatisfy { $0.lines == nil })
        let error = try #require(compilation.diagnostics.first { $0.severity == .error })
        #expect(error.range.start.line == 3, "\(error)")
        #expect(try compile(BuildProject(script: "INT. ROOM - DAY\n\nANNA\nHello.\n")).voicing != nil)
    }

    @Test func aMissingTakeIsAnErrorAtItsPath() throws {
        let project = try BuildProject(script: "INT. ROOM - DAY\n\n[[audio: sound/missing.wav]]\nANNA\nHello.\n")
        let compilation = try compile(project)
        #expect(compilation.hasErrors)
        let error = try #require(compilation.diagnostics.first { $0.severity == .error })
        #expect(error.range.start.line == 3 && error.range.start.column == 10)
        #expect(error.message.contains("sound/missing.wav"))
    }

    /// The fundamental of the voiced parts by autocorrelation, in hertz.
    static func pitch(of utterance: Utterance) -> Double {
        let samples = utterance.samples.map { Double($0) }
        let rate = Double(utterance.sampleRate)
        let minLag = Int(rate / 400), maxLag = Int(rate / 60)
        var votes: [Int: Int] = [:]
        let window = 1024
        var start = 0
        while start + window + maxLag < samples.count {
            let energy = samples[start..<(start + window)].reduce(0) { $0 + $1 * $1 }
            if energy / Double(window) > 1_000_000 {
                var best = (lag: 0, score: -Double.infinity)
                for lag in minLag...maxLag {
                    var score = 0.0
                    for index in start..<(start + window) { score += samples[index] * samples[index + lag] }
                    if score > best.score { best = (lag, score) }
                }
                votes[best.lag, default: 0] += 1
            }
            start += window
        }
        let lag = votes.max { $0.value < $1.value }?.key ?? 1
        return rate / Double(lag)
    }
}
