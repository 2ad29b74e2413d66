/// A failure while a command runs (a missing library, an unknown id, a state file that cannot be
/// used): printed as one line, without the usage text `ValidationError` adds, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
