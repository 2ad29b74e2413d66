import CNcursesw
import ReaderCore

/// Curses attributes and colour pairs for each role of a theme, allocated once per theme.
struct ColorPairs {
    private var cache: [Role: (attributes: attr_t, pair: Int16)] = [:]

    init(theme: Theme, colors: Int) {
        var pairs: [[Int]: Int16] = [:]
        for role in Role.allCases {
            let style = theme.style(for: role)
            var attributes: attr_t = 0
            if style.bold { attributes |= tsu_attr_bold() }
            if style.dim { attributes |= tsu_attr_dim() }
            if style.italic { attributes |= tsu_attr_italic() }
            if style.underline { attributes |= tsu_attr_underline() }
            if style.reverse { attributes |= tsu_attr_reverse() }
            var pair: Int16 = 0
            if colors >= 8, style.foreground != nil || style.background != nil {
                let foreground = style.foreground.map { ColorMapping.index(for: $0, colors: colors) } ?? -1
                let background = style.background.map { ColorMapping.index(for: $0, colors: colors) } ?? -1
                let key = [foreground, background]
                if let existing = pairs[key] {
                    pair = existing
                } else if pairs.count + 1 < Int(tsu_color_pairs()) {
                    pair = Int16(pairs.count + 1)
                    init_pair(pair, Int16(foreground), Int16(background))
                    pairs[key] = pair
                }
            }
            cache[role] = (attributes, pair)
        }
    }

    func attributes(for style: TextStyle) -> (attributes: attr_t, pair: Int16) {
        var (attributes, pair) = cache[style.role] ?? (0, 0)
        if style.strong { attributes |= tsu_attr_bold() }
        if style.emphasis { attributes |= tsu_attr_italic() }
        if style.strikethrough { attributes |= tsu_attr_dim() }
        if style.reverse { attributes |= tsu_attr_reverse() }
        return (attributes, pair)
    }
}
