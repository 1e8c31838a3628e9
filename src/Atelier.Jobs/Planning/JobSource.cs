namespace Atelier.Jobs.Planning;

/// <summary>One source of input values: values given (GNU parallel's <c>:::</c>), or a file's lines (<c>::::</c>; <c>-</c> is standard input).</summary>
/// <param name="Values">The values, for a source given as values; null for a file.</param>
/// <param name="File">The file, for a source read from a file; null for values.</param>
/// <param name="Linked">Whether its values pair with the source before it (<c>:::+</c>, <c>::::+</c>) instead of multiplying.</param>
public sealed record JobSource(IReadOnlyList<string>? Values, string? File, bool Linked = false)
{
    /// <summary>The name standard input goes by as a file.</summary>
    public const string StandardInput = "-";

    /// <summary>Whether the source is standard input.</summary>
    public bool IsStandardInput => File == StandardInput;
}
