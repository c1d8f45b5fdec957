import Foundation
import Planning

extension ProjectSettings {
    /// These settings with `lower`'s value wherever these have none: the command line's
    /// settings over the project file's. The one place the chain flag → project file is
    /// written; `planConfiguration()` and the build then fill in the defaults.
    public func over(_ lower: ProjectSettings) -> ProjectSettings {
        var merged = self
        func fill<Value>(_ field: WritableKeyPath<ProjectSettings, Value?>) {
            if merged[keyPath: field] == nil { merged[keyPath: field] = lower[keyPath: field] }
        }
        fill(\.size)
        fill(\.frameRate)
        fill(\.jobs)
        fill(\.cacheDirectory)
        fill(\.cutLists)
        fill(\.edlFlavor)
        fill(\.keepGoing)
        fill(\.style)
        fill(\.takes)
        fill(\.styles)
        fill(\.seed)
        fill(\.negative)
        fill(\.maxSegment)
        fill(\.promptLanguage)
        fill(\.dialogueWordsPerMinute)
        fill(\.chineseCharactersPerMinute)
        fill(\.minimumShot)
        fill(\.music)
        fill(\.voices)
        fill(\.establishingExteriors)
        fill(\.qcPolicy)
        fill(\.qcRetakes)
        fill(\.qcBlack)
        fill(\.qcFrozen)
        fill(\.qcCut)
        fill(\.qcFlicker)
        fill(\.qcBlur)
        fill(\.qcMinLength)
        fill(\.complianceNames)
        fill(\.complianceBrands)
        merged.compliancePolicies.merge(lower.compliancePolicies) { mine, _ in mine }
        fill(\.backend)
        fill(\.commandTemplate)
        fill(\.dashScopeURL)
        fill(\.dashScopeModel)
        fill(\.dashScopeRegion)
        fill(\.comfyUIURLs)
        fill(\.comfyUIWorkflow)
        fill(\.workerCommand)
        fill(\.workers)
        fill(\.workerGPUs)
        fill(\.costCurrency)
        fill(\.prices)
        fill(\.gpuSecondsPerSecond)
        fill(\.maxCost)
        fill(\.patience)
        fill(\.maxDownload)
        fill(\.quality)
        merged.qualityDraft = qualityDraft.over(lower.qualityDraft.yielding(to: self))
        merged.qualityFinal = qualityFinal.over(lower.qualityFinal.yielding(to: self))
        return merged
    }

    /// The cost table: the prices given, in `cost.currency` (CNY when unnamed); else
    /// DashScope's documented defaults, which are in CNY, so that naming another currency
    /// without prices leaves every model unpriced rather than relabelling yuan. The GPU
    /// speed given.
    public func costTable() -> CostTable {
        var table = CostTable.dashScope
        if prices != nil || (costCurrency != nil && costCurrency != table.currency) {
            table = CostTable(currency: costCurrency ?? table.currency, prices: prices ?? [:])
        }
        table.gpuSecondsPerSecond = gpuSecondsPerSecond
        return table
    }

    /// The planner's configuration: each setting given, else the planner's default. The
    /// backend's longest clip is the caller's to set, from the generator it makes.
    public func planConfiguration() -> PlanConfiguration {
        var configuration = PlanConfiguration()
        var timing = configuration.timing
        timing.dialogueWordsPerMinute = dialogueWordsPerMinute ?? timing.dialogueWordsPerMinute
        timing.chineseCharactersPerMinute = chineseCharactersPerMinute ?? timing.chineseCharactersPerMinute
        if let minimumShot { timing.minimumShot = Int((minimumShot * 1000).rounded()) }
        configuration.timing = timing
        configuration.frameRate = frameRate ?? configuration.frameRate
        if let maxSegment { configuration.maxSegmentMilliseconds = Int((maxSegment * 1000).rounded()) }
        configuration.style = style
        configuration.takes = takes
        configuration.styles = styles
        configuration.promptLanguage = promptLanguage ?? configuration.promptLanguage
        configuration.seed = seed ?? configuration.seed
        configuration.negativePrompt = negative
        configuration.establishingExteriors = establishingExteriors ?? configuration.establishingExteriors
        return configuration
    }
}

extension BuildSettings {
    /// Build settings from the settings in effect (`chosen`), each one they leave out at
    /// the default of `init(output:cacheDirectory:…)`.
    public init(output: URL, cacheDirectory: URL, planConfiguration: PlanConfiguration, depfile: URL?, outputName: String?,
                chosen: ProjectSettings) {
        self.init(output: output, cacheDirectory: cacheDirectory, planConfiguration: planConfiguration, depfile: depfile,
                  outputName: outputName)
        if let size = chosen.size { self.size = size }
        if let jobs = chosen.jobs { self.jobs = max(1, jobs) }
        if let cutLists = chosen.cutLists { self.cutLists = cutLists }
        if let edlFlavor = chosen.edlFlavor { self.edlFlavor = edlFlavor }
        if let keepGoing = chosen.keepGoing { self.keepGoing = keepGoing }
        qcPolicy = chosen.qcPolicy
        if let retakes = chosen.qcRetakes { qcRetakes = retakes }
        let limits: [(WritableKeyPath<QCThresholds, Double>, Double?)] = [
            (\.black, chosen.qcBlack), (\.frozen, chosen.qcFrozen), (\.cut, chosen.qcCut), (\.flicker, chosen.qcFlicker),
            (\.blur, chosen.qcBlur), (\.minLength, chosen.qcMinLength),
        ]
        for case let (field, value?) in limits { qcThresholds[keyPath: field] = value }
    }
}
