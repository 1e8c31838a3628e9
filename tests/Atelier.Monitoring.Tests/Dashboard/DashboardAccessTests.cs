using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Atelier.Monitoring.Dashboard;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Dashboard;

/// <summary>Who may read the dashboard: a bearer token, HTTPS, and command lines left out.</summary>
public sealed class DashboardAccessTests
{
    private const string Token = "a-token-of-the-test-0123456789";

    [Theory]
    [InlineData("metrics")]
    [InlineData("api/samples")]
    [InlineData("api/peers")]
    [InlineData("api/silences")]
    [InlineData("api/stream")]
    public async Task Token_EveryDataEndpoint_Answers401Without_AndWithAWrongOne_200WithIt(string path)
    {
        await using var live = await LiveDashboard.StartAsync(0, new DashboardOptions { Token = Token });
        Assert.True(await Eventually.HoldsAsync(() => live.Ticks >= 2));

        var without = await StatusAsync(live.Client, new Uri(live.Server.Address, path), token: null);
        var wrong = await StatusAsync(live.Client, new Uri(live.Server.Address, path), "a-token-of-the-test-0123456788");
        var right = await StatusAsync(live.Client, new Uri(live.Server.Address, path), Token);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK), (without, wrong, right));
    }

    [Fact]
    public async Task Token_ThePageItself_IsServedButHoldsNoData()
    {
        await using var live = await LiveDashboard.StartAsync(0, new DashboardOptions { Token = Token }, "mem>0:crit");
        Assert.True(await Eventually.HoldsAsync(() => live.Ticks >= 2));

        var page = await live.GetAsync("");

        Assert.Contains("const tokenAsked = true;", page, StringComparison.Ordinal);
        Assert.Contains("<script id=\"snapshot\" type=\"application/json\">null</script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\"rss_bytes\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\"capacity\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_WithTheToken_Answers_AndTheAddressSaysHttps()
    {
        using var certificates = new TestCertificates();
        await using var live = await LiveDashboard.StartAsync(0, new DashboardOptions { Token = Token, CertificateFile = certificates.ServerCertificateFile, KeyFile = certificates.ServerKeyFile });
        using var authority = X509CertificateLoader.LoadCertificateFromFile(certificates.AuthorityFile);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        using var client = new HttpClient(handler);
        var metrics = new Uri(live.Server.Address, "metrics");

        Assert.Equal("https", live.Server.Address.Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, metrics, token: null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, metrics, Token));
    }

    [Fact]
    public async Task WithoutCommands_TopProcessesAreServedByProgramName()
    {
        await using var shown = await LiveDashboard.StartAsync(0, new DashboardOptions());
        await using var hidden = await LiveDashboard.StartAsync(0, new DashboardOptions { ShowCommands = false });
        Assert.True(await Eventually.HoldsAsync(() => shown.Ticks >= 3 && hidden.Ticks >= 3));

        var withArguments = Commands(await shown.GetAsync("api/samples"));
        var names = Commands(await hidden.GetAsync("api/samples"));

        // The test host's own process is among the top by memory, with its arguments when shown.
        Assert.Contains(withArguments, c => c.Contains(' ', StringComparison.Ordinal));
        Assert.All(names, c => Assert.True(!c.Contains(' ', StringComparison.Ordinal) && !c.Contains('/', StringComparison.Ordinal) || c.StartsWith('['), c));
    }

    private static List<string> Commands(string samples)
    {
        using var json = JsonDocument.Parse(samples);
        var processes = json.RootElement.GetProperty("processes");
        return [.. processes.GetProperty("by_cpu").EnumerateArray().Concat(processes.GetProperty("by_memory").EnumerateArray()).Select(p => p.GetProperty("command").GetString()!)];
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // Headers only: the event stream never ends.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
