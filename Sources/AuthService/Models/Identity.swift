import Foundation

/// Validation and normalisation of emails, usernames and passwords.
enum Identity {
    /// Returns the comparison key of an email: NFC, then lower-cased, so addresses that differ only in case or
    /// Unicode form collide.
    static func emailKey(_ email: String) -> String {
        email.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// Returns the comparison key of a username, built the same way.
    static func usernameKey(_ username: String) -> String {
        username.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// Returns the stored form of an email: trimmed, NFC and lower-cased, as the original design stored it.
    static func normalizedEmail(_ email: String) -> String {
        self.emailKey(email.trimmingCharacters(in: .whitespaces))
    }

    /// Returns a problem with `email`, or nil when it looks like an address: one `@`, a non-empty local part, a dotted
    /// domain, no spaces or control characters, at most 254 characters.
    static func emailProblem(_ email: String) -> String? {
        guard email.count <= 254 else { return "Enter a valid email address of at most 254 characters" }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return "Enter a valid email address" }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            return "Enter a valid email address"
        }
        let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(
            CharacterSet(charactersIn: "<>()[],;:\\\"")
        )
        guard email.unicodeScalars.allSatisfy({ !forbidden.contains($0) }) else { return "Enter a valid email address" }
        return nil
    }

    /// Returns a problem with `username`, or nil when it is 3–100 characters of letters, digits, `.`, `_` and `-`.
    static func usernameProblem(_ username: String) -> String? {
        guard (3...100).contains(username.count) else { return "Must be 3 to 100 characters" }
        let allowed = CharacterSet.letters.union(.decimalDigits).union(CharacterSet(charactersIn: "._-"))
        guard username.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            return "Use only letters, digits, '.', '_' and '-'"
        }
        return nil
    }

    /// Returns a problem with a new password, or nil when it is 8 to 1024 characters.
    static func passwordProblem(_ password: String) -> String? {
        guard password.count >= 8 else { return "Must be at least 8 characters" }
        guard password.utf8.count <= 1024 else { return "Must be at most 1024 bytes" }
        return nil
    }
}
