import CutLists
import Planning
import Testing

@Suite("Timecode")
struct TimecodeTests {
    @Test("drop-frame skips 00 and 01 each minute except every tenth", arguments: [
        (0, "00:00:00;00"), (1799, "00:00:59;29"), (1800, "00:01:00;02"), (1830, "00:01:01;02"),
        (3597, "00:01:59;29"), (3598, "00:02:00;02"), (17981, "00:09:59;29"), (17982, "00:10:00;00"),
        (17983, "00:10:00;01"), (19781, "00:10:59;29"), (19782, "00:11:00;02"), (107_892, "01:00:00;00"),
        (107_892 + 1800, "01:01:00;02"),
    ])
    func dropFrame(frame: Int, timecode: String) {
        #expect(FrameRate.videoNTSC.timecode(frame: frame) == timecode)
        #expect(FrameRate.videoNTSC.frame(timecode: timecode) == frame)
    }

    @Test("58;00 plus 90 frames is 01:01;02")
    func minuteBoundary() throws {
        let start = try #require(FrameRate.videoNTSC.frame(timecode: "00:00:58;00"))
        #expect(start == 1740)
        #expect(FrameRate.videoNTSC.timecode(frame: start + 90) == "00:01:01;02")
    }

    @Test("frame numbers drop-frame skips are not timecodes", arguments: ["00:01:00;00", "00:01:00;01", "01:59:00;01"])
    func droppedNumbers(timecode: String) {
        #expect(FrameRate.videoNTSC.frame(timecode: timecode) == nil)
    }

    @Test("tenth minutes keep 00 and 01", arguments: ["00:10:00;00", "00:20:00;01", "01:00:00;00"])
    func tenthMinutes(timecode: String) throws {
        let frame = try #require(FrameRate.videoNTSC.frame(timecode: timecode))
        #expect(FrameRate.videoNTSC.timecode(frame: frame) == timecode)
    }

    @Test("every frame of two hours round-trips at every rate", arguments: FrameRate.supported)
    func roundTrip(rate: FrameRate) {
        let failing = stride(from: 0, to: 2 * 3600 * 30, by: 7).first { rate.frame(timecode: rate.timecode(frame: $0)) != $0 }
        #expect(failing == nil)
    }

    @Test("23.976 is non-drop: 00:00:03:00 is 72 frames")
    func filmNTSC() {
        #expect(FrameRate.filmNTSC.frame(timecode: "00:00:03:00") == 72)
        #expect(FrameRate.filmNTSC.timecode(frame: 72) == "00:00:03:00")
        #expect(!FrameRate.filmNTSC.isDropFrame)
    }

    @Test("the programme starts at one hour", arguments: FrameRate.supported)
    func programmeStart(rate: FrameRate) {
        #expect(rate.timecode(frame: rate.programmeStart) == (rate.isDropFrame ? "01:00:00;00" : "01:00:00:00"))
    }

    @Test("text that is not a timecode", arguments: ["", "1:00:00", "01:00:00:24", "01:60:00:00", "aa:00:00:00", "01:00:00:0x"])
    func malformed(text: String) {
        #expect(FrameRate.film.frame(timecode: text) == nil)
    }
}
