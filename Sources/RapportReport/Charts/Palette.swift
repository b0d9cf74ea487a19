/// Colours for charts.
///
/// Series colours come from Okabe & Ito (2008), chosen to stay distinguishable for the common
/// forms of colour-vision deficiency. Their order puts the colours with the most contrast on
/// white (and in greyscale print) first; yellow comes last because it nearly vanishes on paper.
public enum Palette {
    /// The eight Okabe–Ito colours in the order series receive them.
    public static let okabeIto: [String] = [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#000000", // black
        "#F0E442", // yellow
    ]

    /// The colour of the `index`-th series; wraps around past eight (lines then also get a
    /// dash pattern so wrapped series stay apart).
    public static func series(_ index: Int) -> String {
        let count = okabeIto.count
        return okabeIto[((index % count) + count) % count]
    }

    /// Dash pattern for the `index`-th line series: solid for the first cycle of colours.
    static func dash(_ index: Int) -> String? {
        let patterns: [String?] = [nil, "6 3", "2 2", "8 3 2 3"]
        let cycle = max(0, index) / okabeIto.count
        return patterns[cycle % patterns.count]
    }

    /// Titles, axis labels: near-black rather than black, softer on screen, identical in print.
    static let text = "#222222"
    /// Tick labels.
    static let mutedText = "#555555"
    /// Axis lines and whiskers.
    static let axis = "#444444"
    /// Grid lines: light enough to recede behind data, dark enough to survive printing.
    static let grid = "#DDDDDD"
    /// Reference and baseline lines.
    static let reference = "#666666"
}
