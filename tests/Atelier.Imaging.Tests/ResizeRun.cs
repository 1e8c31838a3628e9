namespace Atelier.Imaging.Tests;

internal static class ResizeRun
{
    public static async Task<List<ResizeResult>> RunAsync(ResizeOptions options, params string[] inputs)
    {
        var resizer = new Resizer(options);
        var results = new List<ResizeResult>();
        await foreach (var result in resizer.ResizeAsync(inputs, TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        return results;
    }
}
