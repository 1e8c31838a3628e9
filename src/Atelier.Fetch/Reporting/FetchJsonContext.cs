using System.Text.Json.Serialization;

namespace Atelier.Fetch.Reporting;

/// <summary>JSON for fetch results: one object per line, snake_case, nulls kept so every line has every field.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FetchRecord))]
public sealed partial class FetchJsonContext : JsonSerializerContext
{
    /// <summary>The result as one line of JSON (no newline).</summary>
    public static string Line(FetchResult result) => ReadableJson.Serialize(Reporting.FetchRecord.From(result), Default.FetchRecord);

    /// <summary>A crawl's result as one line of JSON (no newline), with its depth and referrer.</summary>
    public static string Line(Crawl.CrawlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ReadableJson.Serialize(Reporting.FetchRecord.From(result.Fetch) with { Depth = result.Depth, Referrer = result.Referrer is { } referrer ? UrlRedactor.Redact(referrer) : null }, Default.FetchRecord);
    }
}
