using System.Diagnostics;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.BlackBox;

/// <summary>
/// A real terminal for the live views: tmux, at a fixed size, running a command; what a person would see is read back
/// from its screen and scrollback, after the terminal has drawn every cursor move.
/// </summary>
internal sealed class TerminalSession : IDisposable
{
    private readonly string name = $"atelier-{Guid.NewGuid():N}";

    private TerminalSession(int width, int height, string command)
    {
        // The command runs in a shell whose last line says it ended, so the test can wait for the end. Each session has
        // a tmux server of its own (-L): one that exits as another session ends cannot take a new session down with it.
        Tmux("new-session", "-d", "-s", name, "-x", $"{width}", "-y", $"{height}", $"{command}; echo ATELIER-EXITED-$?; sleep 600");
    }

    public static TerminalSession Start(int width, int height, string command) => new(width, height, command);

    /// <summary>The screen and everything scrolled off it, a line per row, trailing spaces removed.</summary>
    public IReadOnlyList<string> Lines() => [.. Tmux("capture-pane", "-p", "-J", "-S", "-", "-t", name).Split('\n').Select(l => l.TrimEnd())];

    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        string? line = null;
        Assert.True(await Eventually.HoldsAsync(() => (line = Lines().FirstOrDefault(l => l.StartsWith("ATELIER-EXITED-", StringComparison.Ordinal))) is not null, timeout), string.Join('\n', Lines()));
        return int.Parse(line!["ATELIER-EXITED-".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        var socket = Tmux("display-message", "-p", "#{socket_path}").Trim();
        Tmux("kill-server");
        if (socket.Length > 0)
        {
            File.Delete(socket);
        }
    }

    /// <summary>Quotes a word for the shell tmux runs the command in.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private string Tmux(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-L", name, .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using var tmux = Process.Start(info)!;
        var error = tmux.StandardError.ReadToEndAsync();
        var output = tmux.StandardOutput.ReadToEnd();
        tmux.WaitForExit();
        if (tmux.ExitCode != 0 && args[0] == "new-session")
        {
            throw new InvalidOperationException($"tmux could not start the session: {error.Result}");
        }

        return output;
    }
}
