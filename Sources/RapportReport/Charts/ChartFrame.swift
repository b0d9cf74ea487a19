/// Size and wording shared by every chart.
///
/// Axis labels are free text: put the unit in them ("Wait (days)") because the charts cannot
/// know what the numbers measure.
public struct ChartFrame: Sendable, Equatable {
    /// Width in SVG user units; 640 matches the report's text column. Values below 160 (or
    /// non-finite) are replaced, so a bad size gives a cramped chart rather than negative
    /// plot dimensions.
    public var width: Double = 640 {
        didSet { width = width.isFinite ? max(width, 160) : 640 }
    }
    /// Height in SVG user units; values below 120 (or non-finite) are replaced likewise.
    public var height: Double = 320 {
        didSet { height = height.isFinite ? max(height, 120) : 320 }
    }
    /// Shown above the plot and used as the accessible name (`<title>`, `aria-label`).
    public var title: String
    /// Horizontal axis label, including units.
    public var xLabel: String
    /// Vertical axis label, including units.
    public var yLabel: String

    /// A frame; see `width` and `height` for how unusable sizes are corrected.
    public init(title: String, xLabel: String, yLabel: String, width: Double = 640, height: Double = 320) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width.isFinite ? max(width, 160) : 640
        self.height = height.isFinite ? max(height, 120) : 320
    }
}
