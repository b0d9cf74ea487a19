import RapportCLI

/// The `rapport` executable: nothing but a call into RapportCLI (async, for `rapport serve`).
@main
struct Rapport {
    static func main() async {
        await RapportCommand.main()
    }
}
