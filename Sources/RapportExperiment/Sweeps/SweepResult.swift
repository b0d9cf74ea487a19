/// The results of a sweep, or of one shard of it. Merging every shard gives exactly what an
/// unsharded run writes.
public struct SweepResult: Sendable, Equatable {
    /// One grid point: its settings and its full result.
    public struct Point: Sendable, Equatable {
        public var index: Int
        public var settings: [(path: String, value: String)]
        public var result: RunResult

        public static func == (lhs: Point, rhs: Point) -> Bool {
            lhs.index == rhs.index && lhs.settings.map(\.path) == rhs.settings.map(\.path)
                && lhs.settings.map(\.value) == rhs.settings.map(\.value) && lhs.result == rhs.result
        }

        public init(index: Int, settings: [(path: String, value: String)], result: RunResult) {
            self.index = index
            self.settings = settings
            self.result = result
        }
    }

    public var scenario: String
    public var file: String
    public var grid: SweepGrid
    /// Which shard this is ("2/4"), or nil for a whole sweep.
    public var shard: String?
    public var points: [Point]

    public init(scenario: String, file: String, grid: SweepGrid, shard: String?, points: [Point]) {
        self.scenario = scenario
        self.file = file
        self.grid = grid
        self.shard = shard
        self.points = points
    }

    public func json() -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("sweep_version", .number(1)),
            ("scenario", .string(scenario)),
            ("file", .string(file)),
            ("grid", .object(grid.axes.map { ($0.path, .array($0.values.map { .string($0) })) })),
            ("total_points", .number(Double(grid.count))),
        ]
        if let shard { pairs.append(("shard", .string(shard))) }
        pairs.append(("points", .array(points.map(Self.json))))
        return .object(pairs)
    }

    /// One point as JSON, as it appears in `points`.
    public static func json(_ p: Point) -> JSONValue {
        .object([
            ("index", .number(Double(p.index))),
            ("settings", .object(p.settings.map { ($0.path, .string($0.value)) })),
            ("result", p.result.json()),
        ])
    }

    /// Reads one point written by `json(_:)`.
    public static func point(json p: JSONValue) throws -> Point {
        guard let index = p["index"]?.exactInteger, let result = p["result"] else { throw ResultFileError("a sweep point lacks a whole-number index or a result") }
        return Point(index: index, settings: (p["settings"]?.objectPairs ?? []).map { ($0.0, $0.1.string ?? "") },
                     result: try RunResult(json: result))
    }

    public init(json: JSONValue) throws {
        guard json["sweep_version"]?.double == 1 else { throw ResultFileError("not a Rapport sweep (expected sweep_version 1)") }
        scenario = json["scenario"]?.string ?? ""
        file = json["file"]?.string ?? ""
        grid = SweepGrid(axes: (json["grid"]?.objectPairs ?? []).map { ($0.0, ($0.1.array ?? []).compactMap(\.string)) })
        shard = json["shard"]?.string
        if let problem = grid.sizeProblem { throw ResultFileError(problem) }
        points = try (json["points"]?.array ?? []).map(Self.point(json:))
        for point in points {
            if let problem = grid.problem(with: point) { throw ResultFileError(problem) }
        }
    }

    /// Reassembles shards into one sweep; refuses parts of different sweeps, overlaps and gaps.
    public static func merge(_ parts: [SweepResult]) throws -> SweepResult {
        guard let first = parts.first else { throw ResultFileError("no sweep parts to merge") }
        var byIndex: [Int: Point] = [:]
        let runs = Set(parts.flatMap { $0.points.map { "seed \($0.result.seed), \($0.result.replications) replications" } })
        guard runs.count <= 1 else {
            throw ResultFileError("the parts were run with different settings (\(runs.sorted().joined(separator: "; "))); rerun them alike")
        }
        for part in parts {
            guard part.file == first.file else {
                throw ResultFileError("the parts come from different scenarios (\(first.file) and \(part.file))")
            }
            guard part.grid == first.grid else {
                throw ResultFileError("the parts of \(first.file) sweep different grids; rerun them with the same --set values")
            }
            for point in part.points {
                if byIndex[point.index] != nil { throw ResultFileError("point \(point.index) appears in more than one part") }
                byIndex[point.index] = point
            }
        }
        let missing = (0..<first.grid.count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw ResultFileError("points \(missing.prefix(10).map(String.init).joined(separator: ", ")) are missing; run their shards")
        }
        return SweepResult(scenario: first.scenario, file: first.file, grid: first.grid, shard: nil,
                           points: (0..<first.grid.count).map { byIndex[$0]! })
    }
}
