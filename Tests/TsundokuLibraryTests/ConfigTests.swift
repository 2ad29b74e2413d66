import Localization
import Testing
@testable import TsundokuLibrary

/// The settings file: every known key read with Yams' decoder, anything wrong named, the rest kept.
@Suite struct ConfigTests {
    @Test func knownSettingsAreReadAndBadOnesNamed() {
        let (config, warnings) = Config.parse("""
            library: [~/Notes/Omnivore, /srv/reading]
            theme: solarized-dark
            mark_read_on_open: perhaps
            browser: "firefox --new-tab %s"
            colour: blue
            state: [not, a, path]
            """, path: "/c.yaml")
        #expect(config.library == [Paths.home + "/Notes/Omnivore", "/srv/reading"])
        #expect(config.theme == "solarized-dark")
        #expect(config.browser == "firefox --new-tab %s")
        #expect(config.markReadOnOpen, "a bad value keeps the default")
        #expect(config.state == nil)
        #expect(warnings == ["/c.yaml: mark_read_on_open must be true or false",
                             "/c.yaml: unknown setting colour (known: library, state, theme, mark_read_on_open, mark_read_at_end, browser, language, keys, feeds_at_once, feed_timeout, feed_max_size)",
                             "/c.yaml: state must be a text value"])
    }

    @Test func oneFolderIsALibraryToo() {
        #expect(Config.parse("library: /srv/reading\nmark_read_on_open: false\n", path: "/c.yaml").config.library == ["/srv/reading"])
        #expect(!Config.parse("mark_read_on_open: false\n", path: "/c.yaml").config.markReadOnOpen)
        #expect(Config.parse("library: [1, 2\n", path: "/c.yaml").warnings.first?.contains("not valid YAML") == true)
    }

    @Test func keysAndLanguageAreReadAsWritten() {
        let (config, warnings) = Config.parse("""
            language: zh_TW
            mark_read_at_end: false
            keys:
              next: [J, ctrl-n]
              quit: Q
              help: ["?", f1]
              n: [1]
              top: {a: b}
            """, path: "/c.yaml")
        #expect(config.language == .chinese && !config.markReadAtEnd)
        #expect(config.keys == [KeyBinding(command: "next", keys: ["J", "ctrl-n"]), KeyBinding(command: "quit", keys: ["Q"]),
                                KeyBinding(command: "help", keys: ["?", "f1"]), KeyBinding(command: "n", keys: ["1"])],
                "YAML's numbers and the word n are key names too")
        #expect(warnings == ["/c.yaml: keys: top must be a key or a list of keys"])
        #expect(Config.parse("keys: [next]\n", path: "/c.yaml").warnings.first?.contains("keys must map action names to keys") == true)
        #expect(Config.parse("language: klingon\n", path: "/c.yaml").warnings == ["/c.yaml: language must be zh or en, not klingon"])
    }
}
