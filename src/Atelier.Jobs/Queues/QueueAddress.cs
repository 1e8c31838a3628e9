using System.Diagnostics.CodeAnalysis;

namespace Atelier.Jobs.Queues;

/// <summary>Where a job queue lives: <c>redis://HOST[:PORT]/NAME</c> (port 6379 by default).</summary>
/// <param name="Host">The Redis server's host.</param>
/// <param name="Port">Its port.</param>
/// <param name="Name">The queue's name: the key of its job stream; the other keys start with it.</param>
public sealed record QueueAddress(string Host, int Port, string Name)
{
    /// <summary>Reads an address; false, with <paramref name="error"/> saying why, when it is not one.</summary>
    public static bool TryParse(string text, [MaybeNullWhen(false)] out QueueAddress address, [MaybeNullWhen(true)] out string error)
    {
        address = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || uri.Host.Length == 0)
        {
            error = $"'{text}' is not a queue address (redis://HOST:PORT/NAME).";
            return false;
        }

        var name = uri.AbsolutePath.Trim('/');
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            error = $"'{text}' names no queue: add it after the port, as in redis://{uri.Authority}/jobs.";
            return false;
        }

        address = new QueueAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port, Uri.UnescapeDataString(name));
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"redis://{Host}:{Port}/{Name}";
}
