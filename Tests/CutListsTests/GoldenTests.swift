import CutLists
import Foundation
import Planning
import Testing
import TestSupport

/// Every writer's output for the sample at every rate, compared with the files in
/// `Golden/<rate>/`. `ANIMATIC_RECORD=1` rewrites them; review the diff.
@Suite("Golden cut lists")
struct GoldenTests {
    static let cases = sampleRates.flatMap { rate in CutListFormat.textFormats.map { (rate.name, $0) } }

    @Test("the sample's cut lists", arguments: cases)
    func golden(rateName: String, format: CutListFormat) throws {
        let rate = try #require(FrameRate(rateName))
        let text = try #require(format.render(sampleTimeline(rate), thumbnails: ["1A": "frames/1A.png"]))
        let url = packageRoot.appendingPathComponent("Tests/CutListsTests/Golden/\(rateName)/cut.\(format.fileExtension)")
        guard let expected = try Golden.expected(text, at: url) else { return }
        #expect(text == expected, "\(url.path) differs: re-record with ANIMATIC_RECORD=1 and review the diff")
    }

    @Test("writers are deterministic", arguments: CutListFormat.textFormats)
    func deterministic(format: CutListFormat) {
        #expect(format.render(sampleTimeline(.videoNTSC)) == format.render(sampleTimeline(.videoNTSC)))
    }

    @Test("the contact sheet is the one format without text")
    func sheetHasNoText() {
        #expect(CutListFormat.sheet.render(sampleTimeline(.film)) == nil)
        #expect(CutListFormat.sheet.fileExtension == "contact.png")
    }
}
