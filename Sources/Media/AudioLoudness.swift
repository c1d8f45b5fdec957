extension MonoAudio {
    /// The integrated loudness in LUFS (EBU R128, libavfilter's `ebur128`) of this audio
    /// played on both channels of a stereo mix, or nil when it is silent.
    ///
    /// Measured as dual mono (`dualmono`: both channels carry it, +3.01 dB), which is the
    /// stereo loudness for half the filtering. EBU R128 integrates 400 ms blocks, so audio
    /// shorter than half a second (a one-word line) is measured looped to that length: its
    /// loudness is the level its blocks would have, not "too short to say".
    public func loudness() throws(MediaError) -> Double? {
        guard !samples.isEmpty else { return nil }
        beginOperation()
        var measured = samples
        while measured.count < Self.sampleRate / 2 { measured += samples }
        let meter = try AudioFilterGraph("ebur128=metadata=1:dualmono=true", channels: 1)
        _ = try meter.push(measured)
        _ = try meter.finish()
        guard let value = meter.lastMetadata["lavfi.r128.I"].flatMap(Double.init), value > -70 else { return nil }
        return value
    }

    /// This audio brought to `target` LUFS (as `loudness()` measures it); silence as it is.
    public func normalised(to target: Double) throws(MediaError) -> MonoAudio {
        guard let measured = try loudness() else { return self }
        return gained(by: target - measured)
    }
}
