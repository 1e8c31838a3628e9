using System.Globalization;

namespace Atelier.Jobs.Remote;

/// <summary>
/// One machine to run jobs on, as GNU parallel's <c>-S</c> writes it: <c>[N/][user@]host[:port]</c>, or
/// <c>[N/]ssh-command ... host</c> (<c>4/ssh -p 2222 server</c>), or <c>:</c> for this machine.
/// </summary>
/// <param name="Text">The login as written, without its <c>N/</c>: what the job log's Host column says.</param>
/// <param name="Slots">The number of cores it has when the login gives it (<c>N/</c>); null to ask the host.</param>
/// <param name="Ssh">The ssh command and its options, when the login gives its own (<c>ssh -p 2222 server</c>); null for the run's.</param>
/// <param name="Destination">What ssh connects to: <c>user@host</c> or <c>host</c>; empty for this machine.</param>
/// <param name="Port">The port, when the login gives one (<c>host:2222</c>, <c>[::1]:2222</c>).</param>
public sealed record SshLogin(string Text, int? Slots, IReadOnlyList<string>? Ssh, string Destination, int? Port)
{
    /// <summary>This machine, with no ssh (<c>:</c>).</summary>
    public bool IsLocal => Destination.Length == 0;

    /// <summary>
    /// GNU parallel's own login file, what its <c>-S ..</c> and <c>--slf ..</c> read: <c>~/.parallel/sshloginfile</c>,
    /// else <c>$XDG_CONFIG_HOME/parallel/sshloginfile</c> when only that one exists.
    /// </summary>
    /// <param name="variable">Reads an environment variable (<c>HOME</c>, <c>XDG_CONFIG_HOME</c>).</param>
    public static string ParallelLoginFile(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var home = Path.Combine(variable("HOME") is { Length: > 0 } set ? set : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".parallel", "sshloginfile");
        var config = variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "parallel", "sshloginfile") : null;
        return !File.Exists(home) && config is not null && File.Exists(config) ? config : home;
    }

    /// <summary>Reads one login.</summary>
    /// <exception cref="AtelierException">It is empty, its <c>N/</c> is not a positive number, or its port is not one.</exception>
    public static SshLogin Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var login = text.Trim();
        int? slots = null;
        var slash = login.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && login[..slash].All(char.IsAsciiDigit))
        {
            if (!int.TryParse(login[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw Error(text, "its N/ must be a number of jobs of at least 1");
            }

            (slots, login) = (count, login[(slash + 1)..].Trim());
        }
        else if (login.StartsWith("//", StringComparison.Ordinal))
        {
            // "//usr/local/bin/myssh ... host": no N, then a path.
            login = login[1..];
        }

        if (login == ":")
        {
            return new SshLogin(login, slots, null, "", null);
        }

        var words = login.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            throw Error(text, "it names no host");
        }

        if (words.Length > 1)
        {
            // "ssh -p 2222 user@server": the ssh command is given; its last word is the host.
            return new SshLogin(login, slots, words[..^1], words[^1], null);
        }

        var (destination, port) = SplitPort(login, text);
        return new SshLogin(login, slots, null, destination, port);
    }

    /// <summary>
    /// Reads a list of logins: comma- or newline-separated (<c>,,</c> or <c>\,</c> for a comma in one), as
    /// <c>-S</c> takes them; empty entries and lines starting with <c>#</c> are skipped, as in a <c>--slf</c> file.
    /// </summary>
    /// <exception cref="AtelierException">One of them is not a login.</exception>
    public static IReadOnlyList<SshLogin> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var logins = new List<SshLogin>();
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            const char Comma = '\u0001';
            foreach (var entry in line.Replace(",,", Comma.ToString(), StringComparison.Ordinal).Replace("\\,", Comma.ToString(), StringComparison.Ordinal).Split(','))
            {
                if (entry.Trim().Length > 0)
                {
                    logins.Add(Parse(entry.Replace(Comma, ',')));
                }
            }
        }

        return logins;
    }

    /// <summary>The host and port of <c>host:port</c>, <c>[v6]:port</c>, <c>v6p2222</c> or <c>v6#2222</c>.</summary>
    private static (string Destination, int? Port) SplitPort(string login, string text)
    {
        var at = login.LastIndexOf('@');
        var (user, host) = at < 0 ? ("", login) : (login[..(at + 1)], login[(at + 1)..]);
        string? port = null;
        if (host.StartsWith('[') && host.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            port = close + 1 < host.Length && host[close + 1] == ':' ? host[(close + 2)..] : null;
            host = host[1..close];
        }
        else if (host.Count(c => c == ':') == 1)
        {
            (host, port) = (host[..host.IndexOf(':', StringComparison.Ordinal)], host[(host.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        }
        else if (host.Contains(':', StringComparison.Ordinal) && host.LastIndexOfAny(['p', '#']) is var mark and > 0 && host[(mark + 1)..].All(char.IsAsciiDigit) && mark + 1 < host.Length)
        {
            // IPv6 without brackets: ::1p2222 or ::1#2222.
            (host, port) = (host[..mark], host[(mark + 1)..]);
        }

        if (host.Length == 0)
        {
            throw Error(text, "it names no host");
        }

        if (port is null)
        {
            return (user + host, null);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
            ? (user + host, number)
            : throw Error(text, $"'{port}' is not a port");
    }

    private static AtelierException Error(string text, string why) =>
        new($"'{text.Trim()}' is not an ssh login ([N/][user@]host[:port], or ':' for this machine): {why}.", "RemoteOptions.Logins");

    /// <inheritdoc />
    public override string ToString() => Text;
}
