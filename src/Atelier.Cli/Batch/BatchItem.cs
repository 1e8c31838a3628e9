namespace Atelier.Cli.Batch;

/// <summary>One item shown on its own while it runs (a download): what it is and how far it is.</summary>
/// <param name="Key">Identifies the item across updates.</param>
/// <param name="Label">What the item is called; it should not change while the item runs.</param>
/// <param name="Value">How far it is, in its own units (bytes).</param>
/// <param name="Total">The whole, when known; null for an item that cannot say.</param>
/// <param name="Note">A state to show instead of the amount: "waiting", "retrying in 2 s (HTTP 503)".</param>
internal readonly record struct BatchItem(long Key, string Label, long Value, long? Total, string? Note = null)
{
    /// <summary>Its speed in units a second, when the command measures it (a resumed download counts this run's bytes only); null to let the bar estimate it.</summary>
    public double? Speed { get; init; }
}
