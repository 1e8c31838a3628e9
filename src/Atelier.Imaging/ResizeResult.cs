namespace Atelier.Imaging;

/// <summary>How one input ended.</summary>
/// <param name="Index">Its position among the inputs found, from 0.</param>
/// <param name="Path">The input file.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Outputs">The files written (or, when skipped as up to date, the files already there).</param>
/// <param name="Reason">Why it was skipped, or why it failed.</param>
/// <param name="Duration">Time spent on it.</param>
public sealed record ResizeResult(long Index, string Path, ResizeStatus Status, IReadOnlyList<ResizedOutput> Outputs, string? Reason, TimeSpan Duration)
{
    /// <summary>True unless it failed or was interrupted.</summary>
    public bool Succeeded => Status is ResizeStatus.Resized or ResizeStatus.Skipped;
}
