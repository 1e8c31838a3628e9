// Usage: HttpClientFloor LIST DIR. No retries, no limits per host, no progress, no names but the URL's: only what
// every downloader in .NET must do, so the distance between it and atelier is what atelier adds.
var urls = File.ReadAllLines(args[0]);
var folder = args[1];
using var client = new HttpClient();
await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (url, cancellationToken) =>
{
    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    response.EnsureSuccessStatusCode();
    var path = Path.Combine(folder, Path.GetFileName(new Uri(url).AbsolutePath));
    await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
    using (var file = File.OpenHandle(path + ".part", FileMode.Create, FileAccess.Write))
    {
        var buffer = new byte[response.Content.Headers.ContentLength is > 1 << 20 ? 1 << 20 : 64 << 10];
        long offset = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            RandomAccess.Write(file, buffer.AsSpan(0, read), offset);
            offset += read;
        }
    }

    File.Move(path + ".part", path);
});
