// swift-tools-version: 6.0
import PackageDescription

/// The settings of the modules the `animatic` launcher links, which must not import Foundation.
let launcherModule: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "animatic",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "animatic", targets: ["AnimaticLean"]),
        .executable(name: "animatic-commands", targets: ["AnimaticCLI"]),
        .executable(name: "animatic-media", targets: ["AnimaticMedia"]),
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
        // Screenplay, Planning and QuickCommands import no Foundation, not even
        // FoundationEssentials: the `animatic` launcher links them (bench/README.md, "Start-up").
        // MemberImportVisibility: a file sees only the members of the modules it imports itself,
        // so that one file's `import Foundation` cannot bring Foundation's `String` methods to
        // the rest of the module unseen.
        .target(name: "Screenplay", swiftSettings: launcherModule),

        // Stage 2: screenplay → shots, timing, segments, prompts. Pure values, deterministic.
        .target(name: "Planning", dependencies: ["Screenplay"], swiftSettings: launcherModule),
        // The prompts' compliance check (docs/compliance.md), with the lists it ships (public
        // figures, sensitive terms) as data files: apart from Planning, whose module would
        // otherwise load them through Foundation's `Bundle`.
        .target(name: "Compliance", dependencies: ["Planning", "Screenplay"], resources: [.copy("Data")]),
        // The parse tree's and the plan's documented JSON forms (docs/screenplay-json.md,
        // docs/plan-json.md): Foundation's encoders, apart from Screenplay and Planning, which
        // the `animatic` launcher links without any Foundation.
        .target(name: "JSONForms", dependencies: ["Screenplay", "Planning"]),

        // The values settings take that every layer shares — backends, frame sizes, voices —
        // with no media or speech library linked, so that the `animatic` front end can read them.
        .target(name: "SettingValues"),

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
        // SHA-256 in C: the x86-64 SHA extensions when the CPU has them (CPUID), else portable
        // C; the cache's keys and the outputs' digests (Sources/CSHA256/NOTICE).
        .target(name: "CSHA256", exclude: ["NOTICE"]),
        // zlib (FFmpeg's own dependency), for PNGs deflated in independent bands.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // Files, frames and filter graphs; knows nothing of shots.
        .target(name: "Media", dependencies: ["CFFmpeg", "CFFmpegShims", "CSHA256", "CZlib"]),

        // eSpeak NG's C library, the offline text-to-speech engine the scratch voices use.
        .systemLibrary(
            name: "CEspeakNG", pkgConfig: "espeak-ng",
            providers: [.apt(["libespeak-ng-dev", "espeak-ng-data"]), .brew(["espeak-ng"])]
        ),
        // Text to speech samples through eSpeak NG, one utterance at a time; knows no scripts.
        .target(name: "Speech", dependencies: ["CEspeakNG", "SettingValues"]),

        // Stage 3: generators (built-in storyboard renderer, remote backends), scheduler, clip cache.
        .target(name: "Generation", dependencies: ["Planning", "Media", "SettingValues", "CSHA256"]),
        // Cut lists from the timeline: EDL, FCP 7 XML, FCPXML, OTIO, SRT, CSV. Pure text writers.
        .target(name: "CutLists", dependencies: ["Planning"]),

        // What the commands read before any media work: the script, the project file
        // (animatic.yaml or .toml), the review file, the settings in effect, the outputs'
        // paths, and the plan with its diagnostics. No FFmpeg or eSpeak NG is linked, so
        // that the `animatic` front end starts fast.
        .target(name: "Project", dependencies: ["Screenplay", "Planning", "Compliance", "CutLists", "SettingValues",
                                                .product(name: "Yams", package: "Yams")]),
        // The build: ties the stages together; reads the project file (animatic.yaml or .toml).
        .target(name: "Animatic", dependencies: ["Screenplay", "Planning", "JSONForms", "Project", "Generation", "Media", "CutLists", "Speech",
                                                 .product(name: "Yams", package: "Yams")]),
        // The served review page (`animatic review FILE`): an HTTP server on loopback over the
        // review file and the build's outputs. Its own target, so the core library does not link
        // it; only `animatic-media` does (the front end hands `review` to it).
        .target(name: "ReviewServer", dependencies: ["Animatic", "Project", "Planning", "JSONForms", "CutLists",
                                                     .product(name: "FlyingFox", package: "FlyingFox")],
                resources: [.copy("Page")]),
        // The command line: every command's flags, help and exit codes, and the commands that
        // need no media (parse, check, plan and export without sound). The media work is
        // behind `MediaCommands`, so that FFmpeg and eSpeak NG are not linked here.
        .target(
            name: "AnimaticCommands",
            dependencies: ["Project", "SettingValues", "Screenplay", "Planning", "Compliance", "CutLists", "JSONForms", "QuickCommands",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The `animatic-commands` program: the front end, which the `animatic` launcher runs
        // for every command it does not run itself, and which runs `animatic-media` for a
        // command that needs the media layer. Named apart from `Animatic` so case-insensitive
        // file systems cope.
        // `make build` links the Swift runtime and Foundation into it (`--static-swift-stdlib`,
        // in a build folder of its own): the front end then loads no shared Swift library
        // either. (The helper cannot: its FoundationNetworking links libcurl.) A linker flag
        // alone cannot: the modules must be compiled against the static Foundation too.
        .executableTarget(name: "AnimaticCLI", dependencies: ["AnimaticCommands"]),
        // What the `animatic` launcher runs itself — `check FILE` when no project or review
        // file is beside the script — on Screenplay and Planning alone, without Foundation.
        .target(name: "QuickCommands", dependencies: ["Screenplay", "Planning"], swiftSettings: launcherModule),
        // The `animatic` program users run: the launcher. It does what QuickCommands can, and
        // otherwise runs `animatic-commands` (the front end above) in its own place, found
        // beside its own file, as that one runs `animatic-media`. It never loads Foundation,
        // so it starts in about a millisecond (bench/README.md, "Start-up", session 5).
        // A release build links it as a static executable: no dynamic loader, no relocations
        // by symbol, half the page faults — 1 ms of a check's 4 (bench/README.md, "Start-up").
        // With lld, the toolchain's own: gold repeats glibc's note, for every static program,
        // that the Swift runtime's dlopen needs the glibc it was linked with at run time (a
        // check calls none: `strace` shows no library opened).
        .executableTarget(
            name: "AnimaticLean", dependencies: ["QuickCommands"], swiftSettings: launcherModule,
            linkerSettings: [
                .unsafeFlags(["-static-executable", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release)),
            ]),
        // The `animatic-media` program: the same commands, with the media work in process.
        .executableTarget(
            name: "AnimaticMedia",
            dependencies: ["AnimaticCommands", "Animatic", "Planning", "Generation", "Media", "CutLists", "ReviewServer",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // What every test target shares: scratch directories, golden files.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "ScreenplayTests", dependencies: ["Screenplay", "JSONForms", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "Compliance", "JSONForms", "Screenplay", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "MediaTests", dependencies: ["Media", "TestSupport"]),
        .testTarget(name: "SpeechTests", dependencies: ["Speech"]),
        // Test servers that speak the DashScope and ComfyUI protocols on loopback, for the
        // backend tests and the build's end-to-end tests.
        .target(name: "TestServers", path: "Tests/TestServers", exclude: ["Servers"]),
        .testTarget(name: "GenerationTests", dependencies: ["Generation", "Planning", "Screenplay", "Media", "CSHA256", "TestServers", "TestSupport"],
                    exclude: ["Fakes"]),
        .testTarget(name: "CutListsTests", dependencies: ["CutLists", "Planning", "Screenplay", "TestSupport"], exclude: ["Golden"]),
        // Browser/: the Selenium script that drives the served review page in Chromium.
        .testTarget(name: "AnimaticTests", dependencies: ["Animatic", "AnimaticCommands", "Project", "Screenplay", "Planning", "JSONForms", "QuickCommands", "AnimaticCLI", "AnimaticLean", "AnimaticMedia", "TestServers", "TestSupport"],
                    exclude: ["Fakes", "Browser"]),

        // Benchmarks (bench/README.md): release builds compared with reference tools.
        .executableTarget(name: "screenplay-bench", dependencies: ["Screenplay"], path: "bench/screenplay"),
        .executableTarget(name: "planning-bench", dependencies: ["Planning", "Screenplay"], path: "bench/planning"),
        .executableTarget(name: "shotlist-bench", dependencies: ["Planning", "Screenplay"], path: "bench/shotlist"),
        .executableTarget(name: "media-bench", dependencies: ["Media"], path: "bench/media"),
        .executableTarget(name: "digest-bench", dependencies: ["CSHA256", "CFFmpeg"], path: "bench/digest"),
        .executableTarget(
            name: "scheduler-bench", dependencies: ["Animatic", "Generation", "Planning", "Media", "TestServers"],
            path: "bench/scheduler"),
    ],
    swiftLanguageModes: [.v6]
)
