import AnimaticCommands
import Media

// `animatic-media`: the same commands with the media layer linked, which the `animatic`
// front end runs for `build`, `review`, and `plan` or `export` with sound or a remote backend.
// Encoders' and frames' buffers go back to the system when freed, not to malloc's arenas.
LargeBuffers.returnToTheSystemWhenFreed()
let media = InProcessMedia()
AnimaticCommand.checkQuickly(media: media)
await AnimaticCommand.main(media: media)
