namespace Atelier.Imaging.Processing;

/// <summary>One file to make from an input: a box, a format, and where it goes.</summary>
internal sealed record PlannedOutput(BoxSize Box, ImageFormat Format, string Path);
