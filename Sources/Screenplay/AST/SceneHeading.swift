/// Where a scene heading says the camera is.
public enum Setting: String, Hashable, Sendable, Codable {
    /// `INT.`, `内景`
    case interior
    /// `EXT.`, `外景`
    case exterior
    /// `INT./EXT.`, `I/E`, `内/外景`
    case interiorExterior
    /// `EST.` — an establishing shot of a location
    case establishing
}

/// A scene heading (slugline): `INT. KITCHEN - NIGHT #12A#`, `.SNIPER SCOPE POV`, `内景 咖啡馆 - 夜`.
public struct SceneHeading: Hashable, Sendable, Codable {
    /// The heading as written, without the forcing `.` and the scene number.
    public var text: String
    /// The INT/EXT prefix, or `nil` for a forced heading without one.
    public var setting: Setting?
    /// The location: the heading between its prefix and its time of day.
    public var location: String
    /// The time of day (`DAY`, `NIGHT`, `CONTINUOUS`, `夜`), when the heading gives one.
    public var timeOfDay: String?
    /// The script's own scene number from a trailing `#…#`.
    public var sceneNumber: String?
    /// Whether the heading was forced with a leading `.`.
    public var forced: Bool
    public var range: SourceRange

    /// A forced heading without an INT/EXT prefix (`.SNIPER SCOPE POV`) names a new shot in
    /// the current location, not a new place; the planner treats it so.
    public var isShot: Bool { forced && setting == nil }

    public init(text: String, setting: Setting?, location: String, timeOfDay: String?,
                sceneNumber: String?, forced: Bool, range: SourceRange) {
        self.text = text
        self.setting = setting
        self.location = location
        self.timeOfDay = timeOfDay
        self.sceneNumber = sceneNumber
        self.forced = forced
        self.range = range
    }
}
