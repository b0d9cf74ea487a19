import ArgumentParser

/// Parses a command line without ArgumentParser's `--generate-completion-script` check when no
/// argument names that flag.
///
/// ArgumentParser looks for the flag on every parse, before anything else: it builds two internal
/// commands (an option and a flag named `generate-completion-script`) by reflection and parses the
/// whole command line with each. That costs about 1.5 M instructions of first-time
/// protocol-conformance scans (each internal command's `CustomReflectable` and `CodingKey` lookups)
/// and as much again of reflection, on every run, `rapport --version` included. The check can only
/// succeed if an argument starts with `--generate-completion-script`, which a look at the
/// arguments settles.
///
/// ArgumentParser skips the check for a root command that has a "super-command" name (its
/// experimental support for `git`-style command families). So while `parse` parses such a command
/// line, the root's configuration carries one. The name is used nowhere else during parsing:
/// help, usage and error messages are rendered after `parse` returns, from the plain
/// configuration, so they are unchanged. A command line that names the flag is parsed with the
/// plain configuration, check included.
public enum CompletionScriptCheck {
    /// Whether the root configuration currently skips the check: only inside `parse`, on the
    /// main thread, before any command runs.
    nonisolated(unsafe) static var isSkipped = false

    /// Whether `arguments` could ask for a completion script (`--generate-completion-script`,
    /// with or without `=shell`). Generous on purpose: any argument containing the flag's name.
    public static func mayRequestScript(_ arguments: [String]) -> Bool {
        arguments.contains { $0.contains("--generate-completion-script") }
    }

    /// `RapportCommand.parseAsRoot(arguments)`, without the completion-script check when the
    /// arguments cannot ask for a script.
    public static func parse(_ arguments: [String]) throws -> ParsableCommand {
        try parse(arguments, skippingCheck: !mayRequestScript(arguments))
    }

    /// `RapportCommand.parseAsRoot(arguments)`, with or without the check (the tests force it).
    public static func parse(_ arguments: [String], skippingCheck: Bool) throws -> ParsableCommand {
        isSkipped = skippingCheck
        defer { isSkipped = false }
        return try RapportCommand.parseAsRoot(arguments)
    }

    /// `configuration` with the super-command name that makes ArgumentParser skip the check. The
    /// name is never shown; if it ever were, the start-up tests' help comparisons would see it.
    static func skipping(_ configuration: CommandConfiguration) -> CommandConfiguration {
        var skipping = configuration
        skipping._superCommandName = "(never shown)"
        return skipping
    }
}
