import Foundation
import Planning

/// Reads an edited OpenTimelineIO file (`.otio` JSON, as OpenTimelineIO, Resolve and other
/// tools write it): the first video track's clips (`Clip.1`'s `media_reference`, `Clip.2`'s
/// active one of `media_references`), their `source_range` (else the media's
/// `available_range`) and markers, and the markers on the timeline's stack. Gaps take
/// record time; transitions take none, as in OpenTimelineIO.
enum OTIOCutReader {
    static func read(_ data: Data, rate: FrameRate) throws(EditedCutError) -> EditedCut {
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data) } catch {
            throw EditedCutError("not OpenTimelineIO: the JSON does not read")
        }
        var root = json as? [String: Any]
        // A collection of timelines: its first.
        while let object = root, schema(object).hasPrefix("SerializableCollection"),
              let first = (object["children"] as? [Any])?.first as? [String: Any] {
            root = first
        }
        guard let timeline = root, schema(timeline).hasPrefix("Timeline"), let stack = timeline["tracks"] as? [String: Any] else {
            throw EditedCutError("not OpenTimelineIO: no timeline")
        }
        let tracks = (stack["children"] as? [[String: Any]]) ?? []
        guard let track = tracks.first(where: { ($0["kind"] as? String) == "Video" }) else {
            throw EditedCutError("the timeline has no video track")
        }
        var clips: [EditedCut.Clip] = []
        var at = 0
        for item in (track["children"] as? [[String: Any]]) ?? [] {
            let kind = schema(item)
            if kind.hasPrefix("Transition") { continue }
            let range = (item["source_range"] as? [String: Any]) ?? availableRange(of: item)
            let length = frames(range?["duration"], rate: rate)
            defer { at += length }
            guard kind.hasPrefix("Clip"), length > 0, let url = mediaURL(of: item) else { continue }
            let markers = ((item["markers"] as? [[String: Any]]) ?? []).map { marker in
                EditedCut.Marker(name: marker["name"] as? String ?? "", comment: marker["comment"] as? String ?? "")
            }
            clips.append(EditedCut.Clip(name: item["name"] as? String ?? "", sourceFile: localPath(url),
                                        recordIn: at, recordOut: at + length, markers: markers))
        }
        let markers = ((stack["markers"] as? [[String: Any]]) ?? []).map { marker in
            let range = marker["marked_range"] as? [String: Any]
            return EditedCut.Marker(name: marker["name"] as? String ?? "", comment: marker["comment"] as? String ?? "",
                                    frame: frames(range?["start_time"], rate: rate))
        }
        return EditedCut(clips: clips, markers: markers)
    }

    private static func schema(_ object: [String: Any]) -> String { object["OTIO_SCHEMA"] as? String ?? "" }

    /// The active media reference's URL; nil for a missing reference or a generator (black).
    private static func mediaURL(of clip: [String: Any]) -> String? {
        let reference: [String: Any]?
        if let references = clip["media_references"] as? [String: Any] {
            let key = clip["active_media_reference_key"] as? String ?? "DEFAULT_MEDIA"
            reference = references[key] as? [String: Any]
        } else {
            reference = clip["media_reference"] as? [String: Any]
        }
        guard let reference, schema(reference).hasPrefix("ExternalReference") else { return nil }
        return reference["target_url"] as? String
    }

    private static func availableRange(of clip: [String: Any]) -> [String: Any]? {
        let references = clip["media_references"] as? [String: Any]
        let key = clip["active_media_reference_key"] as? String ?? "DEFAULT_MEDIA"
        let reference = (references?[key] ?? clip["media_reference"]) as? [String: Any]
        return reference?["available_range"] as? [String: Any]
    }

    /// A `RationalTime` in frames at `rate`.
    private static func frames(_ time: Any?, rate: FrameRate) -> Int {
        guard let time = time as? [String: Any], let value = (time["value"] as? NSNumber)?.doubleValue,
              let timeRate = (time["rate"] as? NSNumber)?.doubleValue, timeRate > 0
        else { return 0 }
        return rate.frames(seconds: value / timeRate)
    }
}
