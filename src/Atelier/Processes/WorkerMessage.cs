using System.Text.Json;

namespace Atelier.Processes;

/// <summary>One parsed protocol line; disposing it releases the parsed document behind <see cref="Body"/>.</summary>
internal readonly record struct WorkerMessage(JsonDocument Document, long Id, bool IsStop, JsonElement Body, string? Error) : IDisposable
{
    public void Dispose() => Document.Dispose();
}
