import CNcursesw
import ReaderCore

/// Reads one key or mouse event from curses as a `Key`, or reports a resize.
enum KeyReader {
    /// What one read produced.
    enum Input {
        case key(Key)
        case resize
        case none
    }

    static func read(timeoutMilliseconds: Int32) -> Input {
        timeout(timeoutMilliseconds)
        var value: wint_t = 0
        let status = get_wch(&value)
        if status == ERR { return .none }
        if status == KEY_CODE_YES { return functionKey(Int32(value)) }
        switch value {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x1B: return .key(.escape)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x01...0x1A: return .key(.control(Character(Unicode.Scalar(UInt8(value) + 0x60))))
        default:
            guard let scalar = Unicode.Scalar(UInt32(value)) else { return .none }
            return .key(.character(Character(scalar)))
        }
    }

    private static func functionKey(_ code: Int32) -> Input {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .key(.function(Int(code - KEY_F0)))
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return .none }
            let state = UInt(event.bstate)
            if state & UInt(tsu_wheel_up()) != 0 { return .key(.wheel(x: Int(event.x), y: Int(event.y), down: false)) }
            if state & UInt(tsu_wheel_down()) != 0 { return .key(.wheel(x: Int(event.x), y: Int(event.y), down: true)) }
            if state & UInt(tsu_button1_press()) != 0 { return .key(.click(x: Int(event.x), y: Int(event.y))) }
            return .none
        default:
            return .none
        }
    }
}
