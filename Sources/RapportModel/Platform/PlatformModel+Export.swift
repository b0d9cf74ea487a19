extension PlatformModel {
    /// Starts recording this replication into `recorder`, beginning with the starting roster.
    /// Call before `start(_:)`.
    public mutating func record(into recorder: EventRecorder) {
        recorder.attach(config: config)
        for therapist in therapists { recorder.joined(therapist, replacement: false) }
        self.recorder = recorder
        defersBookings = false
    }
}
