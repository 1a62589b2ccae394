/// An error the harness explains in one message a person can act on.
struct LabError: Error, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
