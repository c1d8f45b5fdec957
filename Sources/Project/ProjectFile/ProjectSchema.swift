import CutLists
import Compliance
import Planning
import SettingValues

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
            .section("qc", [
                .value("policy", \.qcPolicy, .choice),
                .value("retakes", \.qcRetakes, .integer(in: SettingLimits.qcRetakes)),
                .value("black", \.qcBlack, .seconds(in: 0...600)),
                .value("frozen", \.qcFrozen, .seconds(in: 0...600)),
                .value("cut", \.qcCut, .number(in: 0...100)),
                .value("flicker", \.qcFlicker, .number(in: 0...255)),
                .value("blur", \.qcBlur, .number(in: 0...1000)),
                .value("min_length", \.qcMinLength, .number(in: 0...1)),
            ]),
            .section("compliance", [
                .value("names", \.complianceNames, .path),
                .value("brands", \.complianceBrands, .path),
                .section("policy", ComplianceCategory.allCases.map { category in
                    .value(category.rawValue, \.compliancePolicies[category], .compliancePolicy(for: category))
                }),
            ]),
            .section("cost", [
                .value("currency", \.costCurrency, .string),
                .value("prices", \.prices, .prices),
                .value("gpu_seconds_per_second", \.gpuSecondsPerSecond, .amount),
                .value("max", \.maxCost, .amount),
            ]),
            .section("quality", QualityLevel.allCases.map { quality in
                let level: WritableKeyPath<ProjectSettings, QualityOverrides> =
                    quality == .final ? \.qualityFinal : \.qualityDraft
                return .section(quality.rawValue, [
                    .value("size", level.appending(path: \.size), .frameSize),
                    .section("dashscope", [.value("model", level.appending(path: \.dashScopeModel), .string)]),
                    .section("command", [.value("template", level.appending(path: \.commandTemplate), .commandTemplate)]),
                    .section("comfyui", [.value("workflow", level.appending(path: \.comfyUIWorkflow), .path)]),
                    .section("worker", [.value("command", level.appending(path: \.workerCommand), .workerCommand)]),
                ])
            }),
            .section("backend", [
                .value("kind", \.backend, .choice),
                .value("patience", \.patience, .seconds(in: SettingLimits.patience)),
                .value("max_download", \.maxDownload, .bytes(in: SettingLimits.maxDownload)),
                .section("command", [.value("template", \.commandTemplate, .commandTemplate)]),
                .section("dashscope", [
                    .value("url", \.dashScopeURL, .webAddress), .value("model", \.dashScopeModel, .string),
                    .value("region", \.dashScopeRegion, .choice),
                ]),
                .section("comfyui", [
                    .value("urls", \.comfyUIURLs, .list(of: .webAddress)),
                    .value("workflow", \.comfyUIWorkflow, .path),
                ]),
                .section("worker", [
                    .value("command", \.workerCommand, .workerCommand),
                    .value("workers", \.workers, .integer(in: SettingLimits.workers)),
                    .value("gpus", \.workerGPUs, .gpus),
                ]),
            ]),
        ]
    }
}
