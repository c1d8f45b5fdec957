import CutLists
import Foundation
import Planning
import Testing

@Suite("The frame that stands for each shot")
struct ShotFrameTests {
    @Test("one per shot, the middle of its first segment, captioned with ID and record in", arguments: sampleRates)
    func shotFrames(rateName: String, rate: FrameRate) {
        let timeline = sampleTimeline(rate)
        let frames = timeline.shotFrames
        let shots = timeline.clipsByShot
        #expect(frames.map(\.shotID) == samplePlan(rate).shots.map(\.id))
        #expect(shots.flatMap { $0 } == timeline.clips)
        for (frame, clips) in zip(frames, shots) {
            #expect(frame.clip == clips[0])
            #expect(frame.frame == clips[0].frames / 2 && frame.frame < clips[0].frames)
            #expect(frame.caption == "\(frame.shotID)  \(timeline.recordTimecode(clips[0].recordIn))")
        }
        // The 12-second shot is cut in two segments: its frame is in the first one.
        #expect(shots.contains { $0.count == 2 })
    }

    @Test("at 29.97 the caption's timecode is drop-frame")
    func dropFrameCaption() throws {
        let timeline = sampleTimeline(.videoNTSC)
        let frames = timeline.shotFrames
        #expect(frames[0].recordIn == "00:00:58;00")
        // The second shot starts after the first's 90 frames, past the minute: 00:01:01;02.
        let second = try #require(frames.dropFirst().first)
        #expect(second.recordIn == "00:01:01;02")
        #expect(second.caption.hasSuffix("  00:01:01;02"))
    }
}
