namespace Atelier.Tests.Http;

/// <summary>Deterministic bodies: the same name and size always give the same bytes.</summary>
internal static class Body
{
    public static byte[] Of(string name, int size)
    {
        var bytes = new byte[size];
        new Random(name.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) ^ size).NextBytes(bytes);
        return bytes;
    }
}
