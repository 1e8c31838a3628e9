// The floor under `atelier fetch --newer`: for each URL of LIST, stat its file in FOLDER and send a GET with the ETag
// atelier kept for it (FOLDER/.atelier-validators.tsv), JOBS at a time over one HttpClient; every answer must be 304.
// Nothing else: no work pool, no ordered results, no retries, no report. What it costs is what .NET's HTTP stack costs.
//   control LIST FOLDER [JOBS]
using System.Net;
using System.Net.Http.Headers;

var (list, folder) = (args[0], args[1]);
var jobs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16;
var etags = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var line in File.ReadLines(Path.Combine(folder, ".atelier-validators.tsv")))
{
    var fields = line.Split('\t');
    etags[fields[0]] = fields[2];
}

using var client = new HttpClient();
var upToDate = 0;
await Parallel.ForEachAsync(File.ReadLines(list), new ParallelOptions { MaxDegreeOfParallelism = jobs }, async (url, cancellationToken) =>
{
    if (!File.Exists(Path.Combine(folder, Path.GetFileName(url))))
    {
        throw new InvalidOperationException($"{url}: no file in {folder}");
    }

    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etags[url]));
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    if (response.StatusCode != HttpStatusCode.NotModified)
    {
        throw new InvalidOperationException($"{url}: {(int)response.StatusCode}, not 304");
    }

    Interlocked.Increment(ref upToDate);
});
Console.WriteLine($"{upToDate} up to date");
