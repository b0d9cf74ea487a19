// swift-tools-version: 6.0
import PackageDescription

#if arch(x86_64)
// The simulation's modules are compiled for x86-64-v2 (SSE4.2 and POPCNT, which every x86-64
// processor since 2009 has; `nehalem` is that set): rounding and bit counts become single
// instructions instead of calls into libm and bit-twiddling sequences, 2% of the platform model's
// instructions (Benchmarks/README.md). The arithmetic is the same, so are the results: the
// baselines are checked with `rapport check --exact`.
let simulationSettings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "nehalem"])]
#else
let simulationSettings: [SwiftSetting] = []
#endif

// The model and the modules around the simulation (reading scenarios, running experiments, reports,
// the command line) reach concrete generic types' metadata through their accessors rather than by
// mangled name.
// A mangled-name lookup checks the type's generic requirements at run time (`_DictionaryStorage<String, …>`
// needs `String: Hashable`), and each first check of a type against a protocol scans every
// protocol-conformance record of the binary, about 0.4 M instructions; the accessor passes the
// conformance it already knows. Start-up only: results are the same.
let startupSettings: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])]

// Static Foundation's libraries. The modules were compiled against the shared Foundation, whose
// link list leaves out the libraries that static Foundation needs; the group names them.
let staticFoundation = ["-Xlinker", "--start-group", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims",
                        "-l_FoundationCollections", "-lFoundation", "-lFoundationEssentials",
                        "-lFoundationInternationalization", "-Xlinker", "--end-group"]

// The web app links the Swift runtime and Foundation statically (`-static-stdlib`), as
// `swift build --static-swift-stdlib` would, but for it only: the test runner cannot (XCTest and
// Swift Testing exist only as shared libraries), and a flag for the whole build would compile
// everything twice. Dynamic linking binds some 11,000 symbols of the Swift libraries at every start
// (about 14 M instructions, half of `rapport --version`). It stays a position-independent
// executable: it faces a network, where address-space randomisation is worth more than a
// millisecond once.
let staticSwiftRuntime: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"] + staticFoundation, .when(platforms: [.linux]))]

// The command line is one static executable (`-static-executable`): the Swift runtime, Foundation,
// GSL, the C++ library and the C library are all in it, so no dynamic loader runs at start-up.
// Linked with shared GSL, libstdc++ and libc, the loader looked up some 2,000 symbols and mapped
// six libraries at every start: 2.6 M of `rapport validate`'s 13.2 M instructions, and 472 page
// faults against 354. `validate` of a small scenario took 5.4–5.6 ms on a slow machine, against
// 3.7–4.2 ms static (Benchmarks/README.md, "Start-up"). It links with lld, not gold: gold prints
// glibc's link-time warnings about functions static Foundation refers to and Rapport never calls
// (user look-ups and `dlopen`, which need the same glibc at run time). A static executable is
// position-dependent: 86 relocations are applied at start-up, glibc's choices of string functions
// for the processor (a PIE had 80,000). The group is followed by the C++ and maths libraries,
// which the static archives before them need.
let commandLineLinking: [LinkerSetting] = [
    .unsafeFlags(["-static-executable", "-use-ld=lld"] + staticFoundation + ["-lstdc++", "-lm"], .when(platforms: [.linux])),
]

let package = Package(
    name: "Rapport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rapport", targets: ["rapport"]),
        // The web app that `rapport serve` hands over to; it must sit beside `rapport`.
        .executable(name: "rapport-server", targets: ["rapport-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The C library, seen by Swift through a module map and a small shim header.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Named, seeded GSL streams and the distributions scenarios can name.
        // The only target that imports CGSL.
        .target(name: "RapportRandom", dependencies: ["CGSL"], swiftSettings: simulationSettings),
        // The discrete-event kernel: an event calendar and a run loop, nothing domain-specific.
        .target(
            name: "RapportKernel",
            dependencies: [.product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: simulationSettings
        ),
        // A cache hint (prefetch) the model's day loop gives for the records it reads next.
        .target(name: "CMemoryHints"),
        // The therapy-platform model: clients, therapists, matching, quotas, wellbeing, metrics.
        .target(name: "RapportModel", dependencies: ["RapportRandom", "RapportKernel", "CMemoryHints"],
                swiftSettings: simulationSettings + startupSettings),
        // Reading scenario YAML into a validated model configuration, with located diagnostics.
        .target(name: "RapportScenario", dependencies: ["RapportModel", "RapportRandom", "Yams"], swiftSettings: startupSettings),
        // Input modelling: reading a platform's extracts and fitting the model's inputs to them.
        .target(name: "RapportFit", dependencies: ["RapportModel", "RapportRandom"]),
        // Replications, confidence intervals, comparisons, sweeps and regression checks.
        .target(name: "RapportExperiment", dependencies: ["RapportModel", "RapportScenario", "RapportRandom", "RapportFit"],
                swiftSettings: startupSettings),
        // Rendering results as text, JSON, Markdown, CSV and HTML with SVG charts.
        .target(name: "RapportReport", dependencies: ["RapportExperiment", "RapportFit"], swiftSettings: startupSettings),
        // `rapport serve`: the local web app for leadership, its run store (SQLite) and run queue.
        .target(
            name: "RapportServer",
            dependencies: [
                "RapportExperiment", "RapportReport", "RapportScenario", "RapportModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Templates"), .copy("Assets")]
        ),
        // The command-line interface: commands, options and exit codes.
        .target(
            name: "RapportCLI",
            dependencies: [
                "RapportExperiment", "RapportReport", "RapportScenario", "RapportModel", "RapportFit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: startupSettings
        ),
        // The `rapport` executable: nothing but a call into RapportCLI.
        .executableTarget(name: "rapport", dependencies: ["RapportCLI"], linkerSettings: commandLineLinking),
        // `rapport-server`: the web app, a program of its own so that its libraries (SwiftNIO,
        // Hummingbird, GRDB, SQLite) cost the other commands nothing at start-up (ServerHandOff.swift).
        .executableTarget(
            name: "rapport-server",
            dependencies: ["RapportCLI", "RapportServer", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: staticSwiftRuntime
        ),
        .testTarget(
            name: "RapportTests",
            dependencies: ["RapportRandom", "RapportKernel", "RapportModel", "RapportScenario", "RapportFit",
                           "RapportExperiment", "RapportReport", "RapportCLI", "RapportServer"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
