namespace Atelier.Imaging.Input;

/// <summary>A file found among the inputs, and where its outputs go.</summary>
/// <param name="Path">The file (or, for an unreadable folder, the folder).</param>
/// <param name="OutputFolder">The folder its outputs go to.</param>
/// <param name="Problem">Set when it is not something to resize: why it is skipped or failed.</param>
/// <param name="Failed">Whether the problem is a failure (an unreadable folder) rather than a skip.</param>
internal sealed record SourceImage(string Path, string OutputFolder, string? Problem = null, bool Failed = false);
