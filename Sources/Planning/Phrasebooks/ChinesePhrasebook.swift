import Screenplay

/// Prompts in Chinese: every word of the template and the camera language in Chinese
/// (GENERATORS.md's vocabulary), parts ending in `。`.
struct ChinesePhrasebook: Phrasebook {
    var language: PromptLanguage { .chinese }

    var continuation: String { "延续上一段画面，同一镜头" }

    func atmosphere(_ daylight: Daylight, setting: Setting?) -> String? {
        switch daylight {
        case .day: "白天，明亮的自然光"
        case .night: "夜晚，低调照明"
        case .dawn: "黎明，柔和的晨光"
        case .dusk: "黄昏，温暖的斜阳"
        case .unspecified: setting == .interior ? "柔和的室内光线" : nil
        }
    }

    func tone(_ daylight: Daylight) -> String {
        switch daylight {
        case .day: "色调自然温暖"
        case .night: "冷蓝色调，阴影深重"
        case .dawn: "柔和的粉色调"
        case .dusk: "金橙色调"
        case .unspecified: "色调自然"
        }
    }

    func environment(_ place: String, setting: Setting?) -> String {
        switch setting {
        case .interior?: "内景，\(place)"
        case .exterior?, .establishing?: "外景，\(place)"
        case .interiorExterior?: "内外景，\(place)"
        case nil: place
        }
    }

    func camera(size: ShotSize, angle: CameraAngle, move: CameraMove, direction: MoveDirection?, lens: String?) -> String {
        var terms = [size.chinese, angle.chinese, movePhrase(move, direction)]
        if let lens, !lens.isEmpty { terms.append(TextMeasure.occurs("镜头", in: lens) ? lens : "\(lens)镜头") }
        return terms.joined(separator: "，")
    }

    private func movePhrase(_ move: CameraMove, _ direction: MoveDirection?) -> String {
        switch (move, direction) {
        case (.crane, .up?): "升镜头"
        case (.crane, .down?): "降镜头"
        case (.tilt, .up?): "上摇镜头"
        case (.tilt, .down?): "下摇镜头"
        case (.pan, .left?): "向左摇镜头"
        case (.pan, .right?): "向右摇镜头"
        case (.truck, .left?): "向左移镜头"
        case (.truck, .right?): "向右移镜头"
        case (.zoom, .in?): "变焦推近"
        case (.zoom, .out?): "变焦拉远"
        default: move.chinesePhrase
        }
    }

    func sizeTerm(_ size: ShotSize) -> String { size.chinese }
    func angleTerm(_ angle: CameraAngle) -> String { angle.chinese }
    func moveTerm(_ move: CameraMove, _ direction: MoveDirection?) -> String {
        direction == nil ? move.chinese : movePhrase(move, direction)
    }

    var titleCamera: String { "固定镜头" }
    var titleTone: String { "简洁的字幕画面，高对比度" }
    func style(_ style: String) -> String { "风格：\(style)" }
    func titleCard(_ title: String) -> String { "字幕卡：“\(title)”，黑底白字" }

    func place(_ location: String) -> String { location }
    func establishing(_ place: String?) -> String { "建立镜头，展现\(place ?? "场景")的全貌" }
    func exterior(_ place: String) -> String { "建立镜头，从外面展现\(place)的外观" }
    var listSeparator: String { "，" }
    func list(_ names: [String]) -> String { names.isEmpty ? "有人" : names.joined(separator: "和") }

    func verb(_ speech: SpeechKind, manner: String?) -> String {
        let verb = switch speech {
        case .says: "正在说话"
        case .asks: "正在提问"
        case .exclaims: "激动地说话"
        case .sings: "正在唱歌"
        }
        guard let manner, !manner.isEmpty else { return verb }
        return "\(verb)，\(manner)"
    }

    func overTheShoulder(foreground: String, speaker: String, verb: String) -> String {
        "越过\(foreground)的肩膀，\(speaker)对\(foreground)\(verb)"
    }

    func facing(speaker: String, others: String, verb: String) -> String { "\(speaker)和\(others)面对面，\(speaker)\(verb)" }
    func speaks(_ speaker: String, to others: String?, verb: String) -> String {
        others.map { "\(speaker)对\($0)\(verb)" } ?? "\(speaker)\(verb)"
    }

    func exchange(_ names: String) -> String { "\(names)你一言我一语地交谈" }
    func simultaneous(_ names: String) -> String { "\(names)同时说话" }
    func action(_ action: String, thenSpeaks speaker: String, verb: String) -> String {
        let ended = action.last.map { "。！？”".contains($0) } ?? false
        return ended ? "\(action)\(speaker)\(verb)" : "\(action)；\(speaker)\(verb)"
    }
    func overShoulder(_ foreground: String, _ seen: String) -> String { "越过\(foreground)的肩膀：\(seen)" }
    func pointOfView(_ who: String, _ seen: String) -> String { "\(who)的主观视角：\(seen)" }
    func listensInSilence(_ who: String) -> String { "\(who)默默倾听，做出反应" }
    func listensQuietly(_ who: String) -> String { "\(who)静静地倾听" }
    var sceneHolds: String { "画面静止" }
    func description(_ description: String) -> String { "（\(description)）" }
    func inFrame(_ described: [String]) -> String { "画面中有" + described.joined(separator: "、") }

    var defaultNegative: String { "画面模糊，低分辨率，面部扭曲，手部畸形，多余的肢体，文字，字幕，水印，标志，闪烁，抖动" }
}
