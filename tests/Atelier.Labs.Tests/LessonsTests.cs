using System.Text.Json;
using Atelier.Labs.Race;

namespace Atelier.Labs.Tests;

public sealed class LessonsTests
{
    [Fact]
    public void All_AreTheChaptersLessonsInOrder_EachWithSettingsAndDefaults()
    {
        Assert.Equal(["threads", "downloads", "race", "deadlock", "reorder", "pipeline", "cpu", "workers", "errors", "async"], Lessons.All.Select(l => l.Name));
        Assert.All(Lessons.All, l => Assert.NotEmpty(l.Settings));
        Assert.All(Lessons.All.SelectMany(l => l.Settings), s => Assert.True(s.Default is long or TimeSpan or bool, s.Name));
        Assert.Equal(["cpu", "workers"], Lessons.All.Where(l => l.HasWorkers).Select(l => l.Name));
        Assert.Equal((4L, 1L), (Lessons.Find("race")!.Settings.Single(s => s.Name == "threads").Default, Lessons.Find("race")!.Settings.Single(s => s.Name == "threads").Minimum));
    }

    [Fact]
    public async Task RunAsync_GivenValues_ChangeOnlyTheirSettings()
    {
        var report = Assert.IsType<RaceReport>(await Lessons.Find("race")!.RunAsync(new LessonRun { Values = new Dictionary<string, object> { ["threads"] = 2L } }, TestContext.Current.CancellationToken));

        Assert.Equal((2, 1_000_000), (report.Threads, report.Increments));
    }

    [Fact]
    public async Task RunAsync_UnknownSettingOrWrongKind_IsRefused()
    {
        var race = Lessons.Find("race")!;

        await Assert.ThrowsAsync<ArgumentException>(() => race.RunAsync(new LessonRun { Values = new Dictionary<string, object> { ["speed"] = 2L } }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => race.RunAsync(new LessonRun { Values = new Dictionary<string, object> { ["threads"] = TimeSpan.FromSeconds(1) } }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RunAsync_ValueOutsideItsBounds_IsRefused()
    {
        var race = Lessons.Find("race")!;
        var threads = race.Settings.Single(s => s.Name == "threads");
        var produceTime = Lessons.Find("pipeline")!.Settings.Single(s => s.Name == "produce-time");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => race.RunAsync(new LessonRun { Values = new Dictionary<string, object> { ["threads"] = threads.Maximum + 1 } }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => race.RunAsync(new LessonRun { Values = new Dictionary<string, object> { ["threads"] = 0L } }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Lessons.Find("pipeline")!.RunAsync(new LessonRun { Values = new Dictionary<string, object> { ["produce-time"] = produceTime.Longest + TimeSpan.FromTicks(1) } }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Settings_EveryNumberAndDurationHasBoundsItsLessonCanRun()
    {
        // A bound of int.MaxValue threads or processes is no bound: each lesson says what it can really take.
        Assert.All(Lessons.All.SelectMany(l => l.Settings.Select(s => (Lesson: l.Name, Setting: s))), pair =>
            Assert.True(pair.Setting.IsDuration ? pair.Setting.Longest <= TimeSpan.FromMinutes(1) : pair.Setting.Maximum < int.MaxValue || pair.Setting.Name is "limit" or "seed", $"{pair.Lesson} --{pair.Setting.Name}"));
    }

    [Fact]
    public async Task ServeWorkerAsync_ALessonWithoutWorkers_IsRefused() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Lessons.Find("race")!.ServeWorkerAsync(TestContext.Current.CancellationToken));

    [Fact]
    public void ToJson_ListsEveryLessonByNameAndDescription()
    {
        using var document = JsonDocument.Parse(Lessons.ToJson());

        Assert.Equal(Lessons.All.Select(l => (l.Name, l.Description)), document.RootElement.EnumerateArray().Select(e => (e.GetProperty("name").GetString()!, e.GetProperty("description").GetString()!)));
    }
}
