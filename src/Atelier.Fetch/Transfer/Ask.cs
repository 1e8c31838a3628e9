using System.Globalization;

namespace Atelier.Fetch.Transfer;

/// <summary>One request for a file's bytes, and what its answer must agree with.</summary>
internal readonly record struct Ask
{
    /// <summary>Where to ask.</summary>
    public required Source Source { get; init; }

    /// <summary>Whether to ask for a range; false: a plain GET (conditional with <see cref="Unless"/>).</summary>
    public bool Ranged { get; init; }

    /// <summary>The first byte wanted.</summary>
    public long From { get; init; }

    /// <summary>
    /// How many bytes before <see cref="From"/> are asked for again, to be compared with what was saved there (the
    /// seam): a server that answers with bytes from elsewhere is caught before a byte of its answer is kept.
    /// </summary>
    public int Seam { get; init; }

    /// <summary>The last byte wanted (inclusive); null: to the end of the file.</summary>
    public long? To { get; init; }

    /// <summary>The file's length as earlier answers gave it: a range's answer must say the same.</summary>
    public long? Length { get; init; }

    /// <summary>Whether to ask for the headers only (HEAD): a probe.</summary>
    public bool Head { get; init; }

    /// <summary>With <c>--newer</c>: the body only if it changed since the last run saved it.</summary>
    public Naming.Validators.Entry? Unless { get; init; }

    /// <summary>The first byte the Range header names: <see cref="From"/> less the seam.</summary>
    public long Start => From - Seam;

    /// <summary>The range as HTTP writes it: <c>4096-</c>, <c>0-1048575</c>.</summary>
    public string Range => string.Create(CultureInfo.InvariantCulture, $"{Start}-{To}");

    public static Ask Whole(Source source, Naming.Validators.Entry? unless = null) => new() { Source = source, Unless = unless };

    /// <summary>The headers only (HEAD), as wget --spider and curl -I ask: status and size, no body.</summary>
    public static Ask Probe(Source source) => new() { Source = source, Head = true };

    /// <summary>Bytes from <paramref name="from"/> (and up to a seam's worth before it) to <paramref name="to"/>, or to the end.</summary>
    public static Ask Bytes(Source source, long from, long? to, long? length, int seam) => new()
    {
        Source = source,
        Ranged = true,
        From = from,
        Seam = (int)Math.Min(from, seam),
        To = to,
        Length = length,
    };
}
