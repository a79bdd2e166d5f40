// swift-tools-version:6.0
import PackageDescription

/// Upcoming language features every Swift target compiles with.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Cairn",
    products: [
        .executable(name: "cairn", targets: ["Cairn"])
    ],
    targets: [
        // System libraries from Debian: a module map and a shim header each.
        .systemLibrary(name: "CH2O", pkgConfig: "libh2o-evloop", providers: [.apt(["libh2o-evloop-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),

        .target(name: "HTTPServer", dependencies: ["CH2O"], swiftSettings: swiftSettings),
        .target(name: "Database", dependencies: ["CLibPQ", "CSQLite"], swiftSettings: swiftSettings),
        .target(
            name: "Platform",
            dependencies: ["HTTPServer", "Database", "CSodium", "CCurl", "CCrypt"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AuthService",
            dependencies: ["HTTPServer", "Database", "Platform"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "UserService",
            dependencies: ["HTTPServer", "Database", "Platform"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ProjectService",
            dependencies: ["HTTPServer", "Database", "Platform"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TaskService",
            dependencies: ["HTTPServer", "Database", "Platform"],
            swiftSettings: swiftSettings
        ),
        // Reading GitHub issue exports; writing them is the services' own import code, called by Cairn.
        .target(name: "GitHubImport", dependencies: ["HTTPServer", "Platform"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "Cairn",
            dependencies: [
                "HTTPServer", "Database", "Platform", "AuthService", "UserService", "ProjectService", "TaskService",
                "GitHubImport",
            ],
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "DatabaseTests", dependencies: ["Database"], swiftSettings: swiftSettings),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ProjectServiceTests",
            dependencies: ["ProjectService", "Platform", "Database", "HTTPServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TaskServiceTests",
            dependencies: ["TaskService", "Platform", "Database", "HTTPServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GitHubImportTests",
            dependencies: ["GitHubImport", "HTTPServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlatformTests",
            dependencies: ["Platform"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UserServiceTests",
            dependencies: ["UserService", "HTTPServer", "Database", "Platform"],
            swiftSettings: swiftSettings
        ),
    ]
)
