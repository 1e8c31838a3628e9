namespace Atelier.Imaging.Processing;

/// <summary>One file to make from an input: a box, a format, and the folder it goes to (its name waits for its size).</summary>
internal sealed record PlannedOutput(string Input, BoxSize Box, ImageFormat Format, string Folder);
