using System.Diagnostics;
using System.Text;

namespace Atelier.Cli.Tests.BlackBox;

/// <summary>The real <c>atelier</c> binary, run as a child process with captured output.</summary>
internal sealed class AtelierProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly TaskCompletionSource firstErrorLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AtelierProcess(string? input, params string[] args)
        : this(input, [], args)
    {
    }

    private AtelierProcess(string? input, IEnumerable<KeyValuePair<string, string>> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            Append(error, e.Data);
            if (e.Data is not null)
            {
                firstErrorLine.TrySetResult();
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
    }

    /// <summary>
    /// The program under test: the CLI's own build, copied beside the tests (see the test project), or the one ATELIER_EXECUTABLE names (.ci/run points it
    /// at the native build and runs these tests again).
    /// </summary>
    public static string Executable { get; } =
        Environment.GetEnvironmentVariable("ATELIER_EXECUTABLE") is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(AppContext.BaseDirectory, "atelier-cli", "atelier");

    public int Id => process.Id;

    public string Output => Read(output);

    public string Error => Read(error);

    public static AtelierProcess Start(params string[] args) => new(null, args);

    /// <summary>Starts the program with these variables set in its environment.</summary>
    public static AtelierProcess StartWith(IEnumerable<KeyValuePair<string, string>> environment, params string[] args) => new(null, environment, args);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string? input, params string[] args)
    {
        using var atelier = new AtelierProcess(input, args);
        var code = await atelier.WaitAsync(TimeSpan.FromSeconds(120));
        return (code, atelier.Output, atelier.Error);
    }

    public Task FirstErrorLineAsync(TimeSpan timeout) => firstErrorLine.Task.WaitAsync(timeout);

    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
