import CutLists
import Foundation
import Planning
import Testing
import TestSupport

@Suite("FCPXML against Apple's DTD")
struct FCPXMLValidationTests {
    @Test("xmllint --dtdvalid FCPXMLv1_10.dtd", arguments: FrameRate.supported)
    func valid(rate: FrameRate) async throws {
        let dtd = packageRoot.appendingPathComponent("Tests/Fixtures/dtd/FCPXMLv1_10.dtd")
        try #require(FileManager.default.fileExists(atPath: dtd.path), "\(dtd.path) is missing from the checkout")
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("cut.fcpxml")
        try Data(FCPXMLWriter.render(sampleTimeline(rate)).utf8).write(to: file)
        let result = try await Program(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", "--dtdvalid", dtd.path, file.path]).run()
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("times are on the frame grid", arguments: FrameRate.supported)
    func frameGrid(rate: FrameRate) throws {
        let text = FCPXMLWriter.render(sampleTimeline(rate))
        let expected = ["24": "100/2400s", "25": "100/2500s", "23.976": "1001/24000s", "29.97": "1001/30000s"][rate.description]
        #expect(text.contains("frameDuration=\"\(try #require(expected))\""))
        let times = text.split(separator: "\"").filter { $0.hasSuffix("s") && $0.first?.isNumber == true }
        #expect(!times.isEmpty)
        for time in times {
            let parts = time.dropLast().split(separator: "/").compactMap { Int($0) }
            let (top, bottom) = (parts[0], parts.count == 2 ? parts[1] : 1)
            // seconds × rate is a whole number of frames: top × num is divisible by bottom × den.
            #expect((top * rate.num) % (bottom * rate.den) == 0, "\(time) is off the \(rate) grid")
        }
    }
}
