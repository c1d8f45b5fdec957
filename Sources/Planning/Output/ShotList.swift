import Screenplay

/// The shot list as people read it: a row per shot with its place on the timeline.
public struct ShotListRow: Hashable, Sendable {
    public var id: ShotID
    public var scene: String
    /// First frame and one past the last, on the timeline.
    public var startFrame: Int
    public var endFrame: Int
    public var frames: Int
    public var shot: Shot

    /// The rows of a plan, in order.
    public static func rows(_ plan: Plan) -> [ShotListRow] {
        zip(plan.shots, plan.startFrames).map { shot, start in
            ShotListRow(id: shot.id, scene: shot.scene, startFrame: start, endFrame: start + shot.frames,
                        frames: shot.frames, shot: shot)
        }
    }
}

/// `animatic plan`'s readable table: ID, time in and out, duration, size, move, characters,
/// and the first words of the prompt.
public enum ShotListTable {
    /// The table, one shot a line, with a header and a total.
    public static func render(_ plan: Plan, promptWidth: Int = 60) -> String {
        let rate = plan.frameRate
        var lines: [[String]] = [["ID", "IN", "OUT", "DUR", "SIZE", "MOVE", "CHARACTERS", "PROMPT"]]
        for row in ShotListRow.rows(plan) {
            let shot = row.shot
            let names = shot.characters.map(CastIndex.display).joined(separator: ", ")
            lines.append([
                row.id.rawValue, rate.timecode(frame: row.startFrame), rate.timecode(frame: row.endFrame),
                seconds(row.frames, rate: rate), shot.size.abbreviation, shot.move.shortName(shot.direction),
                names.isEmpty ? "-" : clip(names, 24), clip(shot.segments.first?.prompt ?? "", promptWidth),
            ])
        }
        let widths = (0..<lines[0].count).map { column in lines.map { Self.width($0[column]) }.max() ?? 0 }
        var out = lines.map { cells in
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - Self.width(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
        let segments = plan.shots.reduce(0) { $0 + $1.segments.count }
        out += "\n\n\(plan.shots.count) shots, \(segments) segments, \(plan.scenes.count) scenes, "
            + "running time \(rate.timecode(frame: plan.totalFrames)) (\(plan.totalFrames) frames at \(rate) fps)\n"
        return out
    }

    /// `2.5s`, to a tenth of a second.
    static func seconds(_ frames: Int, rate: FrameRate) -> String {
        let tenths = (frames * rate.den * 10 * 2 + rate.num) / (2 * rate.num)
        return "\(tenths / 10).\(tenths % 10)s"
    }

    /// Terminal columns: two for a wide (CJK) character.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && isWide($1) ? 2 : 1) }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        TextMeasure.isIdeograph(scalar) || (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
    }

    /// The text cut to `limit` columns at a word boundary, with `…` when cut.
    static func clip(_ text: String, _ limit: Int) -> String {
        guard width(text) > limit else { return text }
        var result = ""
        var used = 0
        for character in text {
            let size = width(String(character))
            if used + size > limit - 1 { break }
            used += size
            result.append(character)
        }
        if let space = result.lastIndex(of: " "), result.distance(from: space, to: result.endIndex) < 12 {
            result = String(result[..<space])
        }
        return result.trimmingCharacters(in: ",;:") + "…"
    }
}

/// The shot list editors and ADs import: RFC 4180 CSV, one row per shot.
public enum ShotListCSV {
    public static let header = ["Shot", "Scene", "Start TC", "End TC", "Frames", "Seconds", "Size", "Angle", "Move", "Lens",
                                "Characters", "Location", "INT/EXT", "Time of day", "Description", "Transition out",
                                "Segments", "Line"]

    public static func render(_ plan: Plan) -> String {
        let rate = plan.frameRate
        var rows = [header]
        for row in ShotListRow.rows(plan) {
            let shot = row.shot
            rows.append([
                shot.id.rawValue, shot.scene, rate.timecode(frame: row.startFrame), rate.timecode(frame: row.endFrame),
                String(shot.frames), String(ShotListTable.seconds(shot.frames, rate: rate).dropLast()),
                shot.size.abbreviation, shot.angle.english, shot.move.shortName(shot.direction), shot.lens ?? "",
                shot.characters.map(CastIndex.display).joined(separator: "; "), shot.location,
                settingLabel(shot), shot.timeOfDay ?? "", shot.segments.first?.card.action ?? shot.text,
                shot.transitionOut?.text ?? "", String(shot.segments.count), String(shot.range.start.line),
            ])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func settingLabel(_ shot: Shot) -> String {
        switch shot.setting {
        case .interior?: "INT"
        case .exterior?: "EXT"
        case .interiorExterior?: "INT/EXT"
        case .establishing?: "EST"
        case nil: ""
        }
    }

    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
