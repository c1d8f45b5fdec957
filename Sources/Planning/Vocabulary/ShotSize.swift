/// How much of the frame the subject fills, from the whole location to a detail — plus the
/// framings a script names as sizes (over-the-shoulder, point of view, insert, two-shot).
///
/// Terms follow the camera vocabulary of GENERATORS.md in English and Chinese.
public enum ShotSize: String, CaseIterable, Hashable, Sendable, Codable {
    case extremeWide
    case wide
    case mediumWide
    case medium
    case mediumCloseUp
    case closeUp
    case extremeCloseUp
    case twoShot
    case overTheShoulder
    case pointOfView
    case insert

    /// The abbreviation a shot list uses: `EWS`, `WS`, `MWS`, `MS`, `MCU`, `CU`, `ECU`, `2S`,
    /// `OTS`, `POV`, `INSERT`.
    public var abbreviation: String {
        switch self {
        case .extremeWide: "EWS"
        case .wide: "WS"
        case .mediumWide: "MWS"
        case .medium: "MS"
        case .mediumCloseUp: "MCU"
        case .closeUp: "CU"
        case .extremeCloseUp: "ECU"
        case .twoShot: "2S"
        case .overTheShoulder: "OTS"
        case .pointOfView: "POV"
        case .insert: "INSERT"
        }
    }

    /// The English term used in prompts, e.g. `close-up`.
    public var english: String {
        switch self {
        case .extremeWide: "extreme wide shot"
        case .wide: "wide shot"
        case .mediumWide: "medium wide shot"
        case .medium: "medium shot"
        case .mediumCloseUp: "medium close-up"
        case .closeUp: "close-up"
        case .extremeCloseUp: "extreme close-up"
        case .twoShot: "medium two-shot"
        case .overTheShoulder: "over-the-shoulder shot"
        case .pointOfView: "point-of-view shot"
        case .insert: "insert shot"
        }
    }

    /// The Chinese term used in prompts, e.g. `特写`.
    public var chinese: String {
        switch self {
        case .extremeWide: "大远景"
        case .wide: "远景"
        case .mediumWide: "全景"
        case .medium: "中景"
        case .mediumCloseUp: "近景"
        case .closeUp: "特写"
        case .extremeCloseUp: "大特写"
        case .twoShot: "双人中景"
        case .overTheShoulder: "过肩"
        case .pointOfView: "主观镜头"
        case .insert: "插入镜头"
        }
    }

    /// A number from 0 (the whole location) to 6 (a detail) for sizes on the wide–close
    /// scale; framings such as POV sit at the medium mark. The storyboard draws its framing
    /// guide from it.
    public var closeness: Int {
        switch self {
        case .extremeWide: 0
        case .wide: 1
        case .mediumWide: 2
        case .medium, .twoShot, .pointOfView: 3
        case .overTheShoulder, .mediumCloseUp: 4
        case .closeUp, .insert: 5
        case .extremeCloseUp: 6
        }
    }

    /// Words that name each size, longest first within a size, all lowercased: the
    /// abbreviations and the English and Chinese terms, with common variants.
    static let spellings: [(ShotSize, [String])] = [
        (.extremeCloseUp, ["extreme close-up", "extreme close up", "extreme closeup", "ecu", "xcu", "大特写"]),
        (.mediumCloseUp, ["medium close-up", "medium close up", "medium closeup", "mcu", "近景"]),
        (.closeUp, ["close-up", "close up", "closeup", "close on", "close shot", "cu", "特写"]),
        (.extremeWide, ["extreme wide shot", "extreme wide", "extreme long shot", "ews", "els", "xws", "大远景"]),
        (.mediumWide, ["medium wide shot", "medium wide", "medium long shot", "full shot", "mws", "mls", "fs", "全景"]),
        (.wide, ["wide shot", "wide angle", "long shot", "wide on", "wider", "wide", "ws", "ls", "远景"]),
        (.twoShot, ["two-shot", "two shot", "2-shot", "2s", "双人镜头", "双人"]),
        (.overTheShoulder, ["over-the-shoulder", "over the shoulder", "ots", "过肩"]),
        (.pointOfView, ["point of view", "point-of-view", "pov", "主观镜头", "主观"]),
        (.insert, ["insert", "插入镜头", "插入"]),
        (.medium, ["medium shot", "medium", "mid shot", "ms", "angle on", "中景"]),
    ]
}
