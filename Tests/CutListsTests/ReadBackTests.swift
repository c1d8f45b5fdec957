import CutLists
import Foundation
import Planning
import Testing
import TestSupport

/// What OpenTimelineIO reads from a cut list: the clips in order (black left out), the
/// running time and the markers, in frames at the timeline rate.
struct ReadBack: Decodable {
    struct Clip: Decodable, Equatable {
        var name: String
        var start: Int
        var frames: Int
        var path: String?
    }

    var clips: [Clip]
    var total: Int
    var markers: [Int]
}

/// Reads cut lists back with OpenTimelineIO in the test venv (`make test` installs it).
@Suite("Read back with OpenTimelineIO")
struct ReadBackTests {
    static let formats: [CutListFormat] = [.edl, .fcp7, .fcpxml, .otio]
    /// OTIO's FCPXML reader rounds 23.976 and 29.97 down to whole rates, so FCPXML is read
    /// back at 24 and 25 only; at every rate it is checked against Apple's DTD instead.
    static let cases = sampleRates.flatMap { rate in
        formats.filter { $0 != .fcpxml || rate.rate.den == 1 }.map { (rate.name, $0) }
    }

    @Test("clips, order, durations, running time, scene markers and media paths", arguments: cases)
    func readBack(rateName: String, format: CutListFormat) async throws {
        let rate = try #require(FrameRate(rateName))
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let timeline = sampleTimeline(rate, video: directory.appendingPathComponent("cut.mp4"))
        for clip in timeline.clips {
            try FileManager.default.createDirectory(at: clip.media.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: clip.media)
        }
        let file = directory.appendingPathComponent("cut.\(format.fileExtension)")
        try Data(try #require(format.render(timeline)).utf8).write(to: file)

        let read = try await Self.read(file, format: format, rate: rate, recordStart: timeline.recordStart)
        let expected = Self.expectedClips(timeline, format: format)
        #expect(read.clips.map(\.name) == expected.map(\.name))
        #expect(read.clips.map(\.frames) == expected.map(\.frames))
        #expect(read.clips.map(\.start) == expected.map(\.start))
        #expect(read.total == timeline.totalFrames)
        // OTIO's EDL reader takes `* LOC:` timecode with colons only, so it drops
        // drop-frame (`;`) markers.
        if !(format == .edl && rate.isDropFrame) {
            #expect(read.markers == timeline.markers.map(\.frame))
        }
        for (clip, placed) in zip(read.clips, expected) where placed.path != nil {
            let path = try #require(clip.path, "\(clip.name) has no media path")
            #expect(URL(fileURLWithPath: path).standardizedFileURL.path == placed.path)
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }

    /// The clips a reader should find: every segment by name (an EDL names clips by file,
    /// and plays a fade out as the clip's body and then a dissolve to black).
    static func expectedClips(_ timeline: Timeline, format: CutListFormat) -> [ReadBack.Clip] {
        timeline.clips.flatMap { clip -> [ReadBack.Clip] in
            let path = clip.media.standardizedFileURL.path
            guard format == .edl else { return [ReadBack.Clip(name: clip.name.rawValue, start: clip.recordIn, frames: clip.frames, path: path)] }
            let fade = clip.fadeOut ?? 0
            let body = ReadBack.Clip(name: clip.media.lastPathComponent, start: clip.recordIn, frames: clip.frames - fade, path: path)
            return fade == 0 ? [body] : [body, ReadBack.Clip(name: "BLACK", start: clip.recordOut - fade, frames: fade, path: nil)]
        }
    }

    static func read(_ file: URL, format: CutListFormat, rate: FrameRate, recordStart: Int) async throws -> ReadBack {
        let python = packageRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record("\(python.path) is missing: run scripts/setup.sh (make test does)")
            throw CancellationError()
        }
        let result = try await Program(python, ["-c", readerScript, format.rawValue, file.path, String(rate.num), String(rate.den), String(recordStart)]).run()
        guard result.status == 0 else {
            Issue.record("OpenTimelineIO could not read \(file.lastPathComponent): \(result.stderr)")
            throw CancellationError()
        }
        return try JSONDecoder().decode(ReadBack.self, from: Data(result.stdout.utf8))
    }

    /// Reads a cut list with OpenTimelineIO and prints a `ReadBack` as JSON. The EDL rate is
    /// passed exactly (`24000/1001`). OTIO's FCPXML reader reads media only from FCPXML
    /// 1.8's `asset@src`, so for FCPXML the paths come from each asset's `media-rep`. EDL
    /// markers are read as record timecode, and an FCPXML sequence starts at its `tcStart`
    /// (OTIO puts a gap before it), so the record start is passed too.
    static let readerScript = #"""
        import json, sys
        import xml.etree.ElementTree as ET
        import opentimelineio as otio
        from opentimelineio import url_utils

        fmt, path, num, den, record_start = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
        adapter = {"edl": "cmx_3600", "fcp7": "fcp_xml", "fcpxml": "fcpx_xml", "otio": "otio_json"}[fmt]
        options = {"rate": num / den} if fmt == "edl" else {}
        timeline = otio.adapters.read_from_file(path, adapter_name=adapter, **options)
        while isinstance(timeline, otio.schema.SerializableCollection):
            timeline = timeline[0]

        def frames(time):
            return round(time.to_seconds() * num / den)

        def local(url):
            if url is None:
                return None
            return url_utils.filepath_from_url(url) if url.startswith("file:") else url

        track = timeline.video_tracks()[0]
        origin = record_start if fmt == "fcpxml" else 0
        clips, markers = [], []
        for marker in timeline.tracks.markers:
            markers.append(frames(marker.marked_range.start_time))
        for item in track:
            if isinstance(item, otio.schema.Transition):
                continue
            where = track.range_of_child(item)
            if isinstance(item, otio.schema.Clip):
                for marker in item.markers:
                    offset = marker.marked_range.start_time - item.source_range.start_time
                    if fmt == "edl":
                        markers.append(frames(marker.marked_range.start_time) - record_start)
                    else:
                        markers.append(frames(where.start_time + offset) - origin)
            if frames(where.duration) == 0 or frames(where.end_time_exclusive()) <= origin:
                continue
            reference = item.media_reference if isinstance(item, otio.schema.Clip) else None
            if reference is None or isinstance(reference, otio.schema.GeneratorReference) or isinstance(item, otio.schema.Gap):
                name, media = "BLACK", None
            else:
                name, media = item.name, local(getattr(reference, "target_url", None))
            clips.append({"name": name, "start": frames(where.start_time) - origin, "frames": frames(where.duration), "path": media})

        if fmt == "fcpxml":
            root = ET.parse(path).getroot()
            sources = {asset.get("id"): asset.find("media-rep").get("src") for asset in root.iter("asset")}
            spine = [sources[clip.get("ref")] for clip in root.iter("asset-clip")]
            for clip, src in zip(clips, spine):
                clip["path"] = local(src)

        print(json.dumps({"clips": clips, "total": frames(track.duration()) - origin, "markers": sorted(markers)}))
        """#
}
