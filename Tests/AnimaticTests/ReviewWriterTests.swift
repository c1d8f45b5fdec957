@testable import Animatic
import Foundation
import Testing

/// Edits of a review file's text at its marks: comments, order and quoting survive.
@Suite("review file: writing changes")
struct ReviewWriterTests {
    static let file = """
        # Review of The Last Pour, first cut
        shots:
          2C:                        # Anna comes in
            pick: 2
            status: needs-work       # or approved
            notes:
              - text: Her entrance is too abrupt
                by: director           # optional
                at: 2026-12-07T10:00Z  # optional
              - text: closer
            revise:
              prompt_remove: [sudden]
              seed: 1234

          # the kettle shot
          1C:
            notes:
              - text: 太暗了，亮一点
          9Z:
            status: approved

        """

    @Test func debugDump() throws {
        var one = ReviewChange(shotID: "2C")
        one.fields = [("prompt_add", .text("she steps in slowly")), ("prompt_remove", .list(["sudden", "suddenly"])), ("size", .text("MCU"))]
        one.appliedNotes = [0, 1]
        var two = ReviewChange(shotID: "1C")
        two.fields = [("prompt_add", .text("画面更明亮")), ("negative_add", .text("曝光不足"))]
        two.appliedNotes = [0]
        let text = try ReviewWriter.apply([one, two], to: Self.file)
        print(text)
    }
}
