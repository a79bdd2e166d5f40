import Foundation

extension Settings {
    /// Reads the environment, then the flags in `arguments` (`--port 8080` or `--port=8080`).
    ///
    /// - Throws: ``SettingsError`` for an unknown flag, a flag without a value, or a value out of range.
    public static func load(arguments: [String], environment: [String: String]) throws -> Settings {
        var values: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix("CAIRN_") {
            values[name] = value
        }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { throw SettingsError("unexpected argument \"\(argument)\"") }
            var name = String(argument.dropFirst(2))
            var value: String
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            } else {
                index += 1
                guard index < arguments.count else { throw SettingsError("missing value for --\(name)") }
                value = arguments[index]
            }
            let variable = "CAIRN_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
            guard Self.isKnown(variable) else { throw SettingsError("unknown option --\(name)") }
            values[variable] = value
            index += 1
        }

        var settings = Settings()
        try settings.apply(values)
        return settings
    }

    private static let fixedNames: Set<String> = [
        "CAIRN_HOST", "CAIRN_PORT", "CAIRN_DATA_DIR", "CAIRN_SERVICES", "CAIRN_DATABASE_URL", "CAIRN_REDIS_URL",
        "CAIRN_JWT_SECRET", "CAIRN_SMTP_URL", "CAIRN_MAIL_FROM", "CAIRN_RATE_LIMIT_ANON", "CAIRN_RATE_LIMIT_USER",
        "CAIRN_RATE_LIMIT_AUTH", "CAIRN_TRUSTED_PROXIES", "CAIRN_LOCKOUT_THRESHOLD", "CAIRN_LOCKOUT_MINUTES",
        "CAIRN_MAX_UPLOAD_BYTES", "CAIRN_MAX_JSON_BYTES", "CAIRN_MEMBERSHIP_CACHE_SECONDS", "CAIRN_BLOB_STORE",
        "CAIRN_LOG_LEVEL", "CAIRN_LOOPS", "CAIRN_SHUTDOWN_SECONDS", "CAIRN_PUBLIC_URL", "CAIRN_MIGRATE_ON_START",
    ]

    private static func isKnown(_ variable: String) -> Bool {
        if Self.fixedNames.contains(variable) { return true }
        for service in ServiceName.all {
            let upper = service.rawValue.uppercased()
            let database = service.databaseName.uppercased()
            if variable == "CAIRN_\(database)_DATABASE_URL" || variable == "CAIRN_\(upper)_URL" { return true }
        }
        return false
    }

    private mutating func apply(_ values: [String: String]) throws {
        if let host = values["CAIRN_HOST"] { self.host = host }
        if let port = values["CAIRN_PORT"] { self.port = try Self.integer(port, "CAIRN_PORT", 0...65535) }
        if let directory = values["CAIRN_DATA_DIR"], !directory.isEmpty { self.dataDirectory = directory }
        if let list = values["CAIRN_SERVICES"] { self.services = try Self.services(list) }
        self.databaseURL = values["CAIRN_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.redisURL = values["CAIRN_REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.jwtSecret = values["CAIRN_JWT_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        self.smtpURL = values["CAIRN_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let from = values["CAIRN_MAIL_FROM"], !from.isEmpty { self.mailFrom = from }
        if let rule = values["CAIRN_RATE_LIMIT_ANON"] { self.rateLimitAnonymous = try RateLimitRule.parse(rule) }
        if let rule = values["CAIRN_RATE_LIMIT_USER"] { self.rateLimitUser = try RateLimitRule.parse(rule) }
        if let rule = values["CAIRN_RATE_LIMIT_AUTH"] { self.rateLimitAuth = try RateLimitRule.parse(rule) }
        if let proxies = values["CAIRN_TRUSTED_PROXIES"] {
            self.trustedProxies = Set(proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        if let value = values["CAIRN_LOCKOUT_THRESHOLD"] {
            self.lockoutThreshold = try Self.integer(value, "CAIRN_LOCKOUT_THRESHOLD", 1...1000)
        }
        if let value = values["CAIRN_LOCKOUT_MINUTES"] {
            self.lockoutMinutes = try Self.integer(value, "CAIRN_LOCKOUT_MINUTES", 1...10_080)
        }
        if let value = values["CAIRN_MAX_UPLOAD_BYTES"] {
            self.maxUploadBytes = try Self.integer(value, "CAIRN_MAX_UPLOAD_BYTES", 1...(1 << 32))
        }
        if let value = values["CAIRN_MAX_JSON_BYTES"] {
            self.maxJSONBytes = try Self.integer(value, "CAIRN_MAX_JSON_BYTES", 1024...(64 << 20))
        }
        if let value = values["CAIRN_MEMBERSHIP_CACHE_SECONDS"] {
            self.membershipCacheSeconds = try Self.integer(value, "CAIRN_MEMBERSHIP_CACHE_SECONDS", 0...5)
        }
        self.blobStore = values["CAIRN_BLOB_STORE"].flatMap { $0.isEmpty ? nil : $0 }
        if let name = values["CAIRN_LOG_LEVEL"] {
            guard let level = Logger.Level(name: name) else {
                throw SettingsError("invalid CAIRN_LOG_LEVEL \"\(name)\": use debug, info, warning or error")
            }
            self.logLevel = level
        }
        if let value = values["CAIRN_LOOPS"] { self.loops = try Self.integer(value, "CAIRN_LOOPS", 0...256) }
        if let value = values["CAIRN_SHUTDOWN_SECONDS"] {
            guard let seconds = Double(value), seconds >= 0, seconds <= 3600 else {
                throw SettingsError("invalid CAIRN_SHUTDOWN_SECONDS \"\(value)\": use 0 to 3600 seconds")
            }
            self.shutdownSeconds = seconds
        }
        self.publicURL = values["CAIRN_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let value = values["CAIRN_MIGRATE_ON_START"] {
            self.migrateOnStart = !["0", "false", "no", "off"].contains(value.lowercased())
        }

        for service in ServiceName.all {
            if let url = values["CAIRN_\(service.databaseName.uppercased())_DATABASE_URL"], !url.isEmpty {
                self.serviceDatabaseURLs[service.databaseName] = url
            }
            if let url = values["CAIRN_\(service.rawValue.uppercased())_URL"], !url.isEmpty {
                self.serviceURLs[service] = url
            }
        }
    }

    private static func integer(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw SettingsError(
                "invalid \(name) \"\(text)\": use a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return value
    }

    private static func services(_ list: String) throws -> [ServiceName] {
        var result: [ServiceName] = []
        for part in list.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "all" { return ServiceName.all }
            guard let service = ServiceName.all.first(where: { $0.rawValue == name }) else {
                let known = ServiceName.all.map(\.rawValue).joined(separator: ", ")
                throw SettingsError("unknown service \"\(name)\" in CAIRN_SERVICES: use some of \(known)")
            }
            result.append(service)
        }
        guard !result.isEmpty else { throw SettingsError("CAIRN_SERVICES is empty: name at least one service") }
        return result
    }
}
