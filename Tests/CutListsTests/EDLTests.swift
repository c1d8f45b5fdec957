import CutLists
import Foundation
import Planning
import Testing

@Suite("CMX 3600 EDL")
struct EDLTests {
    @Test("header, then a blank line, then event 001: no byte-order mark, no note", arguments: EDLFlavor.allCases)
    func header(flavor: EDLFlavor) {
        let lines = EDLWriter.render(sampleTimeline(.film), flavor: flavor).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "TITLE: CUT TEST")
        #expect(lines[1] == "FCM: NON-DROP FRAME")
        #expect(lines[2] == "")
        #expect(lines[3].hasPrefix("001  "))
        #expect(lines[0].utf8.first == UInt8(ascii: "T"))
    }

    @Test("event lines have fixed columns and drop-frame timecode at 29.97")
    func columns() {
        let text = EDLWriter.render(sampleTimeline(.videoNTSC))
        #expect(text.contains("FCM: DROP FRAME\n"))
        let events = text.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(!events.isEmpty)
        for line in events {
            let characters = Array(line)
            #expect(characters.count == 29 + 4 * 12 - 1, "\(line)")
            #expect(String(characters[3..<5]) == "  " && characters[13] == " " && String(characters[14..<20]) == "V     ", "\(line)")
            #expect(line.split(separator: " ").suffix(4).allSatisfy { $0.count == 11 && $0.dropFirst(8).first == ";" }, "\(line)")
        }
        #expect(text.contains("001  1A1      V     C        00:00:00;00 00:00:03;00 00:00:58;00 00:01:01;02\n"))
    }

    @Test("every event names its clip; dissolves and fades take two lines")
    func events() {
        let text = EDLWriter.render(sampleTimeline(.film))
        let lines = text.split(separator: "\n").map(String.init)
        let numbers = Set(lines.filter { $0.first?.isNumber == true }.map { String($0.prefix(3)) })
        for number in numbers {
            let index = lines.lastIndex { $0.hasPrefix(number) }!
            #expect(lines[index + 1].hasPrefix("* FROM CLIP NAME: "), "event \(number)")
        }
        // The opening FADE IN: is a cut (OpenTimelineIO refuses a transition at the start).
        #expect(lines.contains("001  1A1      V     C        00:00:00:00 00:00:03:00 01:00:00:00 01:00:03:00"))
        #expect(lines.contains("003  1B1      V     C        00:00:03:00 00:00:03:00 01:00:06:00 01:00:06:00"))
        #expect(lines.contains { $0.hasPrefix("003  2A1      V     D 024    00:00:00:00 ") })
        #expect(lines.contains { $0.hasPrefix("006  BL       V     D 024    00:00:00:00 00:00:01:00 ") })
        #expect(lines.contains("* LOC: 01:00:06:00 RED     Scene 2 INT. BAR - NIGHT"))
    }

    @Test("flavours: Premiere takes AX and no paths; Avid and Resolve unique reels and a path comment")
    func flavours() {
        let timeline = sampleTimeline(.film)
        let premiere = EDLWriter.render(timeline, flavor: .premiere)
        #expect(!premiere.contains("* FROM FILE:") && !premiere.contains("* FROM CLIP:"))
        #expect(premiere.contains("003  AX       V     D 024"))
        #expect(EDLWriter.render(timeline, flavor: .avid).contains("* FROM CLIP: /projects/cut test/cut.media/1A-1.mp4"))
        #expect(EDLWriter.render(timeline, flavor: .resolve).contains("* FROM FILE: /projects/cut test/cut.media/1A-1.mp4"))
    }
}
