using System.Text;

namespace Atelier.Fetch.Credentials;

/// <summary>
/// Logins from a <c>.netrc</c> file, as curl and wget read it: <c>machine HOST login NAME password SECRET</c> entries
/// (tokens separated by any white space, on one line or several), a <c>default</c> entry for every other host,
/// <c>macdef</c> blocks skipped up to the next blank line, <c>#</c> comments, and double-quoted tokens with backslash
/// escapes (curl 7.84's addition) for passwords holding spaces.
/// </summary>
/// <remarks>The first entry for a host wins, as in curl. Passwords never leave this type except as an Authorization header.</remarks>
public sealed class Netrc
{
    private readonly Dictionary<string, NetrcLogin> machines;
    private readonly NetrcLogin? fallback;

    private Netrc(Dictionary<string, NetrcLogin> machines, NetrcLogin? fallback)
    {
        this.machines = machines;
        this.fallback = fallback;
    }

    /// <summary>The default file: <c>$NETRC</c> if set, else <c>~/.netrc</c>.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("NETRC") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".netrc");

    /// <summary>Reads a netrc file.</summary>
    /// <exception cref="AtelierException">The file cannot be read, or an entry is incomplete.</exception>
    public static Netrc Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot read the netrc file '{path}': {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new AtelierException($"The netrc file '{path}' {e.Message}", e);
        }
    }

    /// <summary>Reads netrc text.</summary>
    /// <exception cref="FormatException">A keyword lacks its value, or a login or password comes before any machine.</exception>
    public static Netrc Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var machines = new Dictionary<string, NetrcLogin>(StringComparer.OrdinalIgnoreCase);
        NetrcLogin? fallback = null;
        string? host = null;
        var isDefault = false;
        string? login = null;
        string? password = null;

        void EndEntry()
        {
            var entry = new NetrcLogin(login ?? "", password ?? "");
            if (isDefault)
            {
                fallback ??= entry;
            }
            else if (host is not null)
            {
                machines.TryAdd(host, entry);
            }

            (host, isDefault, login, password) = (null, false, null, null);
        }

        var tokens = new Tokens(reader);
        while (tokens.Next() is { } token)
        {
            switch (token)
            {
                case "machine":
                    if (host is not null || isDefault)
                    {
                        EndEntry();
                    }

                    host = tokens.Next() ?? throw new FormatException("ends after 'machine' without a host name.");
                    break;
                case "default":
                    if (host is not null || isDefault)
                    {
                        EndEntry();
                    }

                    isDefault = true;
                    break;
                case "login":
                    login = Value(tokens, token, host, isDefault);
                    break;
                case "password":
                    password = Value(tokens, token, host, isDefault);
                    break;
                case "account":
                    Value(tokens, token, host, isDefault);
                    break;
                case "macdef":
                    tokens.SkipMacro();
                    break;
                default:
                    // Unknown words are skipped, as curl does.
                    break;
            }
        }

        if (host is not null || isDefault)
        {
            EndEntry();
        }

        return new Netrc(machines, fallback);
    }

    /// <summary>The login for a host: its own entry, else the default entry; null when neither gives a login.</summary>
    internal NetrcLogin? For(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var entry = machines.GetValueOrDefault(host) ?? fallback;
        return entry is { Name.Length: > 0 } ? entry : null;
    }

    private static string Value(Tokens tokens, string keyword, string? host, bool isDefault) =>
        host is null && !isDefault
            ? throw new FormatException($"has '{keyword}' before any 'machine' or 'default'.")
            : tokens.Next() ?? throw new FormatException($"ends after '{keyword}' without its value.");

    /// <summary>The file's words: white-space separated, double-quoted with backslash escapes, # to the end of the line a comment.</summary>
    private sealed class Tokens(TextReader reader)
    {
        public string? Next()
        {
            int c;
            while ((c = reader.Peek()) >= 0 && (char.IsWhiteSpace((char)c) || c == '#'))
            {
                reader.Read();
                if (c == '#')
                {
                    reader.ReadLine();
                }
            }

            if (c < 0)
            {
                return null;
            }

            var token = new StringBuilder();
            if (c == '"')
            {
                reader.Read();
                while ((c = reader.Read()) >= 0 && c != '"')
                {
                    token.Append(c == '\\' && reader.Peek() >= 0 ? Escaped((char)reader.Read()) : (char)c);
                }

                return token.ToString();
            }

            while ((c = reader.Peek()) >= 0 && !char.IsWhiteSpace((char)c))
            {
                token.Append((char)reader.Read());
            }

            return token.ToString();
        }

        /// <summary>A macro definition runs to the next blank line.</summary>
        public void SkipMacro()
        {
            reader.ReadLine();
            while (reader.ReadLine() is { Length: > 0 } line && !string.IsNullOrWhiteSpace(line))
            {
            }
        }

        private static char Escaped(char c) => c switch
        {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => c,
        };
    }
}
