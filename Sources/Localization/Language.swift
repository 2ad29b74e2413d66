/// The language the interface speaks: chosen once at start-up from the settings and the locale.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh"
    case english = "en"

    /// `language:` from the config when it names one, else the first of `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` that is set (POSIX order): `zh…` is Chinese, anything else English.
    public static func choose(configured: Language?, environment: [String: String]) -> Language {
        if let configured { return configured }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return locale.lowercased().hasPrefix("zh") ? .chinese : .english
    }

    /// The language a config value names: `zh`, `zh_CN`, `chinese`, `中文`, `en`, `english`, ….
    public static func named(_ name: String) -> Language? {
        let lowered = name.lowercased()
        if lowered.hasPrefix("zh") || lowered == "chinese" || name == "中文" { return .chinese }
        if lowered.hasPrefix("en") || lowered == "english" { return .english }
        return nil
    }
}
