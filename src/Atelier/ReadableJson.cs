using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Atelier;

/// <summary>
/// JSON for people and for tools alike: UTF-8 as it is (<c>cpu&gt;80</c>, <c>don't</c>, <c>é</c>), not escaped for an
/// HTML page as the serializer's default encoder does (<c>cpu\u003E80</c>). Only what JSON itself requires is escaped.
/// </summary>
public static class ReadableJson
{
    /// <summary>Writer options with the readable encoder, for callers that write their own JSON.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The value as one line of JSON (no newline).</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The value as one line of JSON (no newline), by its runtime type's metadata.</summary>
    public static string Serialize(object value, JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
