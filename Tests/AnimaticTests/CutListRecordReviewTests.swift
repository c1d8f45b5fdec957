import Foundation
import Testing

/// The cut lists are made again when what the storyboard page shows from the review file
/// changes, though the plan and the clips do not.
@Suite("cut lists: a changed review mark is not a no-op")
struct CutListRecordReviewTests {
    @Test("a status and a note added to the review file reach the storyboard page of the next build")
    func reviewMarksRerenderTheStoryboard() async throws {
        let project = try await ReviewServeTests.builtSample()
        let before = try TakesBuildTests.text(project, "film.storyboard.html")
        #expect(!before.contains(#"<p class="status approved">"#))
        // Approving a shot and noting it changes no shot, so the video is up to date.
        try Data("shots:\n  2A:\n    status: approved\n    notes:\n      - text: lovely\n".utf8).write(to: project.reviewFile)
        let rebuilt = try await project.run(["build", "film.fountain", "--quiet"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let after = try TakesBuildTests.text(project, "film.storyboard.html")
        #expect(after.contains(#"<p class="status approved">Approved</p>"#), "\(after)")
        #expect(after.contains("lovely"))
    }
}
