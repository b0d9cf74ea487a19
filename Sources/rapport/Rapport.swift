import RapportCLI

/// The `rapport` executable: nothing but a call into RapportCLI.
@main
struct Rapport {
    static func main() {
        RapportCommand.main()
    }
}
