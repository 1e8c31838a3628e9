namespace Atelier.Tests.Http;

/// <summary>Deterministic bodies: the same name and size always give the same bytes.</summary>
internal static class Body
{
    /// <summary>What <c>/ranged/NAME</c> serves at a version.</summary>
    public static byte[] Ranged(string name, int size, int version = 1) => Of($"\"{name}-v{version}\"", size);

    public static byte[] Of(string name, int size)
    {
        var bytes = new byte[size];
        new Random(name.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) ^ size).NextBytes(bytes);
        return bytes;
    }
}
