import Foundation
import Media
import Testing
import TestSupport

/// `ClipAnalysis` on clips rendered through the house encoder: each fault measured where
/// it is, and a clean clip measured clean.
@Suite("clip analysis")
struct ClipAnalysisTests {
    static let format = HouseFormat(width: 320, height: 180, frameRate: Rational(24))

    static func measure(_ graph: String, frames: Int = 72) throws -> ClipMeasures {
        let directory = try Scratch()
        let clip = directory.file("clip.mp4")
        try FilterGraphRenderer(format: format).render(graph: graph, frames: frames, to: clip)
        return try ClipAnalysis.measure(clip)
    }

    @Test func aMovingSharpPictureMeasuresClean() throws {
        let measures = try Self.measure("testsrc2=s=320x180:r=24")
        #expect(measures.frames == 72 && measures.width == 320 && measures.height == 180 && measures.seconds == 3)
        #expect(measures.blackSeconds == 0 && measures.frozenSeconds == 0, "\(measures)")
        #expect(measures.sceneChange < 10 && measures.flicker < 3 && measures.blur < 5, "\(measures)")
    }

    @Test func blackAndFrozenStretchesAreTimedToTheEnd() throws {
        // 1 s of moving picture, then 2 s of black: black and frozen from 1 s to the end.
        let measures = try Self.measure(
            "testsrc2=s=320x180:r=24,geq=lum='if(lt(T,1),lum(X,Y),16)':cb=128:cr=128")
        #expect(abs(measures.blackSeconds - 2) < 0.1, "\(measures)")
        #expect(abs(measures.frozenSeconds - 2) < 0.1, "\(measures)")
    }

    @Test func brightnessAlternatingFrameToFrameIsFlicker() throws {
        let measures = try Self.measure("testsrc2=s=320x180:r=24,eq=brightness='if(mod(n,2),0.2,-0.2)':eval=frame")
        #expect(measures.flicker > 20, "\(measures)")
    }

    @Test func aSoftenedPictureIsBlurred() throws {
        let sharp = try Self.measure("testsrc2=s=320x180:r=24")
        let soft = try Self.measure("testsrc2=s=320x180:r=24,gblur=sigma=6")
        #expect(soft.blur > sharp.blur * 2 && soft.blur > 5, "sharp \(sharp.blur), soft \(soft.blur)")
    }

    @Test func blurIsSampledOnceASecondAndAShortClipOnItsLastFrame() throws {
        // Frames 12, 36 and 60 are measured; a clip of 8 frames reaches none, so its last is.
        let soft = try Self.measure("testsrc2=s=320x180:r=24,gblur=sigma=6", frames: 8)
        #expect(soft.frames == 8 && soft.blur > 5, "\(soft)")
    }

    /// A clip whose luma plane is not 8-bit (the house format's is, and only an 8-bit plane
    /// is shared with the analysis as it is decoded) is measured, and measures clean.
    @Test func aTenBitClipIsMeasuredToo() async throws {
        let directory = try Scratch()
        try await makeInput(
            ["-f", "lavfi", "-i", "testsrc2=s=320x180:r=24", "-frames:v", "48", "-c:v", "ffv1", "-pix_fmt", "yuv420p10le",
             "clip.mkv"], in: directory)
        let measures = try await ClipAnalysis.measure(directory.file("clip.mkv"))
        #expect(measures.frames == 48 && measures.width == 320 && measures.height == 180, "\(measures)")
        #expect(measures.blackSeconds == 0 && measures.frozenSeconds == 0, "\(measures)")
        #expect(measures.sceneChange < 10 && measures.flicker < 3 && measures.blur < 5, "\(measures)")
    }

    @Test func aHardCutIsFoundWhereItIs() throws {
        let measures = try Self.measure(
            "testsrc2=s=320x180:r=24,hue=h='if(lt(t,1.5),0,180)':b='if(lt(t,1.5),0,-4)'")
        #expect(measures.sceneChange > 10 && abs(measures.sceneChangeAt - 1.5) < 0.05, "\(measures)")
    }
}
