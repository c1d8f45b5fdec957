import Animatic
import ArgumentParser
import CutLists
import Foundation
import Generation
import Planning

// The command line's typed values: each option is read into its type once, by the argument
// parser, which rejects a bad value as a usage error (exit 64) naming the option.

extension FrameRate: ExpressibleByArgument {
    /// `--fps 24|25|23.976|29.97`: one of the rates animatic builds at.
    public init?(argument: String) {
        guard let rate = FrameRate(argument), FrameRate.supported.contains(rate) else { return nil }
        self = rate
    }

    public static var allValueStrings: [String] { supported.map(\.description) }
}

extension FrameSize: ExpressibleByArgument {
    /// `--size WxH`, both numbers positive and even.
    public init?(argument: String) { self.init(argument) }
}

extension PromptLanguageChoice: ExpressibleByArgument {}
extension BackendKind: ExpressibleByArgument {}
extension EDLFlavor: ExpressibleByArgument {}
extension DashScopeRegion: ExpressibleByArgument {}
extension QCPolicy: ExpressibleByArgument {}
extension QualityLevel: ExpressibleByArgument {}

extension CutListFormat: ExpressibleByArgument {
    /// The formats `export` can write: the contact sheet needs rendered clips.
    public static var allValueStrings: [String] { textFormats.map(\.rawValue) }
}

/// `--cutlists edl,fcpxml,…` or `none`: the cut lists `build` writes.
struct CutListSet: ExpressibleByArgument {
    var formats: [CutListFormat]

    init?(argument: String) {
        if argument == "none" {
            formats = []
        } else {
            guard let formats = try? CutListFormat.formats(named: argument.split(separator: ",").map(String.init)) else { return nil }
            self.formats = formats
        }
    }
}

/// `--dashscope-url`, `--comfyui-url`: a server's http:// or https:// address.
struct ServerURL: ExpressibleByArgument {
    var url: URL

    init?(argument: String) {
        guard let url = URL(string: argument), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
            return nil
        }
        self.url = url
    }
}
