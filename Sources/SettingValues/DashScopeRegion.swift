import Foundation

/// The Model Studio regions and their DashScope endpoints (`--dashscope-region`). A key works
/// only in its own region. Workspace hosts (`https://{WorkspaceId}.ap-southeast-1.maas.aliyuncs.com`,
/// `https://{WorkspaceId}.cn-beijing.maas.aliyuncs.com`) are given with `--dashscope-url`.
public enum DashScopeRegion: String, Sendable, Hashable, CaseIterable {
    /// Singapore: `https://dashscope-intl.aliyuncs.com`, the default.
    case singapore
    /// US (Virginia): `https://dashscope-us.aliyuncs.com`.
    case virginia
    /// China (Beijing): `https://dashscope.aliyuncs.com`.
    case beijing

    /// The region's endpoint.
    public var baseURL: URL {
        switch self {
        case .singapore: URL(string: "https://dashscope-intl.aliyuncs.com")!
        case .virginia: URL(string: "https://dashscope-us.aliyuncs.com")!
        case .beijing: URL(string: "https://dashscope.aliyuncs.com")!
        }
    }
}
