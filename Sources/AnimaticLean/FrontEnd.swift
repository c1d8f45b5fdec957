import QuickCommands

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `animatic-commands` program, which the launcher runs in its own place (as git runs
/// `git-<command>`) for every command line it does not run itself.
enum FrontEnd {
    /// The front end's name.
    static let name = "animatic-commands"

    /// Replaces this process with the front end beside this program's own file (symbolic
    /// links resolved: `bin/animatic` links to `libexec/animatic/animatic`), given
    /// `arguments`; when that fails, says why and returns the exit status (70).
    static func exec(_ arguments: [String]) -> Int32 {
        guard let program = ownPath() else {
            return fail("cannot find this program's own file to run \(name) beside it")
        }
        let folder = program[..<(program.lastIndex(of: "/") ?? program.startIndex)]
        let path = folder + "/" + name
        guard access(path, X_OK) == 0 else {
            return fail("\(name), which runs this command, is not beside \(program) (reinstall: make install)")
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        return fail("cannot run \(path): \(reason)")
    }

    /// Prints `message` as the front end prints an internal failure; returns its exit status.
    private static func fail(_ message: String) -> Int32 {
        RawFile.writeStandardError("animatic: error: \(message)\n")
        return 70
    }

    /// This program's file, its symbolic links resolved.
    private static func ownPath() -> String? {
        #if os(Linux)
        let link = "/proc/self/exe"
        #else
        var size: UInt32 = 0
        _ = _NSGetExecutablePath(nil, &size)
        var buffer = [CChar](repeating: 0, count: Int(size) + 1)
        guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
        let link = String(cString: buffer)
        #endif
        guard let resolved = realpath(link, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
