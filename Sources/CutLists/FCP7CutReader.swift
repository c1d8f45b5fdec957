import Foundation
import Planning

/// Reads an edited FCP 7 XML (xmeml, as Premiere, Resolve and OpenTimelineIO write it):
/// the first sequence's first video track with clip items — each clip item's record place
/// (`start`/`end`, or after the one before when an NLE writes -1 beside a transition), its
/// file (a `file` given once in full and then by `id` alone), its markers — and the
/// sequence's markers (`in`, a record frame). Generator items (slugs, black) take record
/// time and are no clips.
enum FCP7CutReader {
    static func read(_ data: Data, rate: FrameRate) throws(EditedCutError) -> EditedCut {
        let root = try CutXMLElement.parse(data, format: "FCP 7 XML")
        guard root.name == "xmeml", let sequence = root.descendants("sequence").first else {
            throw EditedCutError("not FCP 7 XML: no xmeml sequence")
        }
        let scale = Scale(timebase: sequence.child("rate")?.int("timebase"), rate: rate)
        var files: [String: String] = [:]
        for file in root.descendants("file") {
            if let id = file.attributes["id"], let path = file.value("pathurl") { files[id] = localPath(path) }
        }
        let tracks = sequence.child("media")?.child("video")?.children("track") ?? []
        guard let track = tracks.first(where: { !$0.children("clipitem").isEmpty }) else {
            throw EditedCutError("the sequence has no video clips")
        }
        var clips: [EditedCut.Clip] = []
        var at = 0
        for item in track.children where ["clipitem", "generatoritem"].contains(item.name) {
            let start = item.int("start") ?? -1, end = item.int("end") ?? -1
            let length = start >= 0 && end > start ? end - start : max(0, (item.int("out") ?? 0) - (item.int("in") ?? 0))
            let recordIn = start >= 0 ? scale.frames(start) : at
            let recordOut = recordIn + scale.frames(length)
            at = recordOut
            guard item.name == "clipitem", item.value("enabled")?.uppercased() != "FALSE", recordOut > recordIn else { continue }
            let file = item.child("file")
            let path = file?.value("pathurl").map(localPath) ?? file?.attributes["id"].flatMap { files[$0] }
            let markers = item.children("marker").map { EditedCut.Marker(name: $0.value("name") ?? "", comment: $0.value("comment") ?? "") }
            clips.append(EditedCut.Clip(name: item.value("name") ?? "", sourceFile: path, recordIn: recordIn, recordOut: recordOut,
                                        markers: markers))
        }
        let markers = sequence.children("marker").map {
            EditedCut.Marker(name: $0.value("name") ?? "", comment: $0.value("comment") ?? "", frame: scale.frames($0.int("in") ?? 0))
        }
        return EditedCut(clips: clips, markers: markers)
    }
}

/// Frames at an XML's timebase as frames at the plan's rate (the same when they agree).
struct Scale {
    let factor: Double

    init(timebase: Int?, rate: FrameRate) {
        factor = timebase.map { $0 > 0 ? Double(rate.timecodeBase) / Double($0) : 1 } ?? 1
    }

    func frames(_ count: Int) -> Int { factor == 1 ? count : Int((Double(count) * factor).rounded()) }
}
