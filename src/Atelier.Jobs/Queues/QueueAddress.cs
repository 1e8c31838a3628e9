using System.Diagnostics.CodeAnalysis;

namespace Atelier.Jobs.Queues;

/// <summary>
/// Where a job queue lives and how to reach it: <c>redis://[USER[:PASSWORD]@]HOST[:PORT]/NAME</c> (port 6379 by
/// default), <c>rediss://</c> for TLS. Shown, it never carries its password.
/// </summary>
/// <param name="Host">The Redis server's host.</param>
/// <param name="Port">Its port.</param>
/// <param name="Name">The queue's name: the key of its job stream; the other keys start with it.</param>
public sealed record QueueAddress(string Host, int Port, string Name)
{
    /// <summary>The ACL user to log in as; null for the default user.</summary>
    public string? User { get; init; }

    /// <summary>The password (of <see cref="User"/>, or the server's <c>requirepass</c>); null for none.</summary>
    public string? Password { get; init; }

    /// <summary>Whether to speak TLS (<c>rediss://</c>), checking the server's certificate against the system's trust store.</summary>
    public bool Tls { get; init; }

    /// <summary>A PEM file of the certificate authority that issued the server's certificate, trusted besides the system's; implies TLS.</summary>
    public string? CertificateAuthorityFile { get; init; }

    /// <summary>A PEM certificate to present to a server that asks for one (<c>tls-auth-clients yes</c>), with <see cref="ClientKeyFile"/>; implies TLS.</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>The PEM private key of <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>Whether the connection is encrypted: asked by the scheme, or by a CA or client certificate.</summary>
    public bool UsesTls => Tls || CertificateAuthorityFile is not null || ClientCertificateFile is not null;

    /// <summary>Reads an address; false, with <paramref name="error"/> saying why, when it is not one.</summary>
    /// <remarks>The error quotes the text with its password replaced by <c>***</c>.</remarks>
    public static bool TryParse(string text, [MaybeNullWhen(false)] out QueueAddress address, [MaybeNullWhen(true)] out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
        {
            error = $"'{Redact(text)}' is not a queue address (redis://HOST:PORT/NAME, or rediss:// for TLS).";
            return false;
        }

        var name = uri.AbsolutePath.Trim('/');
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            error = $"'{Redact(text)}' names no queue: add it after the port, as in {uri.Scheme}://{uri.Authority}/jobs.";
            return false;
        }

        // USER:PASSWORD, :PASSWORD (the legacy requirepass) or USER alone; both percent-decoded.
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        address = new QueueAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port, Uri.UnescapeDataString(name))
        {
            User = string.IsNullOrEmpty(user) ? null : user,
            Password = string.IsNullOrEmpty(password) ? null : password,
            Tls = uri.Scheme == "rediss",
        };
        error = null;
        return true;
    }

    /// <summary>The address as it can be shown: the password, if any, as <c>***</c>.</summary>
    public override string ToString() =>
        $"{(UsesTls ? "rediss" : "redis")}://{(User is null && Password is null ? "" : $"{Uri.EscapeDataString(User ?? "")}{(Password is null ? "" : ":***")}@")}{Host}:{Port}/{Name}";

    /// <summary>Text that may hold an address, with the password of <c>scheme://user:password@</c> replaced.</summary>
    private static string Redact(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (scheme < 0 || at < scheme)
        {
            return text;
        }

        var colon = text.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? $"{text[..(colon + 1)]}***{text[at..]}" : text;
    }
}
