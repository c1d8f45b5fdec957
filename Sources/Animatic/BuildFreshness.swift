import Foundation
import Generation
import JSONForms
import Media
import Planning

/// What is up to date before a build, and the files make sees it depend on.
extension Builder {
    /// The dependency file: the video depends on its prerequisites.
    func depfileData(scriptPath: String, voicing: Voicing? = nil) -> Data {
        Data(Depfile.text(target: settings.outputName, prerequisites: prerequisites(scriptPath: scriptPath, voicing: voicing)).utf8)
    }

    /// The files the video depends on, as make sees them: the script, the project and review
    /// files, the backend's input files and the sound's (recorded takes, music).
    func prerequisites(scriptPath: String, voicing: Voicing? = nil) -> [String] {
        (scriptPath == ScriptInput.standardInputPath ? [] : [scriptPath])
            + [settings.projectFile, settings.reviewFile].compactMap { $0 } + generator.inputFiles.map(\.path)
            + (voicing?.inputFiles ?? [])
    }

    /// An up-to-date video's record after the build: when a prerequisite is newer than the
    /// video (a script saved without a change that matters), the video is touched so that
    /// make, which compares times, sees it rebuilt, and the record takes its new time;
    /// otherwise it is left alone, so that a no-op changes no file.
    func touchedIfOlder(_ video: VideoRecord?, than scriptPath: String, voicing: Voicing? = nil) -> VideoRecord? {
        guard let video, videoIsOlder(video, than: scriptPath, voicing: voicing) else { return video }
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: settings.output.path)
        return RegularFile.status(settings.output.path).map { VideoRecord(size: video.size, modified: $0.modified, sha256: video.sha256) }
    }

    /// Whether a prerequisite of the video was modified after `video`.
    func videoIsOlder(_ video: VideoRecord, than scriptPath: String, voicing: Voicing? = nil) -> Bool {
        prerequisites(scriptPath: scriptPath, voicing: voicing).contains { path in
            RegularFile.status(path).map { $0.modified > video.modified } ?? false
        }
    }

    /// Whether the video needs no join: nothing to generate, the same inputs as the
    /// previous build, and the video still there. (A build with failures leaves an empty
    /// digest, so its video is never up to date.)
    func videoIsUpToDate(_ buildPlan: BuildPlan, previous: BuildReport?, digest: String) -> Bool {
        buildPlan.toGenerate.isEmpty && currentVideo(previous: previous, digest: digest) != nil
    }

    /// The video the previous build recorded, when it was made from these inputs and the
    /// file is still the one it recorded (not cut short, swapped or edited); else nil.
    func currentVideo(previous: BuildReport?, digest: String) -> VideoRecord? {
        previous?.inputsDigest == digest ? previous?.video?.current(at: settings.output) : nil
    }

    /// Whether the per-segment media need no relinking: the video is up to date, the takes
    /// beside it are those of the previous build, and they are there.
    func mediaIsUpToDate(videoIsUpToDate: Bool, buildPlan: BuildPlan, previous: BuildReport?) -> Bool {
        videoIsUpToDate && previous?.takes.map(\.key) == buildPlan.takeItems.map(\.key)
            && FileManager.default.fileExists(atPath: settings.mediaDirectory.path)
    }

    /// The plan as `film.plan.json` holds it.
    static func planJSON(_ plan: Plan) throws(AnimaticError) -> Data {
        do { return try PlanJSON.encode(plan) + Data("\n".utf8) } catch {
            throw AnimaticError(.internalFailure, "cannot encode the plan as JSON: \(error)")
        }
    }

    /// The SHA-256 of everything the video is made from: the plan, the house format, the
    /// editor, every segment's key and, with sound, what the soundtrack is made of.
    func inputsDigest(planJSON: Data, items: [BuildPlan.Item], sound: String? = nil) -> String {
        SHA256.hex(
            planJSON + Data(([settings.format.encoderSettings, "editor \(Self.editorVersion)"]
                + items.map(\.key.rawValue) + (sound.map { [$0] } ?? [])).joined(separator: "\n").utf8))
    }
}
