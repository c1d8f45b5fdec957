import CutLists
import Foundation

extension OutputPaths {
    /// What a build with `settings` of a plan of `shots` shots writes: the video, and
    /// beside it the plan, the report, the media folder, each cut list in `settings` (the
    /// contact sheet in as many pages as it will have), and the depfile.
    public init(build settings: BuildSettings, shots: Int) {
        var video = Output("the video", settings.output, option: "-o")
        video.reservedEndings = [(".plan.json", "plan"), (".report.json", "build report"), (".media", "media folder")]
            + CutListFormat.allCases.map { ("." + $0.fileExtension, $0.title) }
        var outputs = [
            video,
            Output("the plan", settings.planURL, option: "-o"),
            Output("the build report", settings.reportURL, option: "-o"),
            Output("the media folder", settings.mediaDirectory, option: "-o", isFolder: true),
        ]
        for format in settings.cutLists {
            if format == .sheet {
                let pages = (shots + ContactSheetExport.shotsPerPage - 1) / ContactSheetExport.shotsPerPage
                outputs += ContactSheetExport.urls(pages: max(1, pages), video: settings.output).map {
                    Output("the contact sheet", $0, option: "-o")
                }
            } else {
                outputs.append(Output("the \(format.title)", settings.cutListURL(format), option: "-o"))
            }
        }
        if let depfile = settings.depfile { outputs.append(Output("the depfile", depfile, option: "--depfile")) }
        self.init(outputs)
    }
}
