/// A file that could not be loaded, with a one-line reason a user can act on.
public struct LoadProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, the form `check` prints.
    public var description: String { "\(path): \(message)" }
}
