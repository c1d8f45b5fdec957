import AnimaticCommands

// The `animatic-commands` front end, which the `animatic` launcher runs for every command
// line it does not run itself: every command's options and help, and `parse`, `check`,
// `plan` and `export` without the media layer; a command that needs it runs
// `animatic-media` in this process's place (bench/README.md, "Start-up").
AnimaticCommand.checkQuickly(media: nil)
await AnimaticCommand.main(media: nil)
