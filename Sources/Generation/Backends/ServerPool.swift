import Foundation

/// Several servers sharing one queue: each job goes to the server with the fewest jobs in
/// flight (the first listed, on a tie).
actor ServerPool {
    let servers: [URL]
    private var inFlight: [Int]

    init(servers: [URL]) {
        self.servers = servers
        inFlight = Array(repeating: 0, count: servers.count)
    }

    /// Takes the least busy server.
    func checkOut() -> Int {
        let index = inFlight.indices.min { inFlight[$0] < inFlight[$1] } ?? 0
        inFlight[index] += 1
        return index
    }

    /// Gives a server back when its job ends.
    func checkIn(_ index: Int) {
        inFlight[index] -= 1
    }
}
