/// What a sensor's ring buffer delivered since the last drain, decoded; records that
/// would not decode are counted for the log instead.
final class EventInbox<Event> {
    var events: [Event] = []
    private(set) var undecodable = 0

    /// The ring-buffer handler that decodes each record into this inbox.
    func receiver(decoding decode: @escaping ([UInt8]) throws -> Event) -> ([UInt8]) -> Void {
        { bytes in
            do {
                self.events.append(try decode(bytes))
            } catch {
                self.undecodable += 1
            }
        }
    }

    /// Everything received since the last call.
    func take() -> [Event] {
        defer { events.removeAll() }
        return events
    }

    /// How many records would not decode since the last call.
    func takeUndecodable() -> Int {
        defer { undecodable = 0 }
        return undecodable
    }
}
