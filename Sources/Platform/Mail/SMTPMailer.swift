import CCurl
import Foundation

/// Sends mail over SMTP with libcurl, on the blocking pool.
public struct SMTPMailer: Mailer {
    /// `smtp://user:pass@host:port` or `smtps://…`.
    public let url: String
    public let from: String
    let pool: BlockingPool

    public init(url: String, from: String, pool: BlockingPool) {
        self.url = url
        self.from = from
        self.pool = pool
    }

    public func send(_ mail: Mail) async throws {
        let message = Array(mail.rfc5322(from: self.from).utf8)
        let url = self.url
        let sender = Self.address(in: self.from)
        try await self.pool.run {
            try Self.deliver(message, to: mail.to, from: sender, url: url)
        }
        Logger.current.info("Mail sent over SMTP")
    }

    /// The bare address inside `Name <address>`, or the text itself.
    static func address(in text: String) -> String {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close])
        }
        return text
    }

    private final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    private static func deliver(_ message: [UInt8], to recipient: String, from sender: String, url: String) throws {
        guard let handle = curl_easy_init() else { throw MailError("curl_easy_init failed") }
        defer { curl_easy_cleanup(handle) }

        var recipients: UnsafeMutablePointer<curl_slist>? = nil
        recipients = curl_slist_append(recipients, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }

        let upload = Upload(message)
        let context = Unmanaged.passRetained(upload)
        defer { context.release() }

        _ = cairn_curl_set_string(handle, CURLOPT_URL, url)
        _ = cairn_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>")
        _ = cairn_curl_set_pointer(handle, CURLOPT_MAIL_RCPT, recipients)
        _ = cairn_curl_set_long(handle, CURLOPT_UPLOAD, 1)
        _ = cairn_curl_set_long(handle, CURLOPT_TIMEOUT, 30)
        _ = cairn_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = cairn_curl_set_pointer(handle, CURLOPT_READDATA, context.toOpaque())
        _ = cairn_curl_set_read_function(handle) { buffer, size, count, context in
            let upload = Unmanaged<Upload>.fromOpaque(context!).takeUnretainedValue()
            let capacity = size * count
            let remaining = upload.bytes.count - upload.offset
            let length = min(capacity, remaining)
            if length > 0 {
                upload.bytes.withUnsafeBufferPointer { source in
                    UnsafeMutableRawPointer(buffer!).copyMemory(
                        from: source.baseAddress! + upload.offset,
                        byteCount: length
                    )
                }
                upload.offset += length
            }
            return length
        }

        let result = curl_easy_perform(handle)
        guard result == CURLE_OK else {
            throw MailError("SMTP delivery failed: \(String(cString: curl_easy_strerror(result)))")
        }
    }
}

/// A mail that could not be delivered; the message names libcurl's reason, never the credentials.
public struct MailError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
