import CutLists
import Foundation
import Planning
import Testing
import TestSupport

/// The cut lists of a film with sound, read back by OpenTimelineIO: every segment's WAV on
/// the audio tracks at its picture's record frames.
@Suite("Read back audio with OpenTimelineIO")
struct AudioReadBackTests {
    struct Track: Decodable {
        var name: String
        var clips: [ReadBack.Clip]
    }

    @Test("audio clips at the picture's record times", arguments: [CutListFormat.edl, .fcp7, .otio])
    func audioTracks(format: CutListFormat) async throws {
        let rate = FrameRate.film
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let timeline = Timeline(plan: samplePlan(rate), media: .beside(video: directory.appendingPathComponent("cut.mp4")),
                                title: "cut", audio: true)
        for clip in timeline.clips {
            try FileManager.default.createDirectory(at: clip.media.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: clip.media)
            try Data().write(to: try #require(clip.audioMedia))
        }
        let file = directory.appendingPathComponent("cut.\(format.fileExtension)")
        try Data(try #require(format.render(timeline)).utf8).write(to: file)
        let python = packageRoot.appendingPathComponent(".venv/bin/python")
        let result = try await Program(python, ["-c", Self.script, format.rawValue, file.path]).run()
        try #require(result.status == 0, "OpenTimelineIO could not read \(file.lastPathComponent): \(result.stderr)")
        let tracks = try JSONDecoder().decode([Track].self, from: Data(result.stdout.utf8))
        // Stereo: EDL's AA and FCP 7's two tracks are A1 and A2; OTIO has one stereo track.
        #expect(tracks.count == (format == .otio ? 1 : 2))
        let expected = timeline.clips.map { clip in
            ReadBack.Clip(name: clip.audioMedia!.lastPathComponent, start: clip.recordIn, frames: clip.frames,
                          path: clip.audioMedia!.standardizedFileURL.path)
        }
        for track in tracks {
            #expect(track.clips.map(\.start) == expected.map(\.start), "\(track.name)")
            #expect(track.clips.map(\.frames) == expected.map(\.frames), "\(track.name)")
            #expect(track.clips.map { $0.path.map { URL(fileURLWithPath: $0).standardizedFileURL.path } } == expected.map(\.path))
        }
    }

    @Test("FCPXML with audio lanes against Apple's DTD", arguments: FrameRate.supported)
    func fcpxmlWithAudioIsValid(rate: FrameRate) async throws {
        let dtd = packageRoot.appendingPathComponent("Tests/Fixtures/dtd/FCPXMLv1_10.dtd")
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let timeline = Timeline(plan: samplePlan(rate), media: .beside(video: directory.appendingPathComponent("cut.mp4")),
                                title: "cut", audio: true)
        let text = FCPXMLWriter.render(timeline)
        #expect(text.components(separatedBy: "lane=\"-1\"").count - 1 == timeline.clips.count)
        let file = directory.appendingPathComponent("cut.fcpxml")
        try Data(text.utf8).write(to: file)
        let result = try await Program(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", "--dtdvalid", dtd.path, file.path]).run()
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func withoutSoundThereIsNoAudioTrack() throws {
        let timeline = sampleTimeline(.film)
        for format in [CutListFormat.edl, .fcp7, .fcpxml, .otio] {
            let text = try #require(format.render(timeline))
            #expect(!text.contains(".wav"), "\(format)")
        }
    }

    static let script = #"""
        import json, sys
        import opentimelineio as otio
        from opentimelineio import url_utils
        fmt, path = sys.argv[1], sys.argv[2]
        adapter = {"edl": "cmx_3600", "fcp7": "fcp_xml", "otio": "otio_json"}[fmt]
        options = {"rate": 24} if fmt == "edl" else {}
        timeline = otio.adapters.read_from_file(path, adapter_name=adapter, **options)
        out = []
        for track in timeline.audio_tracks():
            clips = []
            for item in track:
                if not isinstance(item, otio.schema.Clip):
                    continue
                where = track.range_of_child(item)
                url = item.media_reference.target_url
                clips.append({"name": item.name, "start": round(where.start_time.to_seconds() * 24),
                              "frames": round(where.duration.to_seconds() * 24),
                              "path": url_utils.filepath_from_url(url) if url.startswith("file:") else url})
            out.append({"name": track.name, "clips": clips})
        print(json.dumps(out))
        """#
}
