import Foundation
import Localization
import TsundokuLibrary

/// What this run of the program speaks and reads: the settings file, read once, and the
/// language chosen from it and the locale (for help, errors and the reader alike).
enum Interface {
    static let settings: (config: Config, warnings: [String]) = Config.load(path: Paths.configFile)
    static let strings = Strings(Language.choose(configured: settings.config.language, environment: ProcessInfo.processInfo.environment))
}

/// The program's version, as `--version` prints it and the man page names it.
enum TsundokuVersion {
    static let string = "0.5.0"
}
