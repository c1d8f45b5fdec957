import CutLists
import Foundation
import Planning
import Testing

/// Our own cut lists read back by `EditedCut`: every segment in order with its full length
/// (dissolves and fades included), its media file, and no marker of our own on a clip —
/// so an unedited export imports as no change. Then what NLEs add that we do not write.
@Suite("Edited cuts read back")
struct EditedCutTests {
    static let cases = sampleRates.flatMap { rate in [CutListFormat.edl, .fcp7, .fcpxml, .otio].map { (rate.name, $0) } }

    @Test("our own export reads back as the timeline", arguments: cases)
    func ownExport(rateName: String, format: CutListFormat) throws {
        let rate = try #require(FrameRate(rateName))
        let timeline = sampleTimeline(rate)
        let text = try #require(format.render(timeline))
        let cut = try EditedCut.read(Data(text.utf8), format: format, rate: rate)
        #expect(cut.clips.map(\.frames) == timeline.clips.map(\.frames))
        #expect(cut.clips.map(\.recordIn) == timeline.clips.map(\.recordIn))
        #expect(cut.clips.map { ($0.sourceFile as NSString?)?.lastPathComponent } == timeline.clips.map(\.media.lastPathComponent))
        #expect(cut.clips.allSatisfy { clip in clip.markers.allSatisfy { $0.name.hasPrefix("Scene ") } })
    }

    @Test func premiereMarkersWithCommentsAndClipItemsBesideTransitions() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xmeml version="5"><sequence id="s"><rate><timebase>24</timebase><ntsc>FALSE</ntsc></rate>
            <media><video><track>
            <clipitem id="a"><name>1A-1</name><start>0</start><end>48</end><in>0</in><out>48</out>
              <file id="f1"><name>1A-1.mp4</name><pathurl>file://localhost/films/my%20film.media/1A-1.mp4</pathurl></file>
              <marker><name>Marker 1</name><comment>too dark</comment><in>10</in><out>-1</out></marker></clipitem>
            <transitionitem><start>40</start><end>56</end></transitionitem>
            <clipitem id="b"><name>1B-1</name><start>-1</start><end>-1</end><in>0</in><out>30</out><file id="f1"/></clipitem>
            </track></video></media>
            <marker><name>Scene 1</name><comment>EXT. HARBOR</comment><in>0</in><out>-1</out></marker>
            </sequence></xmeml>
            """
        let cut = try EditedCut.read(Data(xml.utf8), format: .fcp7, rate: .film)
        #expect(cut.clips.map(\.recordIn) == [0, 48])
        #expect(cut.clips.map(\.frames) == [48, 30])
        #expect(cut.clips.map(\.sourceFile) == ["/films/my film.media/1A-1.mp4", "/films/my film.media/1A-1.mp4"])
        #expect(cut.clips[0].markers.map(\.text) == ["too dark"])
        #expect(cut.markers == [EditedCut.Marker(name: "Scene 1", comment: "EXT. HARBOR", frame: 0)])
    }

    @Test func finalCutMarkerNotesAndTimesFromTcStart() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE fcpxml>
            <fcpxml version="1.11"><resources>
            <asset id="r2" name="2A-1"><media-rep kind="original-media" src="file:///f/film.media/2A-1.take3.mp4"/></asset>
            </resources><library><event><project name="p">
            <sequence tcStart="3600s" duration="5s"><spine>
            <gap offset="3600s" duration="1s"/>
            <asset-clip ref="r2" offset="3601s" name="2A-1" start="0s" duration="1001/1000s">
              <marker start="1/2s" duration="1/24s" value="Marker" note="slower"/></asset-clip>
            </spine></sequence></project></event></library></fcpxml>
            """
        let cut = try EditedCut.read(Data(xml.utf8), format: .fcpxml, rate: .film)
        #expect(cut.clips == [EditedCut.Clip(name: "2A-1", sourceFile: "/f/film.media/2A-1.take3.mp4", recordIn: 24, recordOut: 48,
                                             markers: [EditedCut.Marker(name: "Marker", comment: "slower")])])
    }

    @Test func edlWithAvidSourceFilesAndLocatorsAfterTheirEvent() throws {
        let edl = """
            TITLE: CUT
            FCM: NON-DROP FRAME

            001  1A1      V     C        00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00
            * FROM CLIP NAME: 1A-1.mp4
            * SOURCE FILE: /f/film.media/1A-1.mp4
            * LOC: 01:00:01:00 YELLOW  MORE FOG
            002  1A1      V     C        00:00:02:00 00:00:02:00 01:00:02:00 01:00:02:00
            002  BL       V     D 012    00:00:00:00 00:00:00:12 01:00:02:00 01:00:02:12
            003  AX       A     C        00:00:00:00 00:00:01:00 01:00:02:12 01:00:03:12

            """
        let cut = try EditedCut.read(Data(edl.utf8), format: .edl, rate: .film)
        #expect(cut.clips.count == 1)
        #expect(cut.clips.first?.frames == 60)   // the fade to black is the clip's
        #expect(cut.clips.first?.sourceFile == "/f/film.media/1A-1.mp4")
        #expect(cut.clips.first?.markers.map(\.text) == ["MORE FOG"])
    }

    @Test("text that is not the format is an error", arguments: [CutListFormat.edl, .fcp7, .fcpxml, .otio])
    func notTheFormat(format: CutListFormat) {
        #expect(throws: EditedCutError.self) {
            try EditedCut.read(Data("hello".utf8), format: format, rate: .film)
        }
    }
}
