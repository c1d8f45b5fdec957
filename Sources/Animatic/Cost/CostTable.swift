/// What the cost estimate multiplies by: a price per billed second of video for each hosted
/// model (`wan2.2-t2v-plus`, or `wan2.2-t2v-plus@1080P` for one resolution class), in one
/// currency, and for local backends the GPU seconds one request spends per second of video.
public struct CostTable: Sendable, Equatable {
    /// The prices' currency (`CNY`, `USD`): only a label, never converted.
    public var currency: String
    /// Price per billed second, by model or `model@resolution`.
    public var prices: [String: Double]
    /// GPU seconds per second of video for local backends (`cost.gpu_seconds_per_second`);
    /// nil to measure it from the last build's report.
    public var gpuSecondsPerSecond: Double?

    /// A table as listed.
    public init(currency: String, prices: [String: Double], gpuSecondsPerSecond: Double? = nil) {
        self.currency = currency
        self.prices = prices
        self.gpuSecondsPerSecond = gpuSecondsPerSecond
    }

    /// When `dashScope` was read from Alibaba Cloud's documentation.
    public static let dashScopeDate = "2026-12-07"

    /// DashScope's list prices in the China (Beijing) region, in yuan per second of video, as
    /// Model Studio's text-to-video API reference gives them on `dashScopeDate`
    /// (help.aliyun.com/zh/model-studio/text-to-video-api-reference). Models whose price
    /// that page does not give are left out: set them in the project file's `cost.prices`.
    public static let dashScope = CostTable(
        currency: "CNY",
        prices: ["wan2.2-t2v-plus@480P": 0.14, "wan2.2-t2v-plus@1080P": 0.70, "wan2.2-t2v-plus": 0.70])

    /// The price for the first of `keys` listed.
    func price(_ keys: [String]) -> Double? {
        keys.lazy.compactMap { prices[$0] }.first
    }
}
