using System.Diagnostics;
using System.Globalization;
using Atelier.Jobs.Templates;

namespace Atelier.Jobs.Remote;

/// <summary>
/// One machine reached with the system's OpenSSH client over one shared connection: a master started once
/// (<c>ControlMaster</c>, its socket in the run's private folder), and every job, transfer and check after it a new
/// channel on that connection: no key exchange, no login, a few milliseconds instead of a few hundred.
/// </summary>
/// <remarks>
/// The master lives on its own (<c>-f</c>) and ends when told to (<see cref="DisposeAsync"/>), or after a minute with
/// nothing on it if this process died without telling it (<c>ControlPersist</c>). Thread-safe.
/// </remarks>
internal sealed class SshHost : IAsyncDisposable
{
    /// <summary>ssh's own exit code when it could not connect or lost the connection.</summary>
    public const int SshFailed = 255;

    private readonly string[] ssh;
    private readonly string controlPath;
    private readonly string log;

    public SshHost(SshLogin login, IReadOnlyList<string> sshCommand, string folder, int number, string runId)
    {
        Login = login;
        Folder = $".atelier/tmp/{runId}-{number}";
        controlPath = Path.Combine(folder, $"c{number}");
        log = Path.Combine(folder, $"c{number}.log");
        ssh = [.. login.Ssh ?? sshCommand, .. login.Port is { } port ? new[] { "-p", port.ToString(CultureInfo.InvariantCulture) } : []];
    }

    public SshLogin Login { get; }

    /// <summary>The run's folder there, relative to the login folder: notes of running jobs, and <c>--workdir ...</c>.</summary>
    public string Folder { get; }

    /// <summary>How many jobs run there at once.</summary>
    public int Slots { get; set; }

    /// <summary>Why it cannot be used now; null while it can.</summary>
    public string? Down { get; set; }

    /// <summary>How many times it was made ready: slots of an earlier connection are not used again.</summary>
    public int Generation { get; set; }

    /// <summary>When it went down, by the run's clock.</summary>
    public long DownSince { get; set; }

    /// <summary>Held by the job running there when every job runs on every host (<see cref="RemoteOptions.OnAll"/>): one at a time.</summary>
    public SemaphoreSlim Turn { get; } = new(1, 1);

    /// <summary>The program and arguments that run <paramref name="remoteCommand"/> there on the shared connection.</summary>
    public string[] Command(string remoteCommand) =>
        [.. ssh, "-o", "ControlMaster=no", "-o", $"ControlPath={controlPath}", Login.Destination, remoteCommand];

    /// <summary>Opens the shared connection.</summary>
    /// <returns>Null, or why the host cannot be reached (ssh's last words).</returns>
    public async Task<string?> ConnectAsync(CancellationToken cancellationToken)
    {
        File.Delete(controlPath);

        // The master goes to the background once logged in, keeping whatever it was given as stdout and stderr: a file
        // for its words, never this process's pipes (their readers would wait for it to end).
        string[] master = [.. ssh, "-o", "ControlMaster=yes", "-o", $"ControlPath={controlPath}", "-o", "ControlPersist=60", "-o", "ServerAliveInterval=15", "-f", "-N", Login.Destination];
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var word in (string[])["-c", "exec \"$@\" </dev/null >/dev/null 2>\"$0\"", log, .. master])
        {
            start.ArgumentList.Add(word);
        }

        using var process = Process.Start(start)!;
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode == 0 ? null : LastWords(File.Exists(log) ? await File.ReadAllTextAsync(log, CancellationToken.None).ConfigureAwait(false) : "", process.ExitCode);
    }

    /// <summary>Whether the shared connection is still up (<c>ssh -O check</c>).</summary>
    public async Task<bool> IsUpAsync()
    {
        var (exit, _, _) = await RunAsync(["-O", "check"], null, null, CancellationToken.None).ConfigureAwait(false);
        return exit == 0;
    }

    /// <summary>Runs a shell command there.</summary>
    /// <param name="remoteCommand">The command, for the login shell.</param>
    /// <param name="input">Writes its stdin, then it is closed; null for none.</param>
    /// <param name="output">Reads its stdout; null to keep it as text.</param>
    /// <param name="cancellationToken">Kills it.</param>
    /// <returns>Its exit code, its stdout (when not read), its stderr.</returns>
    public Task<(int Exit, string Output, string Error)> RunAsync(string remoteCommand, Func<Stream, Task>? input, Func<Stream, Task>? output, CancellationToken cancellationToken) =>
        RunAsync(Command(remoteCommand)[ssh.Length..], input, output, cancellationToken);

    private async Task<(int Exit, string Output, string Error)> RunAsync(string[] arguments, Func<Stream, Task>? input, Func<Stream, Task>? output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ssh[0]) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var word in ssh[1..].Concat(arguments[0] == "-O" ? ["-o", $"ControlPath={controlPath}", .. arguments, Login.Destination] : arguments))
        {
            start.ArgumentList.Add(word);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, "", $"cannot run {ssh[0]}: {e.Message}");
        }

        using (process)
        using (cancellationToken.Register(() => process.Kill(entireProcessTree: true)))
        {
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var text = output is null ? process.StandardOutput.ReadToEndAsync(CancellationToken.None) : Task.FromResult("");
            var read = output is null ? Task.CompletedTask : output(process.StandardOutput.BaseStream);
            try
            {
                if (input is not null)
                {
                    await input(process.StandardInput.BaseStream).ConfigureAwait(false);
                }
            }
            catch (IOException)
            {
                // It stopped reading: its exit code and stderr say why.
            }
            finally
            {
                process.StandardInput.Close();
            }

            Exception? reading = null;
            try
            {
                await read.ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
            {
                reading = e;
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var said = await error.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return (process.ExitCode == 0 && reading is not null ? 1 : process.ExitCode, await text.ConfigureAwait(false), reading is null ? said : $"{said.Trim()} {reading.Message}".Trim());
        }
    }

    /// <summary>The last line ssh wrote, as a reason.</summary>
    public static string LastWords(string said, int exit) =>
        said.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() is { } last ? last : $"ssh exited with code {exit}";

    /// <summary>Closes the shared connection (<c>ssh -O exit</c>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (File.Exists(controlPath))
        {
            await RunAsync(["-O", "exit"], null, null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Login.Text;

    /// <summary>Quotes a word for the host's shell.</summary>
    public static string Quote(string word) => ShellQuoting.Quote(word);
}
