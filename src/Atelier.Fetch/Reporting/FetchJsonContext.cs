using System.Text.Json.Serialization;

namespace Atelier.Fetch.Reporting;

/// <summary>JSON for fetch results: one object per line, snake_case, nulls kept so every line has every field.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FetchRecord))]
public sealed partial class FetchJsonContext : JsonSerializerContext
{
    /// <summary>The result as one line of JSON (no newline).</summary>
    public static string Line(FetchResult result) => ReadableJson.Serialize(Reporting.FetchRecord.From(result), Default.FetchRecord);
}
