namespace Atelier.Fetch.Naming;

/// <summary>Where a download will be saved, or why it will not be.</summary>
internal readonly record struct Placement(string? Path, string? SkipPath, string? Refusal)
{
    public static Placement At(string path) => new(path, null, null);

    public static Placement Skipped(string existing) => new(null, existing, null);

    public static Placement Refused(string reason) => new(null, null, reason);
}
