using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atelier.Tests;

public sealed partial class ReadableJsonTests
{
    [Fact]
    public void Serialize_KeepsWhatPeopleReadAsItIs_AndStaysValidJson()
    {
        var json = ReadableJson.Serialize(new Sample("cpu>80 & mem<=90: don't panic, café", "line\nbreak \"quoted\""), SampleJson.Default.Sample);

        Assert.Equal("{\"text\":\"cpu>80 & mem<=90: don't panic, café\",\"control\":\"line\\nbreak \\\"quoted\\\"\"}", json);
        Assert.Equal("line\nbreak \"quoted\"", JsonDocument.Parse(json).RootElement.GetProperty("control").GetString());
    }

    public sealed record Sample(string Text, string Control);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(Sample))]
    private sealed partial class SampleJson : JsonSerializerContext;
}
