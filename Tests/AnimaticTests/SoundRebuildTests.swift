import Foundation
import Media
import Planning
import Testing

@testable import Animatic

/// The soundtrack's rebuild cost and its loudness, which no longer needs the whole film: a
/// one-line edit re-speaks one line and re-encodes only the AAC chunks and WAVs it touches,
/// and the film lands at `--loudness` by construction, checked by ffmpeg's own meter.
@Suite("animatic build: sound, incrementally")
struct SoundRebuildTests {
    static let script = """
        Title: Rebuild Test

        INT. KITCHEN - NIGHT

        ANNA
        They're selling the building next month.

        EXT. HARBOR - DAWN

        Fog rolls in over the water. Gulls circle above the empty pier for a long while.

        INT. OFFICE - DAY

        BEN
        Then we had better find somewhere else to work.

        EXT. STREET - DUSK

        A bus pulls away from the stop and the street is empty again.

        INT. KITCHEN - NIGHT

        ANNA (V.O.)
        I never liked that office anyway.

        """

    private func build(_ project: BuildProject, loudness: Double = -23) async throws -> (Compilation, BuildReport) {
        let compilation = try Compilation(
            try ScriptInput.read(project.script.path), configuration: project.settings().planConfiguration,
            sound: SoundSettings(loudness: loudness), cache: project.cache)
        var settings = project.settings()
        settings.loudness = loudness
        let report = try await Builder(settings: settings).build(
            compilation.plan, scriptPath: project.script.path, voicing: compilation.voicing)
        return (compilation, report)
    }

    /// Every file under `directory` and when it was last written.
    private func files(in directory: URL) -> [String: Date] {
        var dates: [String: Date] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])
        while let url = enumerator?.nextObject() as? URL {
            if let date = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
               !url.hasDirectoryPath {
                dates[url.lastPathComponent] = date
            }
        }
        return dates
    }

    /// The integrated loudness of the film's audio from `from` for `seconds`, by ffmpeg's ebur128.
    private func loudness(of video: URL, from: Double = 0, seconds: Double? = nil) async throws -> Double {
        let window = seconds.map { ["-ss", "\(from)", "-t", "\($0)"] } ?? []
        let text = try await runTool("ffmpeg", ["-v", "error"] + window + ["-i", video.path, "-map", "0:a", "-af",
                                          "ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.I:file=-", "-f", "null", "-"])
        return try #require(text.split(separator: "\n").last.flatMap { Double($0.split(separator: "=")[1]) })
    }

    @Test func theSoundtracksChunksAreEncodedBesideTheGenerationNotOnTheVideosChain() async throws {
        let project = try BuildProject(script: Self.script)
        let compilation = try Compilation(
            try ScriptInput.read(project.script.path), configuration: project.settings().planConfiguration,
            sound: SoundSettings(loudness: -23), cache: project.cache)
        let builder = Builder(settings: project.settings())
        let plan = try builder.stepPlan(for: compilation.plan, scriptPath: project.script.path, voicing: compilation.voicing)
        // No step before it: no take can move (quality control is off for the cards), so
        // the lines are where the plan puts them from the start.
        let soundtrack = try #require(plan.steps.first { $0.kind == .soundtrack })
        #expect(soundtrack.inputs.isEmpty && soundtrack.status == .runs(.new))
        #expect(plan.steps.first { $0.kind == .tracks }?.inputs == ["join", soundtrack.id])
        // Without sound there is none.
        let silent = try builder.stepPlan(for: compilation.plan, scriptPath: project.script.path)
        #expect(!silent.steps.contains { $0.kind == .soundtrack })

        // And the build runs it: the chunks are in the cache, the video made.
        let (_, report) = try await build(project)
        #expect(report.video != nil)
        let chunks = try #require(FileManager.default.enumerator(atPath: project.cache.appendingPathComponent("audio").path))
        #expect(chunks.compactMap { $0 as? String }.contains { $0.hasSuffix(".aac") })
    }

    @Test func aOneLineEditReencodesOnlyTheChunksAndWAVsItTouches() async throws {
        let project = try BuildProject(script: Self.script)
        let chunks = project.cache.appendingPathComponent("audio")
        let media = project.directory.appendingPathComponent("film.media")
        let (_, cold) = try await build(project)
        let firstChunks = files(in: chunks)
        // One chunk per segment, the silent ones sharing their packets.
        #expect(firstChunks.count >= 3 && firstChunks.count <= cold.segments.count, "\(firstChunks.count) chunks")
        let firstWAVs = files(in: media).filter { $0.key.hasSuffix(".wav") }

        // A no-op: nothing encoded, nothing written.
        let (same, noOp) = try await build(project)
        #expect(same.voicing?.made == 0 && !noOp.videoWritten)
        #expect(files(in: chunks) == firstChunks)

        // The first line made longer: every later shot moves, one line is spoken, and only
        // its shot's chunk and WAV are made again.
        try project.write(Self.script.replacingOccurrences(of: "next month.", with: "next month, and the one after."))
        let (edited, report) = try await build(project)
        #expect(edited.voicing?.made == 1)
        #expect(report.videoWritten)
        let newChunks = files(in: chunks).filter { firstChunks[$0.key] == nil }
        #expect(newChunks.count == 1, "\(newChunks.count) chunks encoded")
        #expect(files(in: chunks).filter { firstChunks[$0.key] != nil && firstChunks[$0.key] != $0.value }.isEmpty)
        let wavs = files(in: media).filter { $0.key.hasSuffix(".wav") }
        let rewritten = wavs.filter { firstWAVs[$0.key] != $0.value }.map(\.key).sorted()
        #expect(rewritten.count == 1 && rewritten.allSatisfy { $0.hasPrefix("1") }, "rewritten: \(rewritten)")
        // The moved chunks still play where their lines are: the last line (V.O.) is heard
        // at its new place, at the dialogue's loudness.
        let plan = edited.plan
        let fps = Double(plan.frameRate.num) / Double(plan.frameRate.den)
        let last = try #require(Array(zip(plan.shots, plan.startFrames)).last { $0.0.lines?.isEmpty == false })
        let line = try #require(last.0.lines?.first)
        let start = Double(last.1 + line.offset) / fps
        let heard = try await loudness(of: project.output, from: start, seconds: Double(line.milliseconds ?? 0) / 1000)
        #expect(abs(heard - -23) < 1.5, "the moved line is at \(heard) LUFS")
    }

    @Test(arguments: [-23.0, -16.0])
    func aDialogueFilmIsAtItsLoudnessByConstruction(target: Double) async throws {
        let project = try BuildProject(script: Self.script)
        _ = try await build(project, loudness: target)
        let measured = try await loudness(of: project.output)
        #expect(abs(measured - target) <= 1, "\(measured) LUFS for --loudness \(target)")
    }

    @Test func aFilmWithMusicIsAtItsLoudnessByConstruction() async throws {
        let project = try BuildProject(script: "")
        let music = project.directory.appendingPathComponent("score.wav")
        // A chord that swells and fades, quieter than the voices as decoded: the bed is
        // measured and brought to the dialogue's loudness when it is first read.
        _ = try await runTool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i",
                                   "aevalsrc=0.05*(sin(2*PI*220*t)+sin(2*PI*277*t)+sin(2*PI*330*t))*(0.6+0.4*sin(2*PI*0.2*t)):d=60",
                                   music.path])
        try project.write(Self.script.replacingOccurrences(of: "Title: Rebuild Test", with: "Title: Rebuild Test\nMusic: score.wav"))
        _ = try await build(project)
        let measured = try await loudness(of: project.output)
        #expect(abs(measured - -23) <= 1, "\(measured) LUFS")
    }
}
