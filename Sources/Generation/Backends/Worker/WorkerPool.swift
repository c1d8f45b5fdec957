/// The places of a backend's hot workers: each holds a running worker or none (not started
/// yet, or ended by a crash, a protocol error or a cancellation), and is busy while it
/// serves a request. A request takes an idle place, preferring one whose worker is running,
/// so that models are loaded only as often as needed.
actor WorkerPool {
    /// At most one request per place.
    nonisolated let limiter: ConcurrencyLimiter
    private var workers: [WorkerProcess?]
    private var busy: [Bool]
    /// Workers started so far, every restart counted.
    private(set) var starts = 0

    init(places: Int) {
        limiter = ConcurrencyLimiter(limit: places)
        workers = Array(repeating: nil, count: max(1, places))
        busy = Array(repeating: false, count: max(1, places))
    }

    /// Takes an idle place (the caller holds a permit of `limiter`, so there is one) and
    /// its running worker, if any.
    func checkOut() -> (place: Int, worker: WorkerProcess?) {
        let idle = busy.indices.filter { !busy[$0] }
        let place = idle.first { workers[$0] != nil } ?? idle.first ?? 0
        busy[place] = true
        return (place, workers[place])
    }

    /// Counts a worker started at a place.
    func started() { starts += 1 }

    /// Gives a place back with the worker to keep there: nil when it ended.
    func checkIn(_ place: Int, worker: WorkerProcess?) {
        workers[place] = worker
        busy[place] = false
    }
}
