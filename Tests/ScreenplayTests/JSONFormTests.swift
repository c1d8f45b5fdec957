import Foundation
import JSONForms
import Testing
@testable import Screenplay

@Suite("JSON form")
struct JSONFormTests {
    static let script = """
    Title: Test

    INT. HOUSE - DAY #4#

    [[shot: CU Anna; duration: 2.5s]]
    Anna *waits*.

    ANNA (V.O.)
    (quietly)
    Hello.

    BOB ^
    Hi.

    CUT TO:

    > THE END <
    """

    @Test func everyElementHasAType() throws {
        let data = try ScreenplayDocument(parse(Self.script)).jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let scenes = try #require(object["scenes"] as? [[String: Any]])
        #expect(scenes.count == 2)
        #expect(scenes[0]["heading"] is NSNull)
        let heading = try #require(scenes[1]["heading"] as? [String: Any])
        #expect(heading["type"] as? String == "heading")
        #expect(heading["sceneNumber"] as? String == "4")
        let elements = try #require(scenes[1]["elements"] as? [[String: Any]])
        #expect(elements.compactMap { $0["type"] as? String } == ["annotation", "action", "dialogue", "dialogue", "transition", "centered"])
        for element in elements { #expect(element["range"] is [String: Any]) }
        let dialogue = elements[2]
        #expect(dialogue["character"] as? String == "ANNA")
        #expect(dialogue["extension"] as? String == "V.O.")
        #expect(dialogue["dual"] as? Bool == true)
        let lines = try #require(dialogue["lines"] as? [[String: Any]])
        #expect(lines.compactMap { $0["type"] as? String } == ["parenthetical", "text"])
        let annotation = elements[0]
        #expect((annotation["duration"] as? [String: Any])?["milliseconds"] as? Int == 2500)
        let valueRanges = try #require(annotation["valueRanges"] as? [String: [String: [String: Int]]])
        #expect(valueRanges.keys.sorted() == ["duration", "shot"])
        #expect(valueRanges["shot"]?["start"]?["column"] == 9 && valueRanges["shot"]?["end"]?["column"] == 16)
        #expect(valueRanges["duration"]?["start"]?["line"] == 5 && valueRanges["duration"]?["start"]?["column"] == 28)
        let actionLines = try #require(elements[1]["lines"] as? [Any])
        let runs = try #require(actionLines.first as? [[String: Any]])
        #expect(runs.map { $0["text"] as? String } == ["Anna ", "waits", "."])
        #expect(runs[1]["style"] as? [String] == ["italic"])
    }

    @Test func roundTripsAndIsDeterministic() throws {
        let result = parse(Self.script)
        let data = try ScreenplayDocument(result).jsonData()
        #expect(try ScreenplayDocument(result).jsonData() == data)
        let decoded = try JSONDecoder().decode(ScreenplayDocument.self, from: data)
        #expect(decoded.scenes == result.screenplay.scenes)
        #expect(decoded.titlePage == result.screenplay.titlePage)
    }
}
