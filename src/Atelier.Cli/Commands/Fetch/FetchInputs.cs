using System.Runtime.CompilerServices;
using Atelier.Fetch;
using Atelier.Fetch.Input;

namespace Atelier.Cli.Commands.Fetch;

/// <summary>The requests of one run: the URL arguments first, then the lines of <c>-i FILE</c> (or stdin), streamed.</summary>
internal static class FetchInputs
{
    public static IAsyncEnumerable<FetchRequest> Open(IReadOnlyList<string> urls, string? inputFile, Stream standardInput)
    {
        if (urls.Count == 0 && inputFile is null)
        {
            throw new AtelierException("Give the URLs to fetch, or a list of them with -i FILE (-i - reads stdin).");
        }

        // Open the list now, so a missing file is a usage error before anything starts.
        var list = inputFile switch
        {
            null => null,
            "-" => new StreamReader(standardInput, leaveOpen: true),
            _ => OpenList(inputFile),
        };
        return ReadAsync(urls, list);
    }

    private static StreamReader OpenList(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot read the list '{path}': {e.Message}");
        }
    }

    private static async IAsyncEnumerable<FetchRequest> ReadAsync(IReadOnlyList<string> urls, TextReader? list, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var url in urls)
        {
            yield return new FetchRequest(url);
        }

        if (list is null)
        {
            yield break;
        }

        using (list)
        {
            await foreach (var request in FetchListReader.ReadAsync(list, cancellationToken).ConfigureAwait(false))
            {
                yield return request;
            }
        }
    }
}
