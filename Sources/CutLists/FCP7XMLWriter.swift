import Foundation
import Planning

/// The timeline as Final Cut Pro 7 XML (xmeml version 4), the interchange Premiere and
/// Resolve import: a sequence with its rate, timecode and the `samplecharacteristics` format
/// block Resolve requires, one clipitem per segment with its file (`file://localhost/`
/// percent-encoded path, referenced by id), cross-dissolve transition items, and a sequence
/// marker at each scene's first frame.
public enum FCP7XMLWriter {
    /// The XML text.
    public static func render(_ timeline: Timeline) -> String {
        var xml = XMLLines()
        let rate = timeline.frameRate
        xml.open("xmeml", [("version", "4")])
        xml.open("sequence", [("id", "sequence-1")])
        xml.element("name", timeline.title)
        xml.element("duration", String(timeline.totalFrames))
        writeRate(rate, to: &xml)
        writeTimecode(frame: timeline.recordStart, rate: rate, to: &xml)
        xml.element("in", "-1")
        xml.element("out", "-1")
        xml.open("media")
        xml.open("video")
        xml.open("format")
        writeSampleCharacteristics(timeline, to: &xml)
        xml.close("format")
        xml.open("track")
        for clip in timeline.clips {
            if let transition = clip.transitionIn {
                let alignment = transition.kind == .dissolve ? "start" : "start-black"
                writeTransition(from: clip.recordIn, frames: transition.frames, alignment: alignment, rate: rate, to: &xml)
            }
            writeClip(clip, timeline: timeline, to: &xml)
            if let fade = clip.fadeOut {
                writeTransition(from: clip.recordOut - fade, frames: fade, alignment: "end-black", rate: rate, to: &xml)
            }
        }
        xml.element("enabled", "TRUE")
        xml.element("locked", "FALSE")
        xml.close("track")
        xml.close("video")
        if timeline.hasAudio {
            // With sound: the segments' WAVs (stereo) on audio tracks 1 and 2, left and right.
            xml.open("audio")
            xml.element("numOutputChannels", "2")
            for channel in 1...2 {
                xml.open("track")
                for clip in timeline.clips { writeAudioClip(clip, channel: channel, timeline: timeline, to: &xml) }
                xml.element("enabled", "TRUE")
                xml.element("locked", "FALSE")
                xml.close("track")
            }
            xml.close("audio")
        }
        xml.close("media")
        for marker in timeline.markers {
            xml.open("marker")
            xml.element("name", marker.name)
            xml.element("comment", marker.comment)
            xml.element("in", String(marker.frame))
            xml.element("out", "-1")
            xml.close("marker")
        }
        xml.close("sequence")
        xml.close("xmeml")
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xmeml>\n" + xml.lines.joined(separator: "\n") + "\n"
    }

    private static func writeClip(_ clip: TimelineClip, timeline: Timeline, to xml: inout XMLLines) {
        let rate = timeline.frameRate
        openClipItem(id: "clipitem-\(clip.name)", name: clip.name.rawValue, clip: clip, rate: rate, to: &xml)
        xml.open("file", [("id", "file-\(clip.name)")])
        xml.element("name", clip.media.lastPathComponent)
        xml.element("pathurl", "file://localhost" + XMLText.percentEncodedPath(clip.media))
        writeRate(rate, to: &xml)
        xml.element("duration", String(clip.segment.frames))
        writeTimecode(frame: 0, rate: rate, to: &xml)
        xml.open("media")
        xml.open("video")
        writeSampleCharacteristics(timeline, to: &xml)
        xml.close("video")
        xml.close("media")
        xml.close("file")
        xml.close("clipitem")
    }

    /// A segment's WAV as a clipitem on audio track `channel`; the file is described once,
    /// on track 1, and referred to by its id on track 2.
    private static func writeAudioClip(_ clip: TimelineClip, channel: Int, timeline: Timeline, to xml: inout XMLLines) {
        guard let audio = clip.audioMedia else { return }
        let rate = timeline.frameRate
        openClipItem(id: "clipitem-\(clip.name)-a\(channel)", name: audio.lastPathComponent, clip: clip, rate: rate, to: &xml)
        if channel == 1 {
            xml.open("file", [("id", "file-\(clip.name)-audio")])
            xml.element("name", audio.lastPathComponent)
            xml.element("pathurl", "file://localhost" + XMLText.percentEncodedPath(audio))
            writeRate(rate, to: &xml)
            xml.element("duration", String(clip.segment.frames))
            xml.open("media")
            xml.open("audio")
            xml.element("channelcount", "2")
            xml.open("samplecharacteristics")
            xml.element("depth", "16")
            xml.element("samplerate", "48000")
            xml.close("samplecharacteristics")
            xml.close("audio")
            xml.close("media")
            xml.close("file")
        } else {
            xml.open("file", [("id", "file-\(clip.name)-audio")])
            xml.close("file")
        }
        xml.open("sourcetrack")
        xml.element("mediatype", "audio")
        xml.element("trackindex", String(channel))
        xml.close("sourcetrack")
        xml.close("clipitem")
    }

    /// Opens a clipitem and writes what a video and an audio clip share: its name, its
    /// length and where it sits on the record and source sides.
    private static func openClipItem(id: String, name: String, clip: TimelineClip, rate: FrameRate,
                                     to xml: inout XMLLines) {
        xml.open("clipitem", [("id", id)])
        xml.element("name", name)
        xml.element("enabled", "TRUE")
        xml.element("duration", String(clip.segment.frames))
        writeRate(rate, to: &xml)
        xml.element("start", String(clip.recordIn))
        xml.element("end", String(clip.recordOut))
        xml.element("in", String(clip.sourceIn))
        xml.element("out", String(clip.sourceOut))
    }

    private static func writeTransition(from start: Int, frames: Int, alignment: String, rate: FrameRate,
                                        to xml: inout XMLLines) {
        xml.open("transitionitem")
        writeRate(rate, to: &xml)
        xml.element("start", String(start))
        xml.element("end", String(start + frames))
        xml.element("alignment", alignment)
        xml.open("effect")
        xml.element("name", "Cross Dissolve")
        xml.element("effectid", "Cross Dissolve")
        xml.element("effectcategory", "Dissolve")
        xml.element("effecttype", "transition")
        xml.element("mediatype", "video")
        xml.close("effect")
        xml.close("transitionitem")
    }

    /// `<rate><timebase>24</timebase><ntsc>TRUE</ntsc></rate>` (23.976 and 29.97 are NTSC).
    private static func writeRate(_ rate: FrameRate, to xml: inout XMLLines) {
        xml.open("rate")
        xml.element("timebase", String(rate.timecodeBase))
        xml.element("ntsc", rate.den == 1 ? "FALSE" : "TRUE")
        xml.close("rate")
    }

    private static func writeTimecode(frame: Int, rate: FrameRate, to xml: inout XMLLines) {
        xml.open("timecode")
        writeRate(rate, to: &xml)
        xml.element("string", rate.timecode(frame: frame))
        xml.element("frame", String(frame))
        xml.element("displayformat", rate.isDropFrame ? "DF" : "NDF")
        xml.close("timecode")
    }

    private static func writeSampleCharacteristics(_ timeline: Timeline, to xml: inout XMLLines) {
        xml.open("samplecharacteristics")
        writeRate(timeline.frameRate, to: &xml)
        xml.element("width", String(timeline.width))
        xml.element("height", String(timeline.height))
        xml.element("anamorphic", "FALSE")
        xml.element("pixelaspectratio", "square")
        xml.element("fielddominance", "none")
        xml.close("samplecharacteristics")
    }
}
