using System.Net;
using Atelier.Monitoring.Dashboard;

namespace Atelier.Monitoring.Tests.Dashboard;

public sealed class DashboardAddressTests
{
    [Theory]
    [InlineData("9100", "127.0.0.1:9100")]
    [InlineData("0", "127.0.0.1:0")]
    [InlineData("localhost:8080", "127.0.0.1:8080")]
    [InlineData("0.0.0.0:9100", "0.0.0.0:9100")]
    [InlineData("192.168.1.5:80", "192.168.1.5:80")]
    [InlineData("[::1]:9100", "[::1]:9100")]
    public void TryParse_PortOrAddressWithPort_ListensWhereNamedAndLoopbackByDefault(string text, string expected)
    {
        Assert.True(DashboardAddress.TryParse(text, out var endpoint));
        Assert.Equal(IPEndPoint.Parse(expected), endpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("0.0.0.0")]
    [InlineData("example.org:80")]
    [InlineData("localhost:")]
    [InlineData("nine")]
    public void TryParse_Nonsense_IsRefused(string text) => Assert.False(DashboardAddress.TryParse(text, out _));
}
