import QuickCommands

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The `animatic` launcher: runs `check FILE` itself when it can (`QuickCheck.run` then ends
// the process), on Screenplay and Planning alone, and hands every other command line to the
// front end, `animatic-commands` beside it, in this process's place (bench/README.md,
// "Start-up").
let arguments = Array(CommandLine.arguments.dropFirst())
if let file = QuickCheck.file(in: arguments) {
    QuickCheck.run(file)
}
exit(FrontEnd.exec(arguments))
