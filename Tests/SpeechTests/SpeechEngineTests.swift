import Testing

@testable import Speech

@Suite struct SpeechEngineTests {
    @Test func speaksEnglishAtTheEnginesRate() throws {
        let utterance = try SpeechEngine.shared.speakNow("The coffee here is terrible.", voice: Voice(language: "en-us"))
        #expect(utterance.sampleRate == 22050)
        #expect(utterance.seconds > 1 && utterance.seconds < 4)
        #expect(utterance.samples.contains { abs(Int($0)) > 3000 })
    }

    @Test func sameVoiceAndTextGiveTheSameSamples() throws {
        let voice = Voice.derived(from: "ANNA", language: "en-us")
        let both = try SpeechEngine.shared.speakNow([("Not once in twelve years.", voice), ("Not once in twelve years.", voice)])
        let (a, b) = (both[0], both[1])
        #expect(a.samples.count == b.samples.count)
        #expect(a.samples == b.samples, "the same voice and text gave different samples")
    }

    @Test func aBatchHandedOverOneAtATimeIsTheBatchInOrder() throws {
        // One voice: what it says does not depend on the voice spoken before (`start()`).
        let voice = Voice.derived(from: "EDWARD", language: "en-us")
        let lines = [("Hand me the wrench.", voice), ("Which one?", voice)]
        var handed: [Int: Utterance] = [:]
        try SpeechEngine.shared.speakNow(lines) { index, utterance in handed[index] = utterance }
        #expect(handed.keys.sorted() == [0, 1])
        #expect(handed.sorted { $0.key < $1.key }.map(\.value) == (try SpeechEngine.shared.speakNow(lines)))
    }

    @Test func aFasterRateIsShorter() throws {
        let slow = try SpeechEngine.shared.speakNow("I will be there at noon.", voice: Voice(language: "en-us", rate: 120))
        let fast = try SpeechEngine.shared.speakNow("I will be there at noon.", voice: Voice(language: "en-us", rate: 260))
        #expect(fast.samples.count * 3 < slow.samples.count * 2)
    }

    @Test func mandarinSpeaksChinese() throws {
        let utterance = try SpeechEngine.shared.speakNow("我们明天见。", voice: Voice(language: "cmn"))
        #expect(utterance.seconds > 0.8)
    }

    @Test func unknownVoiceIsAnError() {
        #expect(throws: SpeechError.unknownVoice("xx-nope")) {
            try SpeechEngine.shared.speakNow("hello", voice: Voice(language: "xx-nope"))
        }
    }

    @Test func derivedVoicesAreStableAndDiffer() {
        #expect(Voice.derived(from: "ANNA", language: "en-us") == Voice.derived(from: "ANNA", language: "en-us"))
        let names = ["ANNA", "BEN", "MARCUS", "LUCY", "THE WAITER"]
        #expect(Set(names.map { Voice.derived(from: $0, language: "en-us") }).count == names.count)
    }

    @Test func versionNamesTheEngine() {
        #expect(SpeechEngine.shared.version.hasPrefix("espeak-ng 1."))
        #expect(SpeechEngine.shared.version.hasSuffix("espeak-ng-data"), "the voices' path is part of the version")
    }
}
