using System.CommandLine;
using System.Text;
using Atelier.Jobs.Queues;

namespace Atelier.Cli.Commands;

/// <summary>
/// How <c>run --queue</c>, <c>worker</c> and <c>queue status</c> reach a protected Redis (a password kept out of
/// <c>ps</c>, a private CA, a client certificate), and, for producers and workers, the secret jobs are signed with.
/// </summary>
internal sealed class QueueAccess
{
    /// <summary>redis-cli's variable for the password, honoured the same way.</summary>
    public const string PasswordVariable = "REDISCLI_AUTH";

    /// <summary>The variable naming the secret's file, for when it cannot be on the command line.</summary>
    public const string SecretVariable = "ATELIER_QUEUE_SECRET_FILE";

    private const int SmallestSecret = 16;

    public Option<string?> PasswordFile { get; } = new("--queue-password-file")
    {
        Description = $"Read the Redis password from this file's first line (or from {PasswordVariable}), so it stays out of ps.",
        HelpName = "FILE",
    };

    public Option<string?> Authority { get; } = new("--queue-ca") { Description = "Trust the Redis server's certificate when this CA (PEM) issued it; implies TLS.", HelpName = "FILE" };

    public Option<string?> ClientCertificate { get; } = new("--queue-client-cert") { Description = "Present this certificate (PEM) to a Redis that asks for one; with --queue-client-key.", HelpName = "FILE" };

    public Option<string?> ClientKey { get; } = new("--queue-client-key") { Description = "The private key (PEM) of --queue-client-cert.", HelpName = "FILE" };

    public Option<string?> Secret { get; } = new("--queue-secret")
    {
        Description = $"Sign jobs (run) or run only jobs signed (worker) with the secret in this file (or {SecretVariable}'s); the same file everywhere.",
        HelpName = "FILE",
    };

    /// <summary>The options that reach the server.</summary>
    public IEnumerable<Option> Connection => [PasswordFile, Authority, ClientCertificate, ClientKey];

    /// <summary>The options that reach the server, and the secret.</summary>
    public IEnumerable<Option> All => [.. Connection, Secret];

    /// <summary>The address with what the options add: the password (file, then the address, then the variable), TLS files.</summary>
    /// <exception cref="AtelierException">A file cannot be read, or a client certificate comes without its key.</exception>
    public QueueAddress Apply(ParseResult parse, QueueAddress address)
    {
        var password = parse.GetValue(PasswordFile) is { } file
            ? ReadFile(file, "--queue-password-file").Split('\n')[0].TrimEnd('\r')
            : address.Password ?? NonEmpty(Environment.GetEnvironmentVariable(PasswordVariable));
        var certificate = parse.GetValue(ClientCertificate);
        var key = parse.GetValue(ClientKey);
        if ((certificate is null) != (key is null))
        {
            throw new AtelierException("--queue-client-cert and --queue-client-key go together: give both.");
        }

        return address with
        {
            Password = NonEmpty(password),
            CertificateAuthorityFile = parse.GetValue(Authority) ?? address.CertificateAuthorityFile,
            ClientCertificateFile = certificate ?? address.ClientCertificateFile,
            ClientKeyFile = key ?? address.ClientKeyFile,
        };
    }

    /// <summary>The secret, from --queue-secret or the variable; null when neither is given.</summary>
    /// <exception cref="AtelierException">The file cannot be read, or holds too short a secret.</exception>
    public ReadOnlyMemory<byte>? ReadSecret(ParseResult parse)
    {
        var (file, source) = parse.GetValue(Secret) is { } given ? (given, "--queue-secret") : (NonEmpty(Environment.GetEnvironmentVariable(SecretVariable)), SecretVariable);
        if (file is null)
        {
            return null;
        }

        // The file's bytes, but for a final newline an editor or echo adds.
        var secret = ReadFile(file, source).TrimEnd('\n').TrimEnd('\r');
        var bytes = Encoding.UTF8.GetBytes(secret);
        return bytes.Length >= SmallestSecret
            ? bytes
            : throw new AtelierException($"The queue secret in '{file}' has {bytes.Length} bytes; make one of at least {SmallestSecret}, as in: head -c 32 /dev/urandom | base64 > {file}");
    }

    private static string ReadFile(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"{option}: cannot read '{path}': {e.Message}", e);
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
