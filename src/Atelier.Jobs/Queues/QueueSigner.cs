using System.Buffers.Binary;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace Atelier.Jobs.Queues;

/// <summary>
/// HMAC-SHA256 tags over stream entries, with the secret producers and workers share: a job's entry is tagged over
/// the queue's name and all its fields (id, argv, limits, where its results go, when it was issued), a result's over
/// its results stream and all its fields, a stop over the queue and the run. Each field name and value is
/// length-prefixed, so no two different entries share an input, and a field added, dropped, changed or moved fails.
/// </summary>
internal sealed class QueueSigner(ReadOnlyMemory<byte> secret)
{
    /// <summary>The field that carries the tag, last in the entry; hex.</summary>
    public const string Field = "sig";

    public NameValueEntry[] Sign(string purpose, string scope, NameValueEntry[] fields) =>
        [.. fields, new(Field, Convert.ToHexStringLower(Tag(purpose, scope, fields.Select(f => (f.Name, f.Value)))))];

    /// <summary>Whether the entry carries a tag, and it is the one the secret makes over the rest of its fields, in their order.</summary>
    public bool Verifies(string purpose, string scope, StreamEntry entry)
    {
        var values = entry.Values;
        if (values.Length == 0 || values[^1].Name != Field || values[^1].Value.IsNullOrEmpty)
        {
            return false;
        }

        byte[] tag;
        try
        {
            tag = Convert.FromHexString((string)values[^1].Value!);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(tag, Tag(purpose, scope, values[..^1].Select(f => (f.Name, f.Value))));
    }

    /// <summary>A stop message: the run, and its tag.</summary>
    public string SignStop(string queue, string run) => $"{run} {Convert.ToHexStringLower(Tag("stop", queue, [("run", run)]))}";

    /// <summary>The run a stop message names when its tag verifies; null otherwise.</summary>
    public string? VerifiedStop(string queue, string message)
    {
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var run = message[..space];
        try
        {
            return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(message[(space + 1)..]), Tag("stop", queue, [("run", run)])) ? run : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private byte[] Tag(string purpose, string scope, IEnumerable<(RedisValue Name, RedisValue Value)> fields)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret.Span);
        Append(hmac, System.Text.Encoding.UTF8.GetBytes(purpose));
        Append(hmac, System.Text.Encoding.UTF8.GetBytes(scope));
        foreach (var (name, value) in fields)
        {
            Append(hmac, (byte[])name!);
            Append(hmac, (byte[])value! ?? []);
        }

        return hmac.GetHashAndReset();
    }

    private static void Append(IncrementalHash hmac, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hmac.AppendData(length);
        hmac.AppendData(bytes);
    }
}
