import Foundation

/// One plain-text message.
public struct Mail: Sendable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// The message as RFC 5322 text with CRLF line endings.
    func rfc5322(from: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let headers = [
            "From: \(Self.clean(from))",
            "To: \(Self.clean(self.to))",
            "Subject: \(Self.clean(self.subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@cairn>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let body = self.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n"
    }

    /// Removes CR and LF so a value cannot add headers.
    private static func clean(_ value: String) -> String {
        value.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: " ")
    }
}

/// Sends mail: to files in the data directory by default, over SMTP when configured.
public protocol Mailer: Sendable {
    func send(_ mail: Mail) async throws
}

/// Writes each message as an `.eml` file into a directory, the mail outbox of an all-in-one install.
public struct FileMailer: Mailer {
    public let directory: String
    public let from: String

    public init(directory: String, from: String) {
        self.directory = directory
        self.from = from
    }

    public func send(_ mail: Mail) async throws {
        try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        let name = "\(Timestamp.format(Date()))-\(UUID().uuidString.lowercased()).eml"
        let path = (self.directory as NSString).appendingPathComponent(name)
        try Data(mail.rfc5322(from: self.from).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        Logger.current.info("Mail written to the outbox directory", metadata: ["mail.file": name])
    }
}
