using Atelier.Labs.Errors;

namespace Atelier.Labs.Tests.Errors;

public sealed class ErrorsLessonTests
{
    [Fact]
    public async Task RunAsync_SomeOrdersThrow_TheBatchCompletesAndCountsThemWithReasons()
    {
        var report = await ErrorsLesson.RunAsync(new ErrorsOptions { Items = 12, FailEvery = 4, Workers = 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 12), report.Orders.Select(o => o.Order));
        Assert.Equal([4, 8, 12], report.Orders.Where(o => o.Status == "failed").Select(o => o.Order));
        Assert.Equal(3, report.ItemsFailed);
        Assert.True(report.Succeeded);
        Assert.Equal("FormatException: quantity 'x4' is not a number", report.Orders[3].Reason);
        Assert.StartsWith("TimeoutException:", report.Orders[7].Reason, StringComparison.Ordinal);
        Assert.All(report.Orders.Where(o => o.Status == "succeeded"), o => Assert.Equal(o.Order * 12.5m, o.Total));
    }

    [Fact]
    public async Task RunAsync_NoBadOrders_NothingFails()
    {
        var report = await ErrorsLesson.RunAsync(new ErrorsOptions { Items = 5, FailEvery = 0 }, TestContext.Current.CancellationToken);

        Assert.Equal(0, report.ItemsFailed);
        Assert.All(report.Orders, o => Assert.Equal("succeeded", o.Status));
    }
}
