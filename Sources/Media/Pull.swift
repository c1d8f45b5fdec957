/// The outcome of asking a decoder or a filter graph for its next frame.
enum Pull {
    /// A frame was produced.
    case frame
    /// More input is needed before the next frame.
    case needsInput
    /// No more frames will come.
    case ended
}
