import Foundation
import Planning

// The project file's settings as the build and its cost estimate take them.

extension ProjectSettings {
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
