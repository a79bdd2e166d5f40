import CSodium

/// Base64 encoding and strict decoding through libsodium, in the variants that the formats here use.
enum SodiumBase64 {
    enum Variant {
        /// RFC 4648 section 4 with `=` padding, as in Django's PBKDF2 hashes.
        case standard
        /// RFC 4648 section 4 without padding, as in Argon2 hash strings.
        case standardNoPadding
        /// RFC 4648 section 5 without padding, as in JWTs.
        case urlSafeNoPadding

        var sodiumValue: Int32 {
            switch self {
            case .standard: sodium_base64_VARIANT_ORIGINAL
            case .standardNoPadding: sodium_base64_VARIANT_ORIGINAL_NO_PADDING
            case .urlSafeNoPadding: sodium_base64_VARIANT_URLSAFE_NO_PADDING
            }
        }

        /// Length of the encoding of `byteCount` bytes, without the C string terminator.
        func encodedLength(of byteCount: Int) -> Int {
            switch self {
            case .standard: (byteCount + 2) / 3 * 4
            case .standardNoPadding, .urlSafeNoPadding: (byteCount * 4 + 2) / 3
            }
        }
    }

    static func encode(_ bytes: some Collection<UInt8>, variant: Variant) -> String {
        Sodium.initialize()
        let length = variant.encodedLength(of: bytes.count)
        // sodium_bin2base64 writes a terminating NUL after the text.
        var text = [CChar](repeating: 0, count: length + 1)
        withContiguousBytes(of: bytes) { input in
            _ = sodium_bin2base64(
                &text,
                text.count,
                input.baseAddress?.assumingMemoryBound(to: UInt8.self),
                input.count,
                variant.sodiumValue
            )
        }
        return String(decoding: text[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes `text`, or returns nil unless all of it is valid in `variant`.
    ///
    /// libsodium rejects characters outside the alphabet (whitespace included), missing or extra
    /// padding, and non-zero unused bits in the last character, so every byte string has exactly
    /// one accepted encoding.
    static func decode(_ text: some StringProtocol, variant: Variant) -> [UInt8]? {
        var text = String(text)
        return text.withUTF8 { input in
            self.decode(UnsafeRawBufferPointer(input), variant: variant)
        }
    }

    /// Decodes the ASCII text in `input`, with the same rules as `decode(_:variant:)`.
    static func decode(_ input: UnsafeRawBufferPointer, variant: Variant) -> [UInt8]? {
        Sodium.initialize()
        guard !input.isEmpty else {
            return []
        }
        let capacity = input.count / 4 * 3 + 3
        var bytes = [UInt8](repeating: 0, count: capacity)
        var decodedCount = 0
        let status = bytes.withUnsafeMutableBufferPointer { output in
            sodium_base642bin(
                output.baseAddress!,
                output.count,
                input.baseAddress!.assumingMemoryBound(to: CChar.self),
                input.count,
                nil,
                &decodedCount,
                nil,
                variant.sodiumValue
            )
        }
        guard status == 0 else {
            return nil
        }
        bytes.removeSubrange(decodedCount...)
        return bytes
    }
}
