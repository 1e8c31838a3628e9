using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests;

/// <summary>TLS, HTTP/2 and headers.</summary>
public sealed class DownloaderProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private MisbehavingServer Server => fixture.Server;

    [Fact]
    public async Task SelfSignedCertificate_IsRefusedByDefault()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Retries = 0 }, $"{Server.TlsBaseUrl}/files/tls-refused.bin?size=10"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("certificate is invalid", result.Error, StringComparison.Ordinal);
        Assert.Empty(folder.Files);
        Assert.Equal(0, Server.Hits("tls-refused.bin"));
    }

    [Fact]
    public async Task Insecure_AcceptsTheCertificateAndSpeaksHttp2WhenOffered()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Insecure = true }, $"{Server.TlsBaseUrl}/files/tls.bin?size=70000"));

        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal(Body.Of("tls.bin", 70_000), folder.Read("tls.bin"));
        Assert.Equal("HTTP/2", Server.Protocol("tls.bin"));
    }

    [Fact]
    public async Task PlainHttp_StaysOnHttp11()
    {
        using var folder = new TempFolder();
        await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/files/plain.bin?size=10"));

        Assert.Equal("HTTP/1.1", Server.Protocol("plain.bin"));
    }

    [Fact]
    public async Task Headers_AreSentWithEveryRequest()
    {
        using var folder = new TempFolder();
        await FetchRun.RunAsync(FetchRun.Options(folder) with { Headers = [new("X-Test", "hello there")] }, Server.Url("/header/echo"));

        Assert.Equal("hello there", System.Text.Encoding.UTF8.GetString(folder.Read("echo")));
    }
}
