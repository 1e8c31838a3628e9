using System.Text.Json;
using Atelier.Cli.Commands;
using Atelier.Labs.Text;

namespace Atelier.Cli.Tests.Commands;

public sealed class LabCommandTests
{
    [Fact]
    public async Task List_ShowsTheTenLessonsInTheChaptersOrder()
    {
        var run = await CliRun.InvokeAsync("lab list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["threads", "downloads", "race", "deadlock", "reorder", "pipeline", "cpu", "workers", "errors", "async"], run.OutputLines.Select(l => l.Split(' ')[0]));
        Assert.All(run.OutputLines, l => Assert.True(l.Length > 40, $"'{l}' has no description"));
    }

    [Fact]
    public async Task Lesson_InFrench_SpeaksFrench_AndALanguageWithoutAFileIsAUsageError()
    {
        var run = await CliRun.InvokeAsync("lab race --explore --show 1 --lang fr");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("peuvent entrelacer leurs étapes de 20 façons ; 18 perdent au moins un incrément (90\u00a0%)", run.Output, StringComparison.Ordinal);
        Assert.Contains("lit count = 0", run.Output, StringComparison.Ordinal);

        var german = await CliRun.InvokeAsync("lab list --lang de");
        Assert.Equal(1, german.ExitCode);
        Assert.StartsWith("atelier: --lang 'de' is not a language the lessons are written in: en, fr.", german.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_WithLangFr_DescribesTheLessonAndEverySettingInFrench()
    {
        foreach (var lesson in Atelier.Labs.Lessons.All)
        {
            var french = await CliRun.InvokeAsync(["lab", lesson.Name, "--help", "--lang", "fr"]);
            var english = await CliRun.InvokeAsync(["lab", lesson.Name, "--help"]);

            var (inFrench, inEnglish) = (await InAsync("fr", lesson), await InAsync(LabText.English, lesson));
            Assert.Equal(0, french.ExitCode);
            foreach (var (fr, en) in inFrench.Zip(inEnglish))
            {
                Assert.NotEqual(fr, en);
                Assert.Contains(fr, french.Output, StringComparison.Ordinal);
                Assert.DoesNotContain(en, french.Output, StringComparison.Ordinal);
                Assert.Contains(en, english.Output, StringComparison.Ordinal);
            }

            Assert.Contains("Écrit les résultats en JSON", french.Output, StringComparison.Ordinal);
            Assert.Contains("La langue des leçons : en ou fr.", french.Output, StringComparison.Ordinal);
        }

        var lab = await CliRun.InvokeAsync("lab --help --lang=fr");
        Assert.Contains("Les leçons du chapitre", lab.Output, StringComparison.Ordinal);
        Assert.Contains("Exécute chaque leçon tour à tour", lab.Output, StringComparison.Ordinal);
        Assert.Contains("une somme de carrés calculée en séquence", lab.Output, StringComparison.Ordinal);
    }

    /// <summary>What a lesson's help says of it and of each of its settings, in a language.</summary>
    private static Task<string[]> InAsync(string language, Atelier.Labs.Lesson lesson) => Task.Run(() =>
    {
        LabText.Language = language;
        return (string[])[lesson.Description, .. lesson.Settings.Select(s => s.Description)];
    });

    [Fact]
    public async Task List_Json_IsAnArrayOfNamesAndDescriptions()
    {
        var run = await CliRun.InvokeAsync("lab list --json");

        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(10, document.RootElement.GetArrayLength());
        Assert.Equal("race", document.RootElement[2].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Race_Json_CountsExactlyWithLockAndInterlocked()
    {
        var run = await CliRun.InvokeAsync("lab race --threads 3 --increments 50000 --json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var runs = document.RootElement.GetProperty("runs");
        Assert.Equal(150_000, runs[1].GetProperty("obtained").GetInt64());
        Assert.Equal(150_000, runs[2].GetProperty("obtained").GetInt64());
    }

    [Fact]
    public async Task Race_ForPeople_PrintsTheTableAndTheFindings()
    {
        var run = await CliRun.InvokeAsync("lab race --threads 2 --increments 20000");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("unsynchronised", run.Output, StringComparison.Ordinal);
        Assert.Contains("- With a lock the count is exact (40,000)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_SomeItemsFail_ExitsTwoAndShowsTheReasons()
    {
        var run = await CliRun.InvokeAsync("lab errors --items 8 --fail-every 4");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("FormatException: quantity 'x4' is not a number", run.Output, StringComparison.Ordinal);
        Assert.Contains("6 orders succeeded and 2 failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_NoBadItems_ExitsZero()
    {
        var run = await CliRun.InvokeAsync("lab errors --items 4 --fail-every 0");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Pipeline_Json_HoldsTheBound()
    {
        var run = await CliRun.InvokeAsync("lab pipeline --capacity 3 --items 10 --produce-time 0ms --consume-time 2ms --json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.InRange(document.RootElement.GetProperty("high_water_mark").GetInt32(), 1, 3);
        Assert.Equal(20, document.RootElement.GetProperty("consumed").GetInt32());
    }

    [Fact]
    public async Task Threads_ShortRun_ExitsZeroWithThreeModes()
    {
        var run = await CliRun.InvokeAsync("lab threads --tasks 3 --delay 20ms --json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(3, document.RootElement.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task Downloads_NotATerminal_PrintsABoardLinePerRefreshOnStderr()
    {
        var run = await CliRun.InvokeAsync("lab downloads --count 3 --concurrency 1 --refresh 50ms");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.ErrorLines.Count >= 2);
        Assert.Contains("waiting", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Matches(@"file-1\.bin done \| file-2\.bin done \| file-3\.bin done$", run.ErrorLines[^1]);
        Assert.Contains("file-3.bin", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_Quiet_PrintsNoBoard()
    {
        var run = await CliRun.InvokeAsync("lab downloads --count 2 --refresh 50ms -q");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains("file-2.bin", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Threads_Cancelled_StopsAndExits130()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await CliRun.InvokeAsync("lab threads --tasks 5 --delay 10s", cancel.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal(["atelier: interrupted."], run.ErrorLines);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }

    public static TheoryData<string, string, string> OutOfBounds()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var lesson in Atelier.Labs.Lessons.All)
        {
            foreach (var setting in lesson.Settings.Where(s => !s.IsFlag))
            {
                if (setting.IsDuration)
                {
                    var over = DurationSyntax.Format(setting.Longest + TimeSpan.FromSeconds(1));
                    data.Add(lesson.Name, $"--{setting.Name} {over}", $"--{setting.Name} '{over}' must be at most {DurationSyntax.Format(setting.Longest)}.");
                    continue;
                }

                data.Add(lesson.Name, $"--{setting.Name} {setting.Maximum + 1}", $"--{setting.Name} '{setting.Maximum + 1}' must be at most {setting.Maximum}.");
                data.Add(lesson.Name, $"--{setting.Name} {setting.Minimum - 1}", $"--{setting.Name} '{setting.Minimum - 1}' must be at least {setting.Minimum}.");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public async Task Lesson_SettingOutOfBounds_IsAOneLineUsageError(string lesson, string setting, string message)
    {
        var run = await CliRun.InvokeAsync(["lab", lesson, .. setting.Split(' ')]);

        Assert.Equal((1, $"atelier: {message} See 'atelier lab {lesson} --help'."), (run.ExitCode, run.Error.TrimEnd()));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Race_TheMostThreadsWithOneIncrementEach_RunsAndCountsThemAll()
    {
        // 100,000 threads once ended in an unhandled exception (a Barrier holds at most 32,767) and exit 134.
        var run = await CliRun.InvokeAsync(["lab", "race", "--threads", "256", "--increments", "1", "--json"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"expected\":256", run.Output, StringComparison.Ordinal);
    }
}
