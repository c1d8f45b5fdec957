import AnimaticCommands

// `animatic-media`: the same commands with the media layer linked, which the `animatic`
// front end runs for `build`, `review`, and `plan` or `export` with sound or a remote backend.
let media = InProcessMedia()
AnimaticCommand.checkQuickly(media: media)
await AnimaticCommand.main(media: media)
