namespace Atelier.Cli.Tests;

/// <summary>Runs <c>atelier</c> in this process with captured writers.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static Task<CliRun> InvokeAsync(string args, CancellationToken? cancellationToken = null) =>
        InvokeAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), cancellationToken);

    public static Task<CliRun> InvokeAsync(string[] args, CancellationToken? cancellationToken = null) => InvokeAsync(args, Stream.Null, cancellationToken);

    /// <summary>Runs with <paramref name="standardInput"/> as the process's stdin.</summary>
    public static async Task<CliRun> InvokeAsync(string[] args, string standardInput, CancellationToken? cancellationToken = null)
    {
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(standardInput));
        return await InvokeAsync(args, input, cancellationToken);
    }

    private static async Task<CliRun> InvokeAsync(string[] args, Stream input, CancellationToken? cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AtelierCli.RunAsync(args, input, output, error, cancellationToken ?? TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public IReadOnlyList<string> OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
