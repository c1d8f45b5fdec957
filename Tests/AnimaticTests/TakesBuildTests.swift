import Animatic
import Foundation
import Testing

/// `animatic build` with takes: every take generated once, into `film.media/` beside the
/// picked ones, and a review's pick changes the timeline for its shot and nothing else.
@Suite("animatic build: takes and picks")
struct TakesBuildTests {
    static let script = """
        EXT. HARBOR - DAWN

        Fog rolls in over the water.

        INT. KITCHEN - NIGHT

        Anna steps in and drops her bag.

        ANNA
        They're selling the building.

        """

    static func report(_ project: ReviewProject) throws -> BuildReport {
        try #require(BuildReport.read(project.directory.appendingPathComponent("film.report.json")))
    }

    static func build(_ project: ReviewProject, _ extra: [String] = []) async throws -> BuildReport {
        let output = try await project.run(
            ["build", "film.fountain", "--size", "160x90", "--cutlists", "edl,fcp7", "--quiet"] + extra)
        #expect(output.status == 0, "\(output.stderr)")
        return try report(project)
    }

    static func text(_ project: ReviewProject, _ name: String) throws -> String {
        String(decoding: try Data(contentsOf: project.directory.appendingPathComponent(name)), as: UTF8.self)
    }

    static func media(_ project: ReviewProject, _ id: String) throws -> Data {
        try Data(contentsOf: project.directory.appendingPathComponent("film.media/\(id).mp4"))
    }

    /// Every generated segment, timeline and takes.
    static func generated(_ report: BuildReport) -> [String] {
        (report.segments + report.takes).filter { $0.status == .generated }.map(\.id.rawValue)
    }

    /// The lines of `new` that `old` lacks, and the lines of `old` that `new` lacks.
    static func changedLines(_ old: String, _ new: String) -> [String] {
        let before = old.split(separator: "\n", omittingEmptySubsequences: false)
        let after = new.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        return zip(before, after).filter { $0 != $1 }.flatMap { [String($0), String($1)] }
    }

    /// The video's per-frame MD5s, by ffmpeg (an independent decoder).
    static func frameHashes(_ project: ReviewProject) async throws -> [String] {
        let text = try await runTool("ffmpeg", [
            "-v", "error", "-i", project.directory.appendingPathComponent("film.mp4").path, "-map", "0:v", "-f", "framemd5", "-",
        ])
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: ",").last ?? "") }
    }

    @Test func threeTakesAreThreeRequestsWithTheirOwnSeedsAndThreeClips() async throws {
        let project = try ReviewProject(review: nil, script: "EXT. HARBOR - DAWN\n\nFog rolls in over the water.\n")
        let runs = project.directory.appendingPathComponent("runs.jsonl")
        let template = "python3 \(BuildBackendFlagTests.fakeWan.path) --task t2v-A14B --size {width}*{height} --frame_num {frames} "
            + "--ckpt_dir \(project.directory.path) --prompt {prompt} --base_seed {seed} --save_file {output}"
        let output = try await project.run(
            ["build", "film.fountain", "--takes", "3", "--size", "320x180", "--backend", "command", "--command-template", template,
             "--cutlists", "none", "--qc", "off", "--quiet"],
            environment: ["FAKE_WAN_ARGS": runs.path])
        #expect(output.status == 0, "\(output.stderr)")
        let arguments = try String(contentsOf: runs, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] ?? []
        }
        let seeds = arguments.compactMap { run in run.firstIndex(of: "--base_seed").map { run[$0 + 1] } }
        #expect(arguments.count == 3 && Set(seeds).count == 3)
        let report = try Self.report(project)
        #expect(report.segments.map(\.id) == ["1A-1"] && report.takes.map(\.id) == ["1A-1.take2", "1A-1.take3"])
        #expect(report.generated == 3 && Set((report.segments + report.takes).map(\.key)).count == 3)
        let clips = try ["1A-1", "1A-1.take2", "1A-1.take3"].map { try Self.media(project, $0) }
        #expect(Set(clips).count == 3)
        // Take 1 keeps the seed the shot has without takes.
        let plain = try await project.run(["plan", "--json", "film.fountain"])
        #expect(seeds.contains { plain.stdout.contains("\"seed\" : \($0)") })
    }

    @Test func theCardsOfTakesDifferAndATakeIsNeverMadeAgain() async throws {
        let project = try ReviewProject(review: nil, script: Self.script)
        let first = try await Self.build(project, ["--takes", "3"])
        let ids = first.segments.map(\.id.rawValue)
        #expect(first.takes.map(\.id.rawValue) == ids.flatMap { id in ["\(id).take2", "\(id).take3"] })
        #expect(Set(Self.generated(first)).count == 3 * ids.count)
        for id in ids {
            #expect(Set(try [id, "\(id).take2", "\(id).take3"].map { try Self.media(project, $0) }).count == 3)
        }
        // Fewer takes, then more again, then one: nothing is made again.
        #expect(Self.generated(try await Self.build(project, ["--takes", "2"])).isEmpty)
        let again = try await Self.build(project, ["--takes", "3"])
        #expect(Self.generated(again).isEmpty && again.reused == 3 * ids.count)
        let single = try await Self.build(project)
        #expect(Self.generated(single).isEmpty && single.takes.isEmpty)
        // The media follow the takes asked for.
        let media = try FileManager.default.contentsOfDirectory(atPath: project.directory.appendingPathComponent("film.media").path)
        // (With sound, the timeline's segments also have their WAVs: clips are what takes change.)
        #expect(media.filter { $0.hasSuffix(".mp4") }.sorted() == ids.map { "\($0).mp4" }.sorted())
    }

    @Test func aPickChangesTheCutListsAndTheFramesOfItsShotAndNothingElse() async throws {
        let project = try ReviewProject(review: nil, script: Self.script)
        let first = try await Self.build(project, ["--takes", "2"])
        let edl = try Self.text(project, "film.edl"), xml = try Self.text(project, "film.xml")
        let frames = try await Self.frameHashes(project)
        #expect(frames.count == first.totalFrames && first.pickedShots.isEmpty)

        try Data("shots:\n  2B:\n    pick: 2\n".utf8).write(to: project.reviewFile)
        let picked = try await Self.build(project, ["--takes", "2"])
        #expect(Self.generated(picked).isEmpty)
        #expect(picked.pickedShots == [BuildReport.PickedShot(shot: "2B", take: 2)])
        #expect(picked.segments.map(\.id.rawValue).filter { $0.hasPrefix("2B-") }.allSatisfy { $0.hasSuffix(".take2") })
        #expect(picked.takes.map(\.id).contains("2B-1"))

        // The cut lists: only the picked shot's clip lines change, and they name take 2.
        let edlChanges = Self.changedLines(edl, try Self.text(project, "film.edl"))
        #expect(!edlChanges.isEmpty && edlChanges.allSatisfy { $0.contains("2B1") || $0.contains("2B-1") })
        #expect(edlChanges.contains { $0.contains("2B-1.take2.mp4") })
        let xmlChanges = Self.changedLines(xml, try Self.text(project, "film.xml"))
        #expect(!xmlChanges.isEmpty && xmlChanges.allSatisfy { $0.contains("2B-1") })
        #expect(xmlChanges.contains { $0.contains("film.media/2B-1.take2.mp4") })

        // The video: the shot's frames change, every other frame is the same.
        let shot = try #require(picked.segments.first { $0.id.rawValue.hasPrefix("2B-") })
        let span = shot.startFrame..<(shot.startFrame + picked.segments.filter { $0.id.rawValue.hasPrefix("2B-") }.map(\.frames).reduce(0, +))
        let after = try await Self.frameHashes(project)
        #expect(after.count == frames.count)
        let changed = Set(zip(frames, after).enumerated().filter { $1.0 != $1.1 }.map(\.offset))
        #expect(!changed.isEmpty && changed.allSatisfy(span.contains))

        // Without the pick, the first video and cut lists come back.
        try FileManager.default.removeItem(at: project.reviewFile)
        #expect(Self.generated(try await Self.build(project, ["--takes", "2"])).isEmpty)
        #expect(try await Self.frameHashes(project) == frames && Self.text(project, "film.edl") == edl)
    }

    @Test func aPickOfATakeTheShotLacksIsAWarningAtThePick() async throws {
        let project = try ReviewProject(review: "shots:\n  1A:\n    pick: 3\n", script: Self.script)
        let output = try await project.run(["plan", "film.fountain", "--takes", "2"])
        #expect(output.status == 0)
        #expect(output.stderr.contains("film.review.yaml:3:11: warning: shot 1A has 2 takes; pick 3 is ignored and take 1 is used"))
    }

    @Test func aDryRunShowsTheTakeSteps() async throws {
        let project = try ReviewProject(review: nil, script: Self.script)
        let output = try await project.run(["build", "film.fountain", "--dry-run", "--takes", "2", "--size", "160x90"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("generate 1A-1.take2") && output.stdout.contains("generate 2B-1.take2"))
        #expect(!FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("film.mp4").path))
    }

    /// The director's loop from a fresh clone, through the command line: build with takes,
    /// pick a take and write a note, turn the note into a revision, rebuild.
    @Test func buildWithTakesPickNoteApplyNotesAndRebuildRemakesOneShot() async throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../samples/coffee-shop.fountain").standardizedFileURL
        let project = try ReviewProject(review: nil, script: String(decoding: try Data(contentsOf: sample), as: UTF8.self))
        let first = try await Self.build(project, ["--takes", "3"])
        #expect(first.takes.count == 2 * first.segments.count && first.generated == 3 * first.segments.count)

        try Data("""
            shots:
              2C:
                pick: 2
              1C:
                notes:
                  - text: closer
            """.utf8).write(to: project.reviewFile)
        let applied = try await project.run(["review", "film.fountain", "--apply-notes"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(project.review.contains("revise:"))

        let rebuilt = try await Self.build(project, ["--takes", "3"])
        #expect(Self.generated(rebuilt).sorted() == ["1C-1", "1C-1.take2", "1C-1.take3"])
        #expect(rebuilt.revisedShots == ["1C"] && rebuilt.pickedShots == [BuildReport.PickedShot(shot: "2C", take: 2)])
        #expect(try Self.text(project, "film.edl").contains("2C-1.take2.mp4"))
    }
}

extension TakesBuildTests {
    /// Styles go into their takes' prompts as far as the backend; a take the backend
    /// refuses under --keep-going is left out of the media and the build says so (exit 69).
    @Test func aStyledTakeTheBackendRefusesIsLeftOutOfTheMediaUnderKeepGoing() async throws {
        let project = try ReviewProject(
            review: nil, script: "EXT. HARBOR - DAWN\n\n[[styles: watercolour | noir]]\nFog rolls in over the water.\n")
        let runs = project.directory.appendingPathComponent("runs.jsonl")
        let template = "python3 \(BuildBackendFlagTests.fakeWan.path) --task t2v-A14B --size {width}*{height} --frame_num {frames} "
            + "--ckpt_dir \(project.directory.path) --prompt {prompt} --base_seed {seed} --save_file {output}"
        let output = try await project.run(
            ["build", "film.fountain", "--size", "320x180", "--backend", "command", "--command-template", template,
             "--cutlists", "edl", "--keep-going", "--qc", "off", "--quiet"],
            environment: ["FAKE_WAN_ARGS": runs.path, "FAKE_WAN_FAIL_PROMPT": "noir"])
        #expect(output.status == 69)
        #expect(output.stderr.contains("1A-1.take2 failed:") && output.stderr.contains("the take is left out of film.media"))
        let prompts = try String(contentsOf: runs, encoding: .utf8).split(separator: "\n").compactMap { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String]).flatMap { run in
                run.firstIndex(of: "--prompt").map { run[$0 + 1] }
            }
        }
        #expect(prompts.count == 2 && prompts.contains { $0.contains("watercolour") } && prompts.contains { $0.contains("noir") })
        let report = try Self.report(project)
        #expect(report.segments.map(\.status) == [.generated] && report.takes.map(\.status) == [.failed])
        let media = try FileManager.default.contentsOfDirectory(atPath: project.directory.appendingPathComponent("film.media").path)
        #expect(media.filter { $0.hasSuffix(".mp4") } == ["1A-1.mp4"])
        #expect(FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("film.mp4").path))
    }
}
