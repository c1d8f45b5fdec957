import Planning
import Screenplay

/// The colours of a storyboard card, from the light the scene plays in and whether it is
/// inside or outside: sky and ground outdoors, wall and floor indoors.
struct CardPalette: Hashable, Sendable {
    /// The upper part of the picture: sky or wall.
    var backdrop: String
    /// The lower part: ground or floor.
    var ground: String
    /// The framing guide's subject.
    var subject: String
    /// The subject's eyes and the set's details: a shade of the subject.
    var detail: String
    /// Whether the scene is outside (a horizon) rather than inside (a wall with a door).
    var isExterior: Bool

    init(daylight: Daylight, setting: Setting?) {
        let exterior = setting == .exterior || setting == .establishing || setting == .interiorExterior
        isExterior = exterior
        switch (daylight, exterior) {
        case (.day, true): (backdrop, ground, subject, detail) = ("0x8fb4d4", "0x7e8a62", "0x2f3542", "0x5a6478")
        case (.day, false): (backdrop, ground, subject, detail) = ("0xc9b79c", "0x8c7358", "0x343038", "0x6b5f55")
        case (.night, true): (backdrop, ground, subject, detail) = ("0x1c2745", "0x111829", "0x9fb0d0", "0x3a4a70")
        case (.night, false): (backdrop, ground, subject, detail) = ("0x34304a", "0x242032", "0xb7b0cf", "0x4c4666")
        case (.dawn, true): (backdrop, ground, subject, detail) = ("0xe3a98c", "0x6f5d72", "0x3a2e3f", "0xb07f7a")
        case (.dawn, false): (backdrop, ground, subject, detail) = ("0xc79c8e", "0x7a6170", "0x3a2e3f", "0x9a7474")
        case (.dusk, true): (backdrop, ground, subject, detail) = ("0xc8745a", "0x48334f", "0x2a1f2e", "0x8c5148")
        case (.dusk, false): (backdrop, ground, subject, detail) = ("0x9a6553", "0x573b3f", "0x2a1f2e", "0x7a4e45")
        case (.unspecified, true): (backdrop, ground, subject, detail) = ("0x8f9aa3", "0x66707a", "0x2b3036", "0x59626c")
        case (.unspecified, false): (backdrop, ground, subject, detail) = ("0xa39d94", "0x736b62", "0x2b2a2e", "0x5f5852")
        }
    }
}
