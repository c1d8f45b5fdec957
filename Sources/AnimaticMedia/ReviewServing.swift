import Animatic
import AnimaticCommands
import Foundation
import Project
import ReviewServer

extension ReviewCommand {
    /// Serves the review page until Ctrl-C (or SIGTERM): prints its address, opens it with
    /// `--open`, and rebuilds, when the page asks, as `animatic build FILE -o VIDEO` with
    /// this command's options would.
    func serve(_ input: ScriptInput) async throws {
        guard let script = input.url else { throw AnimaticError(.usage, "review needs a script file, not standard input") }
        let video = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? BuildSettings.defaultOutput(for: script)
        let reviewName = ReviewFile.defaultName(forScript: input.displayPath)
        let review = try ReviewFile.locate(explicit: options.reviewFile.review, script: input)
            ?? (script.deletingLastPathComponent().appendingPathComponent(reviewName),
                DisplayPath.sibling(named: reviewName, of: input.displayPath))
        let build = try rebuildCommand(outputPath: output ?? (file as NSString).deletingPathExtension + ".mp4")
        let server = try ReviewServer(ReviewServer.Configuration(
            output: video, reviewFile: review.url, reviewDisplayPath: review.displayPath, port: UInt16(port ?? 0),
            build: { events in
                do {
                    guard let report = try await build.build(events: events) else {
                        throw AnimaticError(.internalFailure, "the rebuild made a dry run")
                    }
                    return report
                } catch is ReportedErrors {
                    throw AnimaticError(.badInput, "the script or the review file has errors; animatic review printed them")
                }
            }))
        let serving = Task { try await server.run() }
        let trap = InterruptTrap()
        trap.watch { serving.cancel() }
        let page: URL
        do { page = try await server.waitForPage() } catch {
            serving.cancel()
            throw AnimaticError(.unavailable, "cannot listen on 127.0.0.1:\(port ?? 0): \(error)")
        }
        // Written at once, unbuffered: whoever reads standard output needs the address now.
        FileHandle.standardOutput.write(Data("review page: \(page.absoluteString)\nsaving to \(review.displayPath); Ctrl-C stops\n".utf8))
        if open { openInBrowser(page) }
        do {
            try await serving.value
        } catch where trap.exitStatus != nil {
            // Stopping closes the listening socket under the server: that is the stop asked
            // for, not a failure.
        }
        // Ctrl-C is how a page is closed: nothing failed.
        printError("animatic: review page stopped\n")
    }

    /// The build the page's button runs: `build FILE -o VIDEO` with this command's options.
    private func rebuildCommand(outputPath: String) throws -> BuildCommand {
        var command = try BuildCommand.parse([file, "-o", outputPath, "--quiet"])
        command.options = options
        return command
    }

    /// Opens `page` in the desktop's browser, or says how to when there is no opener.
    private func openInBrowser(_ page: URL) {
        #if os(macOS)
        let opener = "/usr/bin/open"
        #else
        let opener = ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"].split(separator: ":")
            .map { "\($0)/xdg-open" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        #endif
        guard let opener, FileManager.default.isExecutableFile(atPath: opener) else {
            printError("animatic: --open: there is no xdg-open here; open the address above in a browser\n")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [page.absoluteString]
        do { try process.run() } catch {
            printError("animatic: --open: \(opener) did not start (\(error)); open the address above in a browser\n")
        }
    }
}
