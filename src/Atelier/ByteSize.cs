using System.Globalization;

namespace Atelier;

/// <summary>Reads a number of bytes as people write it: <c>1048576</c>, <c>500k</c>, <c>1.5M</c>, <c>2GiB</c>, <c>20MB/s</c>.</summary>
public static class ByteSize
{
    /// <summary>
    /// Reads a size: a number (a decimal point allowed, a sign allowed), an optional unit letter (k, M, G, T, P, counted
    /// as <paramref name="units"/> says), an optional <c>i</c> (a power of 1,024 whatever the convention), an optional
    /// <c>B</c>, and, for a rate, an optional <c>/s</c>.
    /// </summary>
    /// <returns>False when the text is not a size or does not fit in a <see cref="long"/>.</returns>
    public static bool TryParse(string text, SizeUnits units, out long bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = 0;
        var rest = text.Trim().AsSpan();
        rest = rest.EndsWith("/s", StringComparison.OrdinalIgnoreCase) ? rest[..^2] : rest;
        rest = rest.EndsWith("B") || (units != SizeUnits.Parallel && rest.EndsWith("b")) ? rest[..^1] : rest;
        var binary = rest.EndsWith("i") || rest.EndsWith("I");
        rest = binary ? rest[..^1] : rest;
        if (rest.IsEmpty)
        {
            return false;
        }

        var letter = rest[^1];
        var power = char.ToUpperInvariant(letter) switch
        {
            'K' => 1,
            'M' => 2,
            'G' => 3,
            'T' => 4,
            'P' => 5,
            _ => 0,
        };
        if (power == 0 && binary)
        {
            return false;
        }

        var number = power == 0 ? rest : rest[..^1];
        var thousands = !binary && power > 0 && units switch
        {
            SizeUnits.Decimal => true,
            SizeUnits.Parallel => char.IsLower(letter),
            _ => false,
        };
        var scale = Math.Pow(thousands ? 1000 : 1024, power);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || Math.Abs(value * scale) >= long.MaxValue)
        {
            return false;
        }

        bytes = (long)(value * scale);
        return true;
    }

    /// <summary>What <paramref name="units"/> makes of k, for an option's help: <c>k = 1,024</c>.</summary>
    public static string Convention(SizeUnits units) => units switch
    {
        SizeUnits.Binary => "k = 1,024",
        SizeUnits.Parallel => "K = 1,024, k = 1,000",
        _ => "k = 1,000, Ki = 1,024",
    };
}
