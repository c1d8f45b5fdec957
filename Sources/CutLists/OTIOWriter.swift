import Foundation
import Planning

/// The timeline as OpenTimelineIO JSON (`.otio`): `Timeline.1` → `Stack.1` → one video
/// `Track.1` of `Clip.2` with `ExternalReference.1` media (always with `available_range`),
/// `Transition.1` for dissolves and fades (a zero-length `Gap.1` stands for black), scene
/// markers on the stack, and each clip's shot under the `animatic` metadata key.
public enum OTIOWriter {
    /// The `.otio` text.
    public static func render(_ timeline: Timeline) -> String {
        let writer = Writer(rate: timeline.frameRate)
        var children: [JSONText] = []
        for clip in timeline.clips {
            if let transition = clip.transitionIn {
                if transition.kind == .fadeFromBlack { children.append(writer.gap()) }
                children.append(writer.transition(transition.text, into: 0, out: transition.frames))
            }
            children.append(writer.clip(clip, shot: clip.shot))
            if let fade = clip.fadeOut {
                children.append(writer.transition(clip.shot.transitionOut?.text ?? "FADE OUT", into: fade, out: 0))
                children.append(writer.gap())
            }
        }
        let track = writer.item("Track.1", name: "V1", extra: [
            ("children", .array(children)), ("kind", .string("Video")), ("markers", .array([])),
        ])
        // With sound: an audio track of each segment's WAV at the same record frames.
        let audio = timeline.clips.compactMap { clip in clip.audioMedia.map { writer.clip(clip, shot: clip.shot, media: $0) } }
        let audioTrack = writer.item("Track.1", name: "A1", extra: [
            ("children", .array(audio)), ("kind", .string("Audio")), ("markers", .array([])),
        ])
        let stack = writer.item("Stack.1", name: "tracks", extra: [
            ("children", .array(audio.isEmpty ? [track] : [track, audioTrack])),
            ("markers", .array(timeline.markers.map(writer.marker))),
        ])
        let root = JSONText.object([
            ("OTIO_SCHEMA", .string("Timeline.1")),
            ("metadata", .object([])),
            ("name", .string(timeline.title)),
            ("global_start_time", writer.time(timeline.recordStart)),
            ("tracks", stack),
        ])
        return root.rendered() + "\n"
    }
}

/// The OTIO objects, at one rate.
private struct Writer {
    let rate: FrameRate

    func time(_ frames: Int) -> JSONText {
        .object([("OTIO_SCHEMA", .string("RationalTime.1")), ("rate", .double(Double(rate.num) / Double(rate.den))),
                 ("value", .double(Double(frames)))])
    }

    func range(_ start: Int, _ frames: Int) -> JSONText {
        .object([("OTIO_SCHEMA", .string("TimeRange.1")), ("duration", time(frames)), ("start_time", time(start))])
    }

    /// A composable with the members every item has, then `extra`.
    func item(_ schema: String, name: String, sourceRange: JSONText = .null, metadata: JSONText = .object([]),
              extra: [(String, JSONText)]) -> JSONText {
        .object([("OTIO_SCHEMA", .string(schema)), ("metadata", metadata), ("name", .string(name)),
                 ("source_range", sourceRange), ("effects", .array([])), ("enabled", .bool(true))] + extra)
    }

    /// The clip, playing `media` (its own, unless told: the audio track's WAV).
    func clip(_ clip: TimelineClip, shot: Shot, media: URL? = nil) -> JSONText {
        let media = media ?? clip.media
        let reference = JSONText.object([
            ("OTIO_SCHEMA", .string("ExternalReference.1")),
            ("metadata", .object([])),
            ("name", .string(media.lastPathComponent)),
            ("available_range", range(0, clip.segment.frames)),
            ("available_image_bounds", .null),
            ("target_url", .string(media.absoluteString)),
        ])
        let animatic = JSONText.object([
            ("id", .string(clip.segment.id.rawValue)),
            ("shot", .string(shot.id.rawValue)),
            ("scene", .string(shot.scene)),
            ("size", .string(shot.size.abbreviation)),
            ("angle", .string(shot.angle.english)),
            ("move", .string(shot.move.english(shot.direction))),
            ("characters", .array(shot.characters.map(JSONText.string))),
            ("prompt", .string(clip.segment.prompt)),
            ("seed", .int(clip.segment.seed)),
        ])
        return item("Clip.2", name: clip.name.rawValue, sourceRange: range(clip.sourceIn, clip.frames),
                    metadata: .object([("animatic", animatic)]), extra: [
            ("markers", .array([])),
            ("media_references", .object([("DEFAULT_MEDIA", reference)])),
            ("active_media_reference_key", .string("DEFAULT_MEDIA")),
        ])
    }

    /// A cross-dissolve `into` frames before the cut and `out` frames after it.
    func transition(_ name: String, into: Int, out: Int) -> JSONText {
        .object([("OTIO_SCHEMA", .string("Transition.1")), ("metadata", .object([])), ("name", .string(name)),
                 ("transition_type", .string("SMPTE_Dissolve")), ("in_offset", time(into)), ("out_offset", time(out))])
    }

    /// Black of no length, the far side of a fade.
    func gap() -> JSONText {
        item("Gap.1", name: "BLACK", sourceRange: range(0, 0), extra: [("markers", .array([]))])
    }

    func marker(_ marker: TimelineMarker) -> JSONText {
        .object([("OTIO_SCHEMA", .string("Marker.2")), ("metadata", .object([("animatic", .object([("scene", .string(marker.scene))]))])),
                 ("name", .string(marker.name)), ("color", .string("RED")), ("comment", .string(marker.comment)),
                 ("marked_range", range(marker.frame, 0))])
    }
}
