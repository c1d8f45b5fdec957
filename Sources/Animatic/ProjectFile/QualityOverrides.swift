import Foundation
import Generation

/// One quality's settings in the project file (`quality.draft`, `quality.final`): the backend
/// settings that differ at that quality, over the `backend` section's, and the size the
/// backend makes clips at. Each is nil where the quality keeps the backend's own.
public struct QualityOverrides: Sendable, Equatable {
    /// `size`: the size the backend is asked for (the build conforms its clips to `size`).
    public var size: FrameSize?
    /// `dashscope.model`.
    public var dashScopeModel: String?
    /// `command.template`.
    public var commandTemplate: CommandTemplate?
    /// `comfyui.workflow`.
    public var comfyUIWorkflow: URL?
    /// `worker.command`.
    public var workerCommand: WorkerCommand?

    /// Nothing overridden.
    public init() {}

    /// These overrides with `lower`'s wherever these have none.
    func over(_ lower: QualityOverrides) -> QualityOverrides {
        var merged = self
        merged.size = size ?? lower.size
        merged.dashScopeModel = dashScopeModel ?? lower.dashScopeModel
        merged.commandTemplate = commandTemplate ?? lower.commandTemplate
        merged.comfyUIWorkflow = comfyUIWorkflow ?? lower.comfyUIWorkflow
        merged.workerCommand = workerCommand ?? lower.workerCommand
        return merged
    }

    /// These overrides without the settings `flags` give: a flag wins over the project file,
    /// its quality sections included.
    func yielding(to flags: ProjectSettings) -> QualityOverrides {
        var kept = self
        if flags.dashScopeModel != nil { kept.dashScopeModel = nil }
        if flags.commandTemplate != nil { kept.commandTemplate = nil }
        if flags.comfyUIWorkflow != nil { kept.comfyUIWorkflow = nil }
        if flags.workerCommand != nil { kept.workerCommand = nil }
        return kept
    }
}

extension ProjectSettings {
    /// The settings in effect at `quality`: its section's backend settings over the others.
    public func at(_ quality: QualityLevel) -> ProjectSettings {
        let overrides = quality == .final ? qualityFinal : qualityDraft
        var settings = self
        settings.dashScopeModel = overrides.dashScopeModel ?? dashScopeModel
        settings.commandTemplate = overrides.commandTemplate ?? commandTemplate
        settings.comfyUIWorkflow = overrides.comfyUIWorkflow ?? comfyUIWorkflow
        settings.workerCommand = overrides.workerCommand ?? workerCommand
        return settings
    }
}
