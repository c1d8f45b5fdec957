/// `animatic check FILE` with no option, the form an editor or a Makefile runs again and again,
/// is run without the argument parser: decoding a command line by reflection over every
/// option of the command's tree costs more than checking a feature-length script (bench/README.md,
/// "Start-up"). Any other command line, `check -- FILE` included, goes through the parser,
/// which gives the same command (`CheckShortcutTests`).
package enum QuickCheck {
    /// The script of a command line that is `check` and one argument the parser reads as the
    /// file (`-` or anything not starting with `-`); nil for any other.
    package static func file(in arguments: [String]) -> String? {
        guard arguments.count == 2, arguments[0] == CheckCommand.configuration.commandName else { return nil }
        let file = arguments[1]
        return file == "-" || !file.hasPrefix("-") ? file : nil
    }
}
