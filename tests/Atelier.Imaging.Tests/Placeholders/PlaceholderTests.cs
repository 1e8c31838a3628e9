using System.Text.Json;
using Atelier.Imaging.Placeholders;

namespace Atelier.Imaging.Tests.Placeholders;

/// <summary>ThumbHash and BlurHash against what the reference implementations (npm thumbhash 0.1.1, blurhash 2.0.5) make of the same pixels.</summary>
public sealed class PlaceholderTests
{
    public static TheoryData<int, int, bool, string, string> Vectors()
    {
        var data = new TheoryData<int, int, bool, string, string>();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Placeholders", "reference-vectors.json")));
        foreach (var vector in json.RootElement.EnumerateArray())
        {
            data.Add(vector.GetProperty("width").GetInt32(), vector.GetProperty("height").GetInt32(), vector.GetProperty("alpha").GetBoolean(),
                vector.GetProperty("thumbhash").GetString()!, vector.GetProperty("blurhash").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void ThumbHash_IsTheReferenceImplementations(int width, int height, bool alpha, string thumbHash, string blurHash)
    {
        _ = blurHash;
        Assert.Equal(thumbHash, Convert.ToBase64String(ThumbHash.Encode(width, height, Pixels(width, height, alpha))));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void BlurHash_IsTheReferenceImplementations(int width, int height, bool alpha, string thumbHash, string blurHash)
    {
        _ = thumbHash;
        Assert.Equal(blurHash, BlurHash.Encode(width, height, Pixels(width, height, alpha), 4, 3));
    }

    /// <summary>The pixels make-reference-vectors.js makes, by the same formula.</summary>
    private static byte[] Pixels(int width, int height, bool alpha)
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = 4 * (x + y * width);
                rgba[i] = (byte)(x * 255 / (width - 1));
                rgba[i + 1] = (byte)(y * 255 / (height - 1));
                rgba[i + 2] = (byte)((x * 7 + y * 13) % 64 * 4);
                rgba[i + 3] = (byte)(alpha ? ((x + y) % 5 == 0 ? 0 : 255 - (x * 3 + y) % 128) : 255);
            }
        }

        return rgba;
    }
}
