namespace Atelier.Imaging;

/// <summary>An input starting, or its result.</summary>
/// <param name="Path">The input file.</param>
/// <param name="Result">Null when it starts; its result when it ends.</param>
public sealed record ResizeProgress(string Path, ResizeResult? Result);
