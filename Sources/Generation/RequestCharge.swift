import Foundation

/// What one request costs, known before it is made: the figures a build's estimate
/// multiplies by a price or a speed (`animatic build --dry-run`, `--max-cost`).
public enum RequestCharge: Sendable, Hashable {
    /// A hosted model bills `seconds` of video (its billed length, which may be longer than
    /// the segment), at the price listed under the first of `priceKeys` found
    /// (`wan2.2-t2v-plus@1080P`, then `wan2.2-t2v-plus`).
    case hosted(priceKeys: [String], seconds: Double)
    /// A local backend spends GPU time making `seconds` of video.
    case local(seconds: Double)
}

extension GenerationRequest {
    /// The segment's length in seconds at its timeline rate.
    var seconds: Double {
        Double(content.frames * content.frameRate.den) / Double(content.frameRate.num)
    }
}
