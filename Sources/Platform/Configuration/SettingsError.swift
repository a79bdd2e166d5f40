/// A setting that could not be used; the message names the setting and the accepted values.
public struct SettingsError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
