import Foundation
import Media
import Testing
import TestSupport

/// Quality control's analysis fed the frames as they are encoded (the renderer's drawn
/// frames, the conformer's conformed ones) agrees with the same analysis of the written
/// file, decoded: the house encoder changes the picture too little to move any measure
/// across a limit. Tolerances: the lengths within a frame, the scene change and flicker
/// within a tenth (plus a little for figures near 0), blur within 15%: at 320×180, where
/// the blur measure sees every pixel, the house encode softens the picture and the file
/// measures 7–12% blurrier than the frames it was made from.
@Suite("clip analysis of frames as they are encoded")
struct FrameAnalysisTests {
    static let format = HouseFormat(width: 320, height: 180, frameRate: Rational(24))

    static func expectAgreement(_ taken: ClipMeasures?, _ decoded: ClipMeasures, _ what: String) throws {
        let taken = try #require(taken, "\(what): no measures taken")
        let frame = 1.0 / 24 + 1e-9
        #expect(taken.frames == decoded.frames && taken.width == decoded.width && taken.height == decoded.height, "\(what)")
        #expect(taken.seconds == decoded.seconds, "\(what)")
        #expect(abs(taken.blackSeconds - decoded.blackSeconds) <= frame, "\(what): \(taken) vs \(decoded)")
        #expect(abs(taken.frozenSeconds - decoded.frozenSeconds) <= frame, "\(what): \(taken) vs \(decoded)")
        #expect(abs(taken.sceneChange - decoded.sceneChange) <= 0.1 * decoded.sceneChange + 0.5, "\(what): \(taken) vs \(decoded)")
        if decoded.sceneChange > 10 { #expect(abs(taken.sceneChangeAt - decoded.sceneChangeAt) <= frame, "\(what)") }
        #expect(abs(taken.flicker - decoded.flicker) <= 0.1 * decoded.flicker + 0.2, "\(what): \(taken) vs \(decoded)")
        #expect(abs(taken.blur - decoded.blur) <= 0.15 * decoded.blur, "\(what): \(taken) vs \(decoded)")
    }

    @Test(arguments: [
        ("clean", "testsrc2=s=320x180:r=24"),
        ("black", "testsrc2=s=320x180:r=24,geq=lum='if(lt(T,1),lum(X,Y),16)':cb=128:cr=128"),
        ("flicker", "testsrc2=s=320x180:r=24,eq=brightness='if(mod(n,2),0.2,-0.2)':eval=frame"),
        ("blur", "testsrc2=s=320x180:r=24,gblur=sigma=6"),
        ("cut", "testsrc2=s=320x180:r=24,hue=h='if(lt(t,1.5),0,180)':b='if(lt(t,1.5),0,-4)'"),
    ])
    func theRenderersFramesMeasureAsItsFileDoes(name: String, graph: String) throws {
        let directory = try Scratch()
        let clip = directory.file("clip.mp4")
        let taken = try FilterGraphRenderer(format: Self.format).render(graph: graph, frames: 72, to: clip, analysing: true)
        try Self.expectAgreement(taken, try ClipAnalysis.measure(clip), name)
    }

    @Test func aHeldPictureIsMeasuredForEveryFrameItIsHeld() throws {
        let directory = try Scratch()
        let clip = directory.file("still.mp4")
        let taken = try FilterGraphRenderer(format: Self.format).renderStill(
            graph: "testsrc2=s=320x180:r=24", frames: 100, to: clip, analysing: true)
        let decoded = try ClipAnalysis.measure(clip)
        try Self.expectAgreement(taken, decoded, "still")
        #expect(taken?.frames == 100 && abs((taken?.frozenSeconds ?? 0) - 100.0 / 24) < 1e-9, "\(String(describing: taken))")
    }

    @Test func theConformersFramesMeasureAsItsFileDoes() async throws {
        let directory = try Scratch()
        // A foreign clip: 4:3, 30 fps, short, cut halfway: pillarboxed, resampled, its last frame held.
        try await makeInput(
            ["-f", "lavfi", "-i", "testsrc2=s=320x240:r=30,hue=h='if(lt(t,1),0,180)':b='if(lt(t,1),0,-4)'",
             "-frames:v", "60", "-c:v", "libx264", "-pix_fmt", "yuv420p", "foreign.mp4"], in: directory)
        let clip = directory.file("clip.mp4")
        let taken = try await Conformer(format: Self.format).conform(
            directory.file("foreign.mp4"), frames: 72, to: clip, analysing: true)
        let decoded = try await ClipAnalysis.measure(clip)
        try Self.expectAgreement(taken, decoded, "conformed")
        #expect(decoded.frames == 72 && decoded.sceneChange > 10 && abs(decoded.sceneChangeAt - 1) < 0.05, "\(decoded)")
    }

    @Test func withoutAnalysingNothingIsMeasured() async throws {
        let directory = try Scratch()
        let renderer = FilterGraphRenderer(format: Self.format)
        #expect(try await renderer.render(graph: "testsrc2=s=320x180:r=24", frames: 4, to: directory.file("a.mp4")) == nil)
        #expect(try await renderer.renderStill(graph: "testsrc2=s=320x180:r=24", frames: 4, to: directory.file("b.mp4")) == nil)
        #expect(try await Conformer(format: Self.format).conform(directory.file("a.mp4"), frames: 4, to: directory.file("c.mp4")) == nil)
    }
}
