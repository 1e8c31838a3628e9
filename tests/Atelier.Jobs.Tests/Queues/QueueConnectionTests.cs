using Atelier.Jobs.Queues;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;
using Atelier.Jobs.Tests.Running;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Queues;

/// <summary>Queues on servers that want a password, an ACL user, TLS, and client certificates: real redis-servers.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class QueueConnectionTests
{
    [Theory]
    [InlineData("redis://:s3cret@host/jobs", null, "s3cret", false, "redis://:***@host:6379/jobs")]
    [InlineData("redis://alice:p%40ss%3Aword@host:7000/jobs", "alice", "p@ss:word", false, "redis://alice:***@host:7000/jobs")]
    [InlineData("rediss://alice@host/jobs", "alice", null, true, "rediss://alice@host:6379/jobs")]
    [InlineData("rediss://host:6380/jobs", null, null, true, "rediss://host:6380/jobs")]
    public void Address_CarriesCredentialsAndTls_AndIsShownWithoutThePassword(string text, string? user, string? password, bool tls, string shown)
    {
        Assert.True(QueueAddress.TryParse(text, out var address, out _));

        Assert.Equal((user, password, tls), (address.User, address.Password, address.Tls));
        Assert.Equal(shown, address.ToString());
        Assert.Equal(shown, $"{address}");
    }

    [Fact]
    public async Task Password_InTheAddress_RunsJobs_WithoutOrWrong_IsAOneLineErrorThatHidesIt()
    {
        using var redis = await RedisServer.StartAsync(false, "--requirepass", "s3cret");

        var results = await RunWithWorkerAsync(redis.QueueAddress(credentials: ":s3cret"));
        var missing = await Assert.ThrowsAsync<AtelierException>(() => QueueStatus.ReadAsync(redis.QueueAddress()));
        var wrong = await Assert.ThrowsAsync<AtelierException>(() => QueueStatus.ReadAsync(redis.QueueAddress(credentials: ":guess")));

        Assert.Equal(["a\n", "b\n"], results.Select(r => r.Output.ToString()));
        Assert.Contains("the server wants a password", missing.Message, StringComparison.Ordinal);
        Assert.Contains("refused the user name or password", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guess", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AclUser_RunsJobs()
    {
        using var redis = await RedisServer.StartAsync(false, "--user", "default", "off", "--user", "alice", "on", ">wonderland", "~*", "&*", "+@all");

        var results = await RunWithWorkerAsync(redis.QueueAddress(credentials: "alice:wonderland"));
        var other = await Assert.ThrowsAsync<AtelierException>(() => QueueStatus.ReadAsync(redis.QueueAddress(credentials: "bob:wonderland")));

        Assert.Equal(["a\n", "b\n"], results.Select(r => r.Output.ToString()));
        Assert.Contains("refused the user name or password", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_WithThePrivateAuthority_RunsJobs_WithoutIt_TheCertificateIsRefused()
    {
        using var certificates = new TestCertificates();
        using var redis = await RedisServer.StartTlsAsync(certificates);

        var results = await RunWithWorkerAsync(redis.QueueAddress() with { CertificateAuthorityFile = certificates.AuthorityFile });
        var untrusted = await Assert.ThrowsAsync<AtelierException>(() => QueueStatus.ReadAsync(redis.QueueAddress()));

        Assert.Equal(["a\n", "b\n"], results.Select(r => r.Output.ToString()));
        Assert.StartsWith($"Cannot reach Redis at 127.0.0.1:{redis.Port} over TLS", untrusted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_ThatAsksForAClientCertificate_RunsJobsWithOne_AndRefusesThoseWithout()
    {
        using var certificates = new TestCertificates();
        using var redis = await RedisServer.StartTlsAsync(certificates, clientCertificates: true);
        var trusted = redis.QueueAddress() with { CertificateAuthorityFile = certificates.AuthorityFile };

        var results = await RunWithWorkerAsync(trusted with { ClientCertificateFile = certificates.ClientCertificateFile, ClientKeyFile = certificates.ClientKeyFile });
        await Assert.ThrowsAsync<AtelierException>(() => QueueStatus.ReadAsync(trusted));

        Assert.Equal(["a\n", "b\n"], results.Select(r => r.Output.ToString()));
    }

    private static async Task<List<JobResult>> RunWithWorkerAsync(QueueAddress address)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var worker = new QueueWorker(address, new QueueWorkerOptions { MaxDegreeOfParallelism = 2 }).RunAsync(stop.Token);
        var results = new List<JobResult>();
        await foreach (var result in new QueueProducer(address, new JobRunnerOptions { PreserveOrder = true }).RunAsync(
            CommandTemplate.Parse(JobRun.Script("echo $1")), [["a"], ["b"]], TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        await stop.CancelAsync();
        await worker;
        return results;
    }
}
