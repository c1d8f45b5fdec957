import Foundation
import Project

/// The `animatic-media` program, which the front end runs in its own place (as git runs
/// `git-<command>`) for the commands that need FFmpeg or eSpeak NG.
enum MediaHelper {
    /// The helper's name.
    static let name = "animatic-media"

    /// Where the helper is: beside this program's own file, symbolic links resolved (the
    /// build folder; `make install` puts both in `libexec/animatic/` with the resource
    /// bundles, and links `bin/animatic` there).
    static func location() -> URL? {
        guard let program = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        let helper = program.deletingLastPathComponent().appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: helper.path) ? helper : nil
    }

    /// Replaces this process with the helper, given `arguments`; returns the error to exit
    /// with only when that fails.
    static func exec(_ arguments: [String]) -> AnimaticError {
        guard let helper = location() else {
            return AnimaticError(
                .internalFailure,
                "\(name), which does this command's media work, is not beside \(Bundle.main.executablePath ?? "animatic") (reinstall: make install)")
        }
        let argv = ([helper.path] + arguments).map { strdup($0) } + [nil]
        execv(helper.path, argv)
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        return AnimaticError(.internalFailure, "cannot run \(helper.path): \(reason)")
    }
}
