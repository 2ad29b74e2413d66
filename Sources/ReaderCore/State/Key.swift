/// A key press or mouse event as the backend reads it, independent of ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, tab, backspace, escape
    case click(x: Int, y: Int)
    case wheel(x: Int, y: Int, down: Bool)
}
