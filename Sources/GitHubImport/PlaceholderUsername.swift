/// Cairn usernames for GitHub logins.
///
/// A GitHub login has 1 to 39 ASCII letters, digits and single hyphens, and app accounts end in `[bot]`.
/// A Cairn username has 3 to 100 letters, digits, `.`, `_` and `-`. A valid login is kept as it is. Other
/// logins get `_` in their changed places, and `_` never occurs in a GitHub login, so a changed login cannot
/// collide with a login kept as it is.
public enum PlaceholderUsername {
    static let minLength = 3
    static let maxLength = 100

    /// Returns the username for `login`: `dependabot[bot]` becomes `dependabot_bot`, and `ab` becomes `ab_gh`.
    public static func make(login: String) -> String {
        var base = login
        if base.hasSuffix("[bot]") {
            base = String(base.dropLast(5)) + "_bot"
        }
        var username = String(
            base.unicodeScalars.map { scalar -> Character in
                Self.isAllowed(scalar) ? Character(scalar) : "_"
            }
        )
        if username.count < Self.minLength {
            username += "_gh"
        }
        return String(username.prefix(Self.maxLength))
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }
}
