import CutLists
import Generation
import Planning

/// Every key a project file may hold (docs/project-file.md), and where each one goes.
/// A new setting is one line here and one field in `ProjectSettings`.
enum ProjectSchema {
    static var keys: [ProjectKey] {
        [
            .value("size", \.size, .frameSize),
            .value("fps", \.frameRate, .frameRate),
            .value("jobs", \.jobs, .integer(in: SettingLimits.jobs)),
            .value("cache_dir", \.cacheDirectory, .path),
            .value("cutlists", \.cutLists, .cutLists),
            .value("edl_flavor", \.edlFlavor, .choice),
            .value("keep_going", \.keepGoing, .bool),
            .value("style", \.style, .string),
            .value("takes", \.takes, .integer(in: SettingLimits.takes)),
            .value("styles", \.styles, .list(of: .string)),
            .value("seed", \.seed, .integer(in: SettingLimits.seed)),
            .value("negative", \.negative, .string),
            .value("max_segment", \.maxSegment, .seconds(in: SettingLimits.maxSegment)),
            .value("prompt_language", \.promptLanguage, .choice),
            .value("dialogue_wpm", \.dialogueWordsPerMinute, .integer(in: SettingLimits.dialogueWordsPerMinute)),
            .value("chinese_cpm", \.chineseCharactersPerMinute, .integer(in: SettingLimits.chineseCharactersPerMinute)),
            .value("min_shot", \.minimumShot, .seconds(in: SettingLimits.minimumShot)),
            .value("music", \.music, .path),
            .value("voices", \.voices, .voices),
            .value("establishing_exteriors", \.establishingExteriors, .bool),
            .section("backend", [
                .value("kind", \.backend, .choice),
                .value("patience", \.patience, .seconds(in: SettingLimits.patience)),
                .section("command", [.value("template", \.commandTemplate, .commandTemplate)]),
                .section("dashscope", [.value("url", \.dashScopeURL, .webAddress)]),
                .section("comfyui", [
                    .value("urls", \.comfyUIURLs, .list(of: .webAddress)),
                    .value("workflow", \.comfyUIWorkflow, .path),
                ]),
            ]),
        ]
    }
}
