namespace Atelier.Labs.Errors;

/// <summary>How big the batch is and how often an item fails.</summary>
internal sealed record ErrorsOptions
{
    /// <summary>How many orders the batch processes.</summary>
    /// <value>12.</value>
    public int Items { get; init; } = 12;

    /// <summary>Every Nth order is bad; 0 for none.</summary>
    /// <value>4.</value>
    public int FailEvery { get; init; } = 4;

    /// <summary>How many orders are processed at once.</summary>
    /// <value>3.</value>
    public int Workers { get; init; } = 3;
}
