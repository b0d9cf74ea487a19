import Yams

/// How Rapport turns scenario text into YAML nodes: without Yams' tag-resolution rules unless the
/// text may carry an explicit tag.
///
/// Rapport reads every scalar itself (`Field`, `DistributionSyntax`) and never asks Yams what a
/// node's tag resolves to. Yams' default resolver is seven `NSRegularExpression`s, compiled on its
/// first use; that first compilation initialises ICU's regex tables, about 9 M instructions, more
/// than half of what `rapport validate` otherwise does for a small scenario. Yams' rule-free
/// resolver (`Resolver.basic`) compiles nothing.
///
/// The resolver only decides how nodes compare (mapping keys, Yams' duplicate-key check): two
/// untagged scalars are equal when their text is, whatever the resolver, but `!!int 1` equals `1`
/// only under the default rules. A tag starts with `!`, so text without one reads with the basic
/// resolver and compares exactly as before; text with one keeps the default rules.
enum ScenarioYAML {
    /// The resolver for `text`: Yams' default rules when it may hold an explicit tag, none otherwise.
    static func resolver(for text: String) -> Resolver {
        text.utf8.contains(UInt8(ascii: "!")) ? .default : .basic
    }

    /// The first document of `text`, nil when it has none.
    static func compose(_ text: String) throws -> Node? {
        // UTF-8 named, not Yams' `.default`, which reads the whole environment to look for an
        // override. A constructor without rules: the default one builds dictionaries of rules keyed
        // by tag name on first use (about 0.6 M instructions, a conformance scan included), and the
        // constructor only serves `Node.any` and Yams' own decoder, which Rapport does not use.
        try Yams.compose(yaml: text, resolver(for: text), Constructor([:], [:], [:]), .utf8)
    }
}
