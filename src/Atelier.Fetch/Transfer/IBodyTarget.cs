namespace Atelier.Fetch.Transfer;

/// <summary>Where a body's bytes go as they arrive: the <c>.part</c> file, a range of it, or nowhere.</summary>
internal interface IBodyTarget
{
    /// <summary>Writes the body's next bytes (as many as the target still wants); returns whether it wants more.</summary>
    bool Write(ReadOnlySpan<byte> bytes);
}
