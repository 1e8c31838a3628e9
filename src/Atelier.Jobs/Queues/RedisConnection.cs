using StackExchange.Redis;

namespace Atelier.Jobs.Queues;

/// <summary>Connects to a queue's Redis server; a server that cannot be reached is a one-line error.</summary>
internal static class RedisConnection
{
    public static async Task<ConnectionMultiplexer> ConnectAsync(QueueAddress address)
    {
        var configuration = new ConfigurationOptions
        {
            EndPoints = { { address.Host, address.Port } },
            AbortOnConnectFail = true,
            ConnectTimeout = 3000,
            ConnectRetry = 1,

            // Our commands are small: one not answered in 2 s means the server is away, and RedisRetry takes over.
            AsyncTimeout = 2000,
            SyncTimeout = 2000,
            ClientName = "atelier",
            User = address.User,
            Password = address.Password,
            Ssl = address.UsesTls,
        };
        if (address.CertificateAuthorityFile is { } authority)
        {
            configuration.TrustIssuer(Readable(authority, "certificate authority"));
        }

        if (address.ClientCertificateFile is { } certificate)
        {
            configuration.SetUserPemCertificate(
                Readable(certificate, "client certificate"),
                Readable(address.ClientKeyFile ?? throw new AtelierException("A client certificate needs its key: give the key file too."), "client key"));
        }

        try
        {
            return await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        }
        catch (RedisConnectionException e)
        {
            throw Unreachable(address, e);
        }
    }

    /// <summary>Creates the workers' consumer group, from the start of the stream, unless it exists.</summary>
    public static async Task EnsureGroupAsync(IDatabase database, QueueKeys keys)
    {
        try
        {
            await database.StreamCreateConsumerGroupAsync(keys.Jobs, QueueKeys.Group, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }

        await database.StringSetAsync(keys.Since, DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), when: When.NotExists).ConfigureAwait(false);
    }

    public static AtelierException Unreachable(QueueAddress address, Exception e) =>
        new($"Cannot reach Redis at {address.Host}:{address.Port}{(address.UsesTls ? " over TLS" : "")} for queue '{address.Name}': {Explain(e)}", e);

    private static string Readable(string path, string what) =>
        File.Exists(path) ? path : throw new AtelierException($"The {what} '{path}' is not a readable file.");

    /// <summary>What went wrong, in the server's words when it refused the login.</summary>
    private static string Explain(Exception e)
    {
        var message = e.Message;
        if (message.Contains("WRONGPASS", StringComparison.Ordinal) || message.Contains("invalid password", StringComparison.OrdinalIgnoreCase))
        {
            return "the server refused the user name or password (WRONGPASS).";
        }

        if (message.Contains("NOAUTH", StringComparison.Ordinal) || message.Contains("AuthenticationFailure", StringComparison.Ordinal))
        {
            return "the server wants a password: give it in the address (redis://:PASSWORD@HOST/NAME), a password file, or REDISCLI_AUTH.";
        }

        return FirstLine(message);
    }

    // StackExchange.Redis explains at length how to retry forever; the first sentence is what happened.
    private static string FirstLine(string message) => message.Split('\n')[0].Split(". ")[0].Trim().TrimEnd('.') + ".";
}
