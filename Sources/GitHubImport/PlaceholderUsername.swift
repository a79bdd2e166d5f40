/// Cairn usernames for GitHub logins.
///
/// A github.com login has 1 to 39 ASCII letters, digits and hyphens (the rule of GitHub's sign-up form, as
/// the github-username-regex package documents it), and app accounts end in `[bot]`. A Cairn username has 3
/// to 100 letters, digits, `.`, `_` and `-`. A valid login is kept as it is, and other logins get `_` in their
/// changed places, which no github.com login contains.
///
/// NOTE: logins of GitHub Enterprise Managed Users contain `_` (`name_company`), so there a changed login
/// such as `ab_gh` could equal a real one and both people would share one placeholder.
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
