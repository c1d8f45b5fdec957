import Foundation
import Planning

/// The timeline as FCPXML 1.10 for Final Cut Pro, valid against Apple's DTD: a format
/// with the rate's `frameDuration`, one asset per segment file with its `media-rep`, and
/// a project whose spine holds an `asset-clip` per segment (scene markers inside),
/// cross-dissolve transitions, and every time a rational number of seconds on the frame grid.
/// With sound, each segment's WAV is an audio asset connected under its clip on lane -1.
public enum FCPXMLWriter {
    /// Final Cut Pro's Cross Dissolve.
    static let crossDissolveUID = "FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265"

    /// The XML text.
    public static func render(_ timeline: Timeline) -> String {
        let time = FCPXMLTime(rate: timeline.frameRate)
        let tcFormat = timeline.frameRate.isDropFrame ? "DF" : "NDF"
        let hasTransitions = timeline.clips.contains { $0.transitionIn != nil || $0.fadeOut != nil }
        var xml = XMLLines()
        xml.open("fcpxml", [("version", "1.10")])
        xml.open("resources")
        xml.empty("format", [("id", "r1"), ("frameDuration", time.frameDuration), ("width", String(timeline.width)),
                             ("height", String(timeline.height)), ("colorSpace", "1-1-1 (Rec. 709)")])
        if hasTransitions {
            xml.empty("effect", [("id", "r2"), ("name", "Cross Dissolve"), ("uid", crossDissolveUID)])
        }
        for clip in timeline.clips {
            xml.open("asset", [("id", assetID(clip)), ("name", clip.name.rawValue), ("start", "0s"),
                               ("duration", time.seconds(clip.segment.frames)), ("hasVideo", "1"), ("format", "r1"),
                               ("videoSources", "1")])
            xml.empty("media-rep", [("kind", "original-media"), ("src", clip.media.absoluteString)])
            xml.close("asset")
        }
        for clip in timeline.clips {
            guard let audio = clip.audioMedia else { continue }
            xml.open("asset", [("id", audioAssetID(clip)), ("name", audio.lastPathComponent), ("start", "0s"),
                               ("duration", time.seconds(clip.segment.frames)), ("hasAudio", "1"), ("audioSources", "1"),
                               ("audioChannels", "2"), ("audioRate", "48000")])
            xml.empty("media-rep", [("kind", "original-media"), ("src", audio.absoluteString)])
            xml.close("asset")
        }
        xml.close("resources")
        xml.open("library")
        xml.open("event", [("name", timeline.title)])
        xml.open("project", [("name", timeline.title)])
        xml.open("sequence", [("format", "r1"), ("duration", time.seconds(timeline.totalFrames)),
                              ("tcStart", time.seconds(timeline.recordStart)), ("tcFormat", tcFormat)])
        xml.open("spine")
        for clip in timeline.clips {
            if let transition = clip.transitionIn {
                writeTransition(at: timeline.recordStart + clip.recordIn, frames: transition.frames, time: time, to: &xml)
            }
            xml.open("asset-clip", [("ref", assetID(clip)), ("offset", time.seconds(timeline.recordStart + clip.recordIn)),
                                    ("name", clip.name.rawValue), ("start", time.seconds(clip.sourceIn)),
                                    ("duration", time.seconds(clip.frames)), ("tcFormat", tcFormat)])
            if clip.audioMedia != nil {
                // The segment's sound, connected below its picture on lane -1.
                xml.empty("asset-clip", [("ref", audioAssetID(clip)), ("lane", "-1"), ("offset", time.seconds(clip.sourceIn)),
                                         ("name", clip.name.rawValue + " audio"), ("start", "0s"), ("duration", time.seconds(clip.frames)),
                                         ("audioRole", "dialogue")])
            }
            for marker in timeline.markers where marker.frame == clip.recordIn {
                xml.empty("marker", [("start", time.seconds(clip.sourceIn)), ("duration", time.seconds(1)),
                                     ("value", marker.name), ("note", marker.comment)])
            }
            xml.close("asset-clip")
            if let fade = clip.fadeOut {
                writeTransition(at: timeline.recordStart + clip.recordOut - fade, frames: fade, time: time, to: &xml)
            }
        }
        xml.close("spine")
        xml.close("sequence")
        xml.close("project")
        xml.close("event")
        xml.close("library")
        xml.close("fcpxml")
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n" + xml.lines.joined(separator: "\n") + "\n"
    }

    private static func assetID(_ clip: TimelineClip) -> String { "a-" + clip.name.rawValue }
    private static func audioAssetID(_ clip: TimelineClip) -> String { "w-" + clip.name.rawValue }

    private static func writeTransition(at frame: Int, frames: Int, time: FCPXMLTime, to xml: inout XMLLines) {
        xml.open("transition", [("name", "Cross Dissolve"), ("offset", time.seconds(frame)), ("duration", time.seconds(frames))])
        xml.empty("filter-video", [("ref", "r2"), ("name", "Cross Dissolve")])
        xml.close("transition")
    }
}

/// FCPXML's rational seconds on a rate's frame grid: `frameDuration` is `100/2400s` at 24,
/// `100/2500s` at 25, `1001/24000s` at 23.976 and `1001/30000s` at 29.97.
struct FCPXMLTime {
    let numerator: Int
    let denominator: Int

    init(rate: FrameRate) {
        if rate.den == 1 {
            (numerator, denominator) = (100, rate.num * 100)
        } else {
            (numerator, denominator) = (rate.den, rate.num)
        }
    }

    /// One frame, unreduced, as Final Cut Pro writes it: `100/2400s`, `1001/24000s`.
    var frameDuration: String { "\(numerator)/\(denominator)s" }

    /// `frames` frames as `N/Ds`, reduced, or `Ns` when whole.
    func seconds(_ frames: Int) -> String {
        guard frames != 0 else { return "0s" }
        var (top, bottom) = (frames * numerator, denominator)
        var (a, b) = (top, bottom)
        while b != 0 { (a, b) = (b, a % b) }
        top /= a
        bottom /= a
        return bottom == 1 ? "\(top)s" : "\(top)/\(bottom)s"
    }
}
