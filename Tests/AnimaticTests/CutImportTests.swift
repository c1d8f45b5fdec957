import Foundation
import Testing
import TestSupport

/// `animatic review --import`: our own cut list, edited by OpenTimelineIO the way an editor
/// edits it (a clip trimmed, a marker with a comment, a clip swapped for take 2), read back
/// in Swift into the review file — at 24 and at 29.97 drop-frame, in every format.
@Suite("review --import")
struct CutImportTests {
    static let script = """
        Title: Import Test

        EXT. HARBOR - DAWN

        [[shot: WS; duration: 3s]]
        Fog rolls in over the water.

        [[shot: MS; duration: 4s]]
        A boat drifts past the pier.

        INT. KITCHEN - NIGHT

        [[shot: CU; duration: 2s]]
        Anna drops her bag.

        [[shot: MCU; duration: 3s]]
        She looks out the window.

        """

    static let review = """
        # notes so far
        shots:
          2A:   # the bag
            notes:
              - text: keep the drop     # the director's
          1A:
            status: approved

        """

    /// `--import` format, the format exported, OpenTimelineIO's adapter, the file ending.
    /// FCPXML is written by OpenTimelineIO from our `.otio`: its FCPXML reader finds no
    /// media in FCPXML 1.10's `media-rep`.
    static let formats: [(name: String, export: String, adapter: String, ending: String)] = [
        ("otio", "otio", "otio_json", "otio"), ("fcp7", "fcp7", "fcp_xml", "xml"),
        ("fcpxml", "otio", "fcpx_xml", "fcpxml"), ("edl", "edl", "cmx_3600", "edl"),
    ]
    static let cases = ["24", "29.97"].flatMap { rate in formats.map { (rate, $0.name) } }

    @Test("trim → duration, marker → note, take 2 → pick", arguments: cases)
    func roundTrip(rate: String, format: String) async throws {
        let spec = try #require(Self.formats.first { $0.name == format })
        let project = try ReviewProject(review: Self.review, script: Self.script)
        let before = try await project.plannedShots(["--fps", rate])
        let exported = project.directory.appendingPathComponent("ours.\(spec.export == "fcp7" ? "xml" : spec.export)")
        // Picture only: OpenTimelineIO's FCPXML writer fails on an OTIO audio track at 29.97
        // (it reads a frame duration from the audio clip's format), and the script has no dialogue.
        let export = try await project.run(
            ["export", "film.fountain", "--fps", rate, "--format", spec.export, "-o", exported.path, "--audio", "none"])
        #expect(export.status == 0, "\(export.stderr)")
        let edited = project.directory.appendingPathComponent("edited.\(spec.ending)")
        try await Self.edit(exported, into: edited, adapter: spec.adapter, rate: rate)

        let output = try await project.run(["review", "film.fountain", "--fps", rate, "--import", edited.path])
        #expect(output.status == 0, "\(output.stderr)")
        let trimmed = try #require(before["1B"]?["frames"] as? Int) - 12
        // OpenTimelineIO writes a marker's name and no comment to XML and EDL, and upper-case in an EDL.
        let note = format == "edl" ? "CLOSER PLEASE" : "closer please"
        #expect(output.stdout == """
            1B: trimmed in the cut → duration \(trimmed)f
            2A: marker → note "\(note)"
            2B: take 2 in the cut → pick 2
            imported changes to 3 shots into film.review.yaml

            """)
        #expect(project.review == """
            # notes so far
            shots:
              2A:   # the bag
                notes:
                  - text: keep the drop     # the director's
                  - text: \(note)
                    by: editor
              1A:
                status: approved
              1B:
                revise:
                  duration: \(trimmed)f
              2B:
                pick: 2

            """)
        #expect(try await project.plannedShots(["--fps", rate])["1B"]?["frames"] as? Int == trimmed)

        // The same cut again: the trim is in the plan now, the note and the pick in the file.
        let text = project.review
        let again = try await project.run(["review", "film.fountain", "--fps", rate, "--import", edited.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "nothing to import into film.review.yaml\n")
        #expect(project.review == text)
    }

    /// Fades, a dissolve and a shot of two segments: what our exports hold beyond cuts.
    static let transitions = """
        FADE IN:

        EXT. HARBOR - DAWN

        [[shot: WS; duration: 3s]]
        Fog rolls in over the harbor.

        DISSOLVE TO:

        INT. BAR - NIGHT

        [[shot: CU Ben; duration: 12s]]
        Ben polishes a cup, slowly.

        FADE OUT.

        """

    @Test("an unedited export imports as no change", arguments: ["24", "29.97"].flatMap { rate in
        ["edl", "fcp7", "fcpxml", "otio"].map { (rate, $0) }
    })
    func uneditedExport(rate: String, format: String) async throws {
        let project = try ReviewProject(review: nil, script: Self.transitions)
        let ending = format == "fcp7" ? "xml" : format
        let cut = project.directory.appendingPathComponent("cut.\(ending)")
        let export = try await project.run(["export", "film.fountain", "--fps", rate, "--format", format, "-o", cut.path])
        #expect(export.status == 0, "\(export.stderr)")
        let output = try await project.run(["review", "film.fountain", "--fps", rate, "--import", cut.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "nothing to import into film.review.yaml\n")
        #expect(!FileManager.default.fileExists(atPath: project.reviewFile.path))
    }

    @Test func aShotOfTwoSegmentsIsTrimmedAsAWhole() async throws {
        let project = try ReviewProject(review: nil, script: Self.transitions)
        let exported = project.directory.appendingPathComponent("ours.otio")
        #expect(try await project.run(["export", "film.fountain", "--format", "otio", "-o", exported.path]).status == 0)
        let edited = project.directory.appendingPathComponent("edited.otio")
        try await Self.python(#"""
            import sys
            import opentimelineio as otio
            timeline = otio.adapters.read_from_file(sys.argv[1])
            clips = [item for item in timeline.video_tracks()[0] if isinstance(item, otio.schema.Clip)]
            last = clips[-1].source_range
            clips[-1].source_range = otio.opentime.TimeRange(last.start_time, last.duration - otio.opentime.RationalTime(24, 24))
            otio.adapters.write_to_file(timeline, sys.argv[2])
            """#, [exported.path, edited.path])
        let output = try await project.run(["review", "film.fountain", "--import", edited.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("2A: trimmed in the cut → duration 264f\n"))
        #expect(try await project.plannedShots()["2A"]?["frames"] as? Int == 264)
    }

    @Test func aPickedTakeOnTheTimelineAndBackToTakeOne() async throws {
        let script = Self.script.replacingOccurrences(of: "[[shot: MCU; duration: 3s]]", with: "[[shot: MCU; duration: 3s; takes: 3]]")
        let project = try ReviewProject(review: nil, script: script)
        let ours = project.directory.appendingPathComponent("ours.otio")
        #expect(try await project.run(["export", "film.fountain", "--format", "otio", "-o", ours.path]).status == 0)
        let take2 = project.directory.appendingPathComponent("take2.otio")
        try await Self.python(Self.relinkScript, [ours.path, take2.path, "2B-1.mp4", "2B-1.take2.mp4"])
        #expect(try await project.run(["review", "film.fountain", "--import", take2.path]).stdout.hasPrefix("2B: take 2 in the cut → pick 2\n"))
        #expect(project.review == "shots:\n  2B:\n    pick: 2\n")

        // The export now plays take 2; the editor goes back to take 1.
        #expect(try await project.run(["export", "film.fountain", "--format", "otio", "-o", ours.path]).status == 0)
        #expect(try String(contentsOf: ours, encoding: .utf8).contains("2B-1.take2.mp4"))
        #expect(try await project.run(["review", "film.fountain", "--import", ours.path]).stdout == "nothing to import into film.review.yaml\n")
        let take1 = project.directory.appendingPathComponent("take1.otio")
        try await Self.python(Self.relinkScript, [ours.path, take1.path, "2B-1.take2.mp4", "2B-1.mp4"])
        #expect(try await project.run(["review", "film.fountain", "--import", take1.path]).stdout.hasPrefix("2B: take 1 in the cut → pick 1\n"))
        #expect(project.review == "shots:\n  2B:\n    pick: 1\n")
    }

    /// Relinks every clip playing a file named argv[3] to argv[4].
    static let relinkScript = #"""
        import sys
        import opentimelineio as otio
        timeline = otio.adapters.read_from_file(sys.argv[1])
        for clip in timeline.find_clips():
            reference = clip.media_reference
            if reference.target_url.endswith("/" + sys.argv[3]):
                reference.target_url = reference.target_url[: -len(sys.argv[3])] + sys.argv[4]
        otio.adapters.write_to_file(timeline, sys.argv[2])
        """#

    @Test func withoutAReviewFileOneIsMadeAndReorderedOrMissingShotsAreReported() async throws {
        let project = try ReviewProject(review: nil, script: Self.script)
        let exported = project.directory.appendingPathComponent("ours.otio")
        #expect(try await project.run(["export", "film.fountain", "--format", "otio", "-o", exported.path]).status == 0)
        let edited = project.directory.appendingPathComponent("edited.otio")
        try await Self.python(Self.reorderScript, [exported.path, edited.path])
        let output = try await project.run(["review", "film.fountain", "--import", edited.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == """
            2A comes after 2B in the cut, before it in the script (reported, not applied)
            1B is not in the cut (reported, not applied: take it out of the script to drop it)
            1A: marker → note "hold longer on the fog"
            imported changes to 1 shot into film.review.yaml

            """)
        #expect(project.review == """
            shots:
              1A:
                notes:
                  - text: hold longer on the fog
                    by: editor

            """)
    }

    @Test func aCutListThatDoesNotReadIsAnErrorAndNothingIsWritten() async throws {
        let project = try ReviewProject(review: Self.review, script: Self.script)
        try Data("<xmeml version=\"4\"><sequence></xmeml>".utf8).write(to: project.directory.appendingPathComponent("broken.xml"))
        let broken = try await project.run(["review", "film.fountain", "--import", "broken.xml"])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("broken.xml: not FCP 7 XML"))
        let unknown = try await project.run(["review", "film.fountain", "--import", "cut.aaf"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--import reads .otio, .xml (FCP 7 XML), .fcpxml or .edl"))
        #expect(project.review == Self.review)
    }

    /// Edits a cut list with OpenTimelineIO: the second clip 12 frames shorter, a marker
    /// with a comment 5 frames into the third, the fourth playing take 2's file.
    static func edit(_ source: URL, into target: URL, adapter: String, rate: String) async throws {
        let readAdapter = adapter == "fcpx_xml" ? "otio_json" : adapter
        try await python(editScript, [source.path, target.path, readAdapter, adapter, rate])
    }

    static func python(_ script: String, _ arguments: [String]) async throws {
        let python = packageRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record("\(python.path) is missing: run scripts/setup.sh (make test does)")
            throw CancellationError()
        }
        let output = try await Program(python, ["-c", script] + arguments).run()
        guard output.status == 0 else {
            Issue.record("OpenTimelineIO failed: \(output.stderr)")
            throw CancellationError()
        }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let editScript = #"""
        import sys
        import opentimelineio as otio
        source, target, read_adapter, write_adapter, rate = sys.argv[1:6]
        fps = 30000 / 1001 if rate == "29.97" else float(rate)
        options = {"rate": fps} if read_adapter == "cmx_3600" else {}
        timeline = otio.adapters.read_from_file(source, adapter_name=read_adapter, **options)
        while isinstance(timeline, otio.schema.SerializableCollection):
            timeline = timeline[0]
        clips = [item for item in timeline.video_tracks()[0] if isinstance(item, otio.schema.Clip)]
        trimmed = clips[1].source_range
        clips[1].source_range = otio.opentime.TimeRange(
            trimmed.start_time, trimmed.duration - otio.opentime.RationalTime(12, trimmed.duration.rate))
        start = clips[2].source_range.start_time
        # XML and EDL keep a marker's name only, so there the name says it too.
        marker = otio.schema.Marker(
            name="m1" if write_adapter == "otio_json" else "closer please",
            marked_range=otio.opentime.TimeRange(start + otio.opentime.RationalTime(5, start.rate), otio.opentime.RationalTime(0, start.rate)),
            color="GREEN")
        marker.comment = "closer please"
        clips[2].markers.append(marker)
        clips[3].media_reference.target_url = clips[3].media_reference.target_url.replace(".mp4", ".take2.mp4")
        options = {"rate": fps} if write_adapter == "cmx_3600" else {}
        otio.adapters.write_to_file(timeline, target, adapter_name=write_adapter, **options)
        """#

    /// 2B moved before 2A, 1B taken out, a marker on 1A.
    static let reorderScript = #"""
        import sys
        import opentimelineio as otio
        timeline = otio.adapters.read_from_file(sys.argv[1])
        track = timeline.video_tracks()[0]
        clips = [item for item in track if isinstance(item, otio.schema.Clip)]
        marker = otio.schema.Marker(name="fog", marked_range=otio.opentime.TimeRange(
            otio.opentime.RationalTime(0, 24), otio.opentime.RationalTime(0, 24)))
        marker.comment = "hold longer on the fog"
        clips[0].markers.append(marker)
        for clip in clips:
            track.remove(clip)
        for clip in [clips[0], clips[3], clips[2]]:
            track.append(clip)
        otio.adapters.write_to_file(timeline, sys.argv[2], adapter_name="otio_json")
        """#
}
