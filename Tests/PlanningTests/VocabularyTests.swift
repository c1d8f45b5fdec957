import Testing
@testable import Planning

@Suite("Camera vocabulary")
struct VocabularyTests {
    @Test(arguments: [
        ("ECU", ShotSize.extremeCloseUp), ("CU", .closeUp), ("MCU", .mediumCloseUp), ("MS", .medium),
        ("MWS", .mediumWide), ("WS", .wide), ("EWS", .extremeWide), ("OTS", .overTheShoulder), ("POV", .pointOfView),
        ("INSERT", .insert), ("close-up", .closeUp), ("extreme wide shot", .extremeWide), ("特写", .closeUp),
        ("大特写", .extremeCloseUp), ("大远景", .extremeWide), ("近景", .mediumCloseUp), ("过肩", .overTheShoulder),
        ("主观镜头", .pointOfView), ("插入镜头", .insert), ("全景", .mediumWide), ("中景", .medium),
    ])
    func sizesByAbbreviationAndName(text: String, size: ShotSize) {
        #expect(CameraTerms.size(in: text)?.size == size)
    }

    @Test func everySizeHasTermsInBothLanguages() {
        for size in ShotSize.allCases {
            #expect(!size.english.isEmpty && !size.chinese.isEmpty && !size.abbreviation.isEmpty)
            #expect(CameraTerms.size(in: size.abbreviation)?.size == size, "\(size.abbreviation)")
            #expect(CameraTerms.size(in: size.chinese)?.size == size, "\(size.chinese)")
        }
    }

    @Test func abbreviationsAreWholeWords() {
        #expect(CameraTerms.size(in: "a cup of tea") == nil)
        #expect(CameraTerms.size(in: "MSG") == nil)
    }

    @Test(arguments: [
        ("dolly in", CameraMove.pushIn), ("push in", .pushIn), ("推", .pushIn), ("pull out", .pullOut), ("拉", .pullOut),
        ("pan", .pan), ("摇", .pan), ("tilt up", .tilt), ("truck left", .truck), ("移", .truck), ("follow", .follow),
        ("跟", .follow), ("crane down", .crane), ("升降", .crane), ("dolly track", .dollyTrack), ("推轨", .dollyTrack),
        ("handheld", .handheld), ("手持", .handheld), ("zoom in", .zoom), ("变焦", .zoom), ("static", .static),
        ("固定镜头", .static),
    ])
    func movesByName(text: String, move: CameraMove) {
        #expect(CameraTerms.move(named: text) == move)
    }

    @Test(arguments: [
        ("We PUSH IN on her face.", CameraMove.pushIn), ("The camera tracks him down the hall.", .follow),
        ("We pull back to reveal the crowd.", .pullOut), ("镜头推近她的脸。", .pushIn), ("镜头拉远，城市渐小。", .pullOut),
        ("The camera pans across the harbor.", .pan),
    ])
    func cameraVerbsInAction(text: String, move: CameraMove) {
        #expect(CameraTerms.move(inAction: text) == move)
    }

    @Test func plainActionHasNoCameraVerb() {
        #expect(CameraTerms.move(inAction: "She pans for gold in the river.") == nil)
    }

    @Test(arguments: [("high angle", CameraAngle.high), ("仰拍", .low), ("Dutch", .dutch), ("鸟瞰", .birdsEye), ("aerial", .aerial)])
    func angles(text: String, angle: CameraAngle) {
        #expect(CameraTerms.angle(in: text) == angle)
    }

    @Test func shotSpecsNameSizeSubjectAndCharacters() {
        let cast = CastIndex(names: ["ANNA", "BOB", "安娜"])
        let closeUp = ShotSpec("CU Anna", cast: cast)
        #expect(closeUp.size == .closeUp && closeUp.characters == ["ANNA"] && closeUp.subject == nil)
        let chinese = ShotSpec("特写 安娜", cast: cast)
        #expect(chinese.size == .closeUp && chinese.characters == ["安娜"])
        let overShoulder = ShotSpec("OTS Bob on Anna", cast: cast)
        #expect(overShoulder.size == .overTheShoulder && overShoulder.foreground == "BOB" && overShoulder.characters == ["ANNA", "BOB"])
        let letter = ShotSpec("CLOSE ON THE LETTER", cast: cast)
        #expect(letter.size == .closeUp && letter.subject == "THE LETTER")
        let pov = ShotSpec("SNIPER SCOPE POV", cast: cast)
        #expect(pov.size == .pointOfView && pov.subject == "SNIPER SCOPE")
    }
}
