using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Atelier.Processes;

/// <summary>
/// The messages between a pool and its workers: one JSON object per line, UTF-8.
/// Request <c>{"id":7,"body":...}</c>; answer <c>{"id":7,"body":...}</c> or <c>{"id":7,"error":"reason"}</c>;
/// stop <c>{"stop":true}</c>, after which the worker exits.
/// </summary>
internal static class WorkerProtocol
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static ReadOnlyMemory<byte> Stop { get; } = "{\"stop\":true}\n"u8.ToArray();

    public static ReadOnlyMemory<byte> Body<T>(long id, T body, JsonTypeInfo<T> type) => Write(id, writer =>
    {
        writer.WritePropertyName("body"u8);
        JsonSerializer.Serialize(writer, body, type);
    });

    public static ReadOnlyMemory<byte> Error(long id, string reason) => Write(id, writer => writer.WriteString("error"u8, reason));

    /// <summary>Reads one line; the body stays a JSON element valid while the returned message is not disposed.</summary>
    public static WorkerMessage Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new WorkerProtocolException($"not a protocol message: '{Shorten(line)}'", e);
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("stop"u8, out var stop) && stop.ValueKind == JsonValueKind.True)
        {
            return new WorkerMessage(document, Id: -1, IsStop: true, Body: default, Error: null);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id"u8, out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var value))
        {
            document.Dispose();
            throw new WorkerProtocolException($"message without an id: '{Shorten(line)}'");
        }

        var error = root.TryGetProperty("error"u8, out var reason) ? reason.GetString() ?? "" : null;
        root.TryGetProperty("body"u8, out var body);
        return new WorkerMessage(document, value, IsStop: false, body, error);
    }

    private static ReadOnlyMemory<byte> Write(long id, Action<Utf8JsonWriter> content)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id"u8, id);
            content(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenMemory;
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : string.Concat(line.AsSpan(0, 119), "…");
}
