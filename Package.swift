// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "animatic",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "animatic", targets: ["AnimaticCLI"]),
        .library(name: "Screenplay", targets: ["Screenplay"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML project files (animatic.yaml): its composed nodes carry line and column marks.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The review page's HTTP server (`animatic review FILE`): FlyingFox needs no SwiftNIO,
        // so a fresh build (CI's) stays minutes shorter than with Hummingbird.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Stage 1: Fountain reader. No dependencies, never throws on bad text.
        .target(name: "Screenplay"),

        // Stage 2: screenplay → shots, timing, segments, prompts. Pure values, deterministic.
        // Its compliance lists (public figures, sensitive terms) are data files shipped with it.
        .target(name: "Planning", dependencies: ["Screenplay"], resources: [.copy("Compliance/Data")]),

        // FFmpeg's C libraries, and C shims for the macros Swift cannot import.
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat libavcodec libavfilter libavutil libswscale libswresample",
            providers: [
                .apt(["libavformat-dev", "libavcodec-dev", "libavfilter-dev", "libavutil-dev", "libswscale-dev",
                      "libswresample-dev"]),
                .brew(["ffmpeg"]),
            ]
        ),
        .target(name: "CFFmpegShims", dependencies: ["CFFmpeg"]),
        // Files, frames and filter graphs; knows nothing of shots.
        .target(name: "Media", dependencies: ["CFFmpeg", "CFFmpegShims"]),

        // eSpeak NG's C library, the offline text-to-speech engine the scratch voices use.
        .systemLibrary(
            name: "CEspeakNG", pkgConfig: "espeak-ng",
            providers: [.apt(["libespeak-ng-dev", "espeak-ng-data"]), .brew(["espeak-ng"])]
        ),
        // Text to speech samples through eSpeak NG, one utterance at a time; knows no scripts.
        .target(name: "Speech", dependencies: ["CEspeakNG"]),

        // Stage 3: generators (built-in storyboard renderer, remote backends), scheduler, clip cache.
        .target(name: "Generation", dependencies: ["Planning", "Media"]),
        // Cut lists from the timeline: EDL, FCP 7 XML, FCPXML, OTIO, SRT, CSV. Pure text writers.
        .target(name: "CutLists", dependencies: ["Planning"]),

        // The build: ties the stages together; reads the project file (animatic.yaml or .toml).
        .target(name: "Animatic", dependencies: ["Screenplay", "Planning", "Generation", "Media", "CutLists", "Speech",
                                                 .product(name: "Yams", package: "Yams")]),
        // The served review page (`animatic review FILE`): an HTTP server on loopback over the
        // review file and the build's outputs. Its own target, so the core library does not link it.
        .target(name: "ReviewServer", dependencies: ["Animatic", "Planning", "CutLists",
                                                     .product(name: "FlyingFox", package: "FlyingFox")],
                resources: [.copy("Page")]),
        // The command line (the `animatic` program): parses flags, calls Animatic, maps errors
        // to exit codes. Named apart from `Animatic` so case-insensitive file systems cope.
        .executableTarget(
            name: "AnimaticCLI",
            dependencies: ["Animatic", "Screenplay", "Planning", "Generation", "CutLists", "ReviewServer",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // What every test target shares: scratch directories, golden files.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ScreenplayTests", dependencies: ["Screenplay", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "Screenplay", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "MediaTests", dependencies: ["Media", "TestSupport"]),
        .testTarget(name: "SpeechTests", dependencies: ["Speech"]),
        // Test servers that speak the DashScope and ComfyUI protocols on loopback, for the
        // backend tests and the build's end-to-end tests.
        .target(name: "TestServers", path: "Tests/TestServers", exclude: ["Servers"]),
        .testTarget(name: "GenerationTests", dependencies: ["Generation", "Planning", "Screenplay", "Media", "TestServers", "TestSupport"],
                    exclude: ["Fakes"]),
        .testTarget(name: "CutListsTests", dependencies: ["CutLists", "Planning", "Screenplay", "TestSupport"], exclude: ["Golden"]),
        // Browser/: the Selenium script that drives the served review page in Chromium.
        .testTarget(name: "AnimaticTests", dependencies: ["Animatic", "Screenplay", "AnimaticCLI", "TestServers", "TestSupport"],
                    exclude: ["Fakes", "Browser"]),

        // Benchmarks (bench/README.md): release builds compared with reference tools.
        .executableTarget(name: "screenplay-bench", dependencies: ["Screenplay"], path: "bench/screenplay"),
        .executableTarget(name: "planning-bench", dependencies: ["Planning", "Screenplay"], path: "bench/planning"),
        .executableTarget(name: "shotlist-bench", dependencies: ["Planning", "Screenplay"], path: "bench/shotlist"),
        .executableTarget(name: "media-bench", dependencies: ["Media"], path: "bench/media"),
        .executableTarget(
            name: "scheduler-bench", dependencies: ["Animatic", "Generation", "Planning", "Media", "TestServers"],
            path: "bench/scheduler"),
    ],
    swiftLanguageModes: [.v6]
)
