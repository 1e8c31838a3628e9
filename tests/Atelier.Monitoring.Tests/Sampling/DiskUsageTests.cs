using Atelier.Monitoring.Sampling;

namespace Atelier.Monitoring.Tests.Sampling;

public sealed class DiskUsageTests
{
    [Theory]
    [InlineData(100, 30, 20, 100.0 * 70 / 90)]
    [InlineData(100, 100, 100, 0)]
    [InlineData(100, 0, 0, 100)]
    public void Percent_IsDfsFormula(long total, long free, long available, double expected) =>
        Assert.Equal(expected, DiskUsage.Percent(total, free, available), 9);

    [Fact]
    public void Open_PseudoFilesystem_IsRefused() =>
        Assert.Contains("pseudo filesystem", Assert.Throws<AtelierException>(() => DiskUsage.Open("/proc")).Message, StringComparison.Ordinal);

    [Fact]
    public void Open_MissingFolder_IsRefused()
    {
        var error = Assert.Throws<AtelierException>(() => DiskUsage.Open("/nonexistent/mount"));

        Assert.Equal(("'/nonexistent/mount' is not a folder on this machine.", "MonitorOptions.Disks"), (error.Message, error.Setting));
    }
}
