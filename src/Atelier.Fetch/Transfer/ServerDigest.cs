using System.Net;
using System.Security.Cryptography;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// A digest of the whole file the server sent with an answer: <c>Repr-Digest</c> (RFC 9530, any answer: it is of the
/// representation, not of the range), <c>Digest</c> (RFC 3230), or <c>Content-MD5</c> (on a 200 only: on a 206 it is of
/// the part). SHA-256 is preferred, then SHA-512, then MD5.
/// </summary>
/// <param name="Header">The header it came in, as the report names it.</param>
/// <param name="Algorithm">The hash it is.</param>
/// <param name="Expected">The digest's bytes.</param>
internal sealed record ServerDigest(string Header, HashAlgorithmName Algorithm, byte[] Expected)
{
    /// <summary>How the report says what was verified: <c>Repr-Digest sha-256</c>.</summary>
    public string Name => $"{Header} {AlgorithmName(Algorithm)}";

    /// <summary>The best digest among the answer's headers; null when it has none this knows.</summary>
    public static ServerDigest? From(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (Best("Repr-Digest", Values(response, "Repr-Digest"), structured: true) is { } representation)
        {
            return representation;
        }

        if (Best("Digest", Values(response, "Digest"), structured: false) is { } instance)
        {
            return instance;
        }

        return response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentMD5 is { Length: 16 } md5
            ? new ServerDigest("Content-MD5", HashAlgorithmName.MD5, md5)
            : null;
    }

    private static string AlgorithmName(HashAlgorithmName algorithm) => algorithm.Name switch
    {
        "SHA256" => "sha-256",
        "SHA512" => "sha-512",
        _ => "md5",
    };

    private static IEnumerable<string> Values(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues
        : [];

    /// <summary>
    /// The strongest entry of a list like <c>sha-256=:BASE64:, md5=:BASE64:</c> (a structured field's byte sequence
    /// between colons) or <c>SHA-256=BASE64,MD5=BASE64</c> (RFC 3230).
    /// </summary>
    private static ServerDigest? Best(string header, IEnumerable<string> values, bool structured)
    {
        ServerDigest? best = null;
        foreach (var entry in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = entry[(equals + 1)..].Trim();
            if (structured)
            {
                // Parameters may follow the byte sequence (;...): only what is between the colons is the digest.
                var close = value.Length < 2 || value[0] != ':' ? -1 : value.IndexOf(':', 1);
                if (close < 0)
                {
                    continue;
                }

                value = value[1..close];
            }

            HashAlgorithmName? algorithm = entry[..equals].Trim().ToLowerInvariant() switch
            {
                "sha-256" => HashAlgorithmName.SHA256,
                "sha-512" => HashAlgorithmName.SHA512,
                "md5" => HashAlgorithmName.MD5,
                _ => null,
            };
            var size = algorithm?.Name switch { "SHA256" => 32, "SHA512" => 64, "MD5" => 16, _ => 0 };
            var bytes = new byte[size];
            if (algorithm is { } known && Convert.TryFromBase64String(value, bytes, out var written) && written == size
                && Rank(known) < (best is null ? int.MaxValue : Rank(best.Algorithm)))
            {
                best = new ServerDigest(header, known, bytes);
            }
        }

        return best;
    }

    private static int Rank(HashAlgorithmName algorithm) => algorithm.Name switch { "SHA256" => 0, "SHA512" => 1, _ => 2 };
}
