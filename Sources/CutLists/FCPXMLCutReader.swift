import Foundation
import Planning

/// Reads an edited FCPXML (1.8 to 1.11, as Final Cut Pro and OpenTimelineIO write it):
/// the first project's spine — `asset-clip`s and `clip`s (whose `video` names the asset),
/// each with its `offset`, `duration` and markers (`value` and `note`), gaps taking record
/// time — and each asset's file, from `media-rep` (1.9 on) or `src` (1.8). Times are
/// rational seconds (`1001/30000s`), counted from the sequence's `tcStart`.
enum FCPXMLCutReader {
    static func read(_ data: Data, rate: FrameRate) throws(EditedCutError) -> EditedCut {
        let root = try CutXMLElement.parse(data, format: "FCPXML")
        guard root.name == "fcpxml", let sequence = root.descendants("sequence").first, let spine = sequence.child("spine") else {
            throw EditedCutError("not FCPXML: no sequence with a spine")
        }
        var assets: [String: String] = [:]
        for asset in root.descendants("asset") {
            guard let id = asset.attributes["id"] else { continue }
            if let src = asset.child("media-rep")?.attributes["src"] ?? asset.attributes["src"] { assets[id] = localPath(src) }
        }
        let origin = seconds(sequence.attributes["tcStart"])
        var clips: [EditedCut.Clip] = []
        var at = 0
        for item in spine.children where ["asset-clip", "clip", "gap", "video", "ref-clip"].contains(item.name) {
            let offset = item.attributes["offset"].map { rate.frames(seconds: seconds($0) - origin) } ?? at
            let length = rate.frames(seconds: seconds(item.attributes["duration"]))
            at = offset + length
            guard item.name != "gap", item.attributes["enabled"] != "0", length > 0 else { continue }
            let ref = item.attributes["ref"] ?? item.child("video")?.attributes["ref"]
            let markers = item.children("marker").map { EditedCut.Marker(name: $0.attributes["value"] ?? "", comment: $0.attributes["note"] ?? "") }
            clips.append(EditedCut.Clip(name: item.attributes["name"] ?? "", sourceFile: ref.flatMap { assets[$0] },
                                        recordIn: offset, recordOut: offset + length, markers: markers))
        }
        return EditedCut(clips: clips)
    }

    /// `1001/30000s`, `4s`, `0s` as seconds; 0 for anything else.
    static func seconds(_ text: String?) -> Double {
        guard var text, text.hasSuffix("s") else { return 0 }
        text.removeLast()
        let parts = text.split(separator: "/")
        guard let top = parts.first.flatMap({ Double($0) }) else { return 0 }
        guard parts.count == 2, let bottom = Double(parts[1]), bottom != 0 else { return parts.count == 1 ? top : 0 }
        return top / bottom
    }
}
