using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Atelier.Labs.Text;

namespace Atelier.Labs.Tests.Text;

/// <summary>The lessons in English and in French: every lesson, every table and finding, and nothing English left in French.</summary>
public sealed partial class LabTextTests
{
    /// <summary>Each lesson with small settings, so that all ten run in a few seconds.</summary>
    public static TheoryData<string, string> Lessons() => new()
    {
        { "threads", "tasks=3 delay=10ms" },
        { "downloads", "count=3 concurrency=2" },
        { "race", "threads=2 increments=20000" },
        { "race", "explore" },
        { "deadlock", "attempts=1 watchdog=50ms hold=1ms" },
        { "reorder", "rounds=20000" },
        { "pipeline", "items=10 produce-time=1ms consume-time=1ms" },
        { "cpu", "limit=100000 ranges=4 workers=2" },
        { "workers", "tasks=4 workers=2 task-time=1ms" },
        { "errors", "items=8" },
        { "async", "requests=10 wait=20ms watchdog=200ms" },
    };

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task Lesson_InFrench_HasNoEnglishLeft_AndInEnglishIsEnglish(string name, string settings)
    {
        var french = await TextOf(name, settings, "fr");
        var english = await TextOf(name, settings, LabText.English);

        // Words only English has (code identifiers such as Interlocked.Increment or ConfigureAwait hold none of them).
        Assert.Empty(EnglishWords().Matches(french).Select(m => m.Value));
        Assert.NotEmpty(EnglishWords().Matches(english));

        // And no sentence of the English file, where the French one says something else.
        var (en, fr) = (Entries(null), Entries("fr"));
        foreach (var (key, text) in en.Where(e => e.Value != fr.GetValueOrDefault(e.Key) && e.Value.Length >= 12))
        {
            foreach (var piece in Placeholder().Split(text).Where(p => p.Trim().Length >= 12))
            {
                Assert.False(french.Contains(piece.Trim(), StringComparison.Ordinal), $"'{piece.Trim()}' ({key}) is English in the French output");
            }
        }
    }

    [Fact]
    public void French_HasEveryKeyEnglishHas()
    {
        var (en, fr) = (Entries(null), Entries("fr"));

        Assert.Empty(en.Keys.Except(fr.Keys));
        Assert.Empty(fr.Keys.Except(en.Keys));
        Assert.Equal(["en", "fr"], LabText.Available);
    }

    [Fact]
    public async Task Numbers_FollowTheLanguage()
    {
        await Task.Run(() =>
        {
            LabText.Language = "fr";
            Assert.Equal(("1\u202f234\u202f567", "40,9\u00a0%", "1,50\u00a0s"), (Figures.Count(1_234_567), Figures.Percent(40.91), Figures.Duration(TimeSpan.FromSeconds(1.5))));
        }, TestContext.Current.CancellationToken);
        Assert.Equal(("1,234,567", "40.9%", "1.50 s"), (Figures.Count(1_234_567), Figures.Percent(40.91), Figures.Duration(TimeSpan.FromSeconds(1.5))));
    }

    [Theory]
    [InlineData("fr_FR.UTF-8", null, null, "fr")]
    [InlineData("en_US.UTF-8", "fr_CA.UTF-8", null, "fr")]
    [InlineData("fr_FR.UTF-8", null, "C", "en")]
    [InlineData("de_DE.UTF-8", null, null, "en")]
    [InlineData(null, null, null, "en")]
    public void FromEnvironment_LcAllThenLcMessagesThenLang(string? lang, string? messages, string? all, string expected)
    {
        var variables = new Dictionary<string, string?> { ["LANG"] = lang, ["LC_MESSAGES"] = messages, ["LC_ALL"] = all };

        Assert.Equal(expected, LabText.FromEnvironment(v => variables[v]));
    }

    [Fact]
    public void Language_WithoutAFile_IsRefused() =>
        Assert.Throws<ArgumentException>(() => LabText.Language = "de");

    private static async Task<string> TextOf(string name, string settings, string language)
    {
        var lesson = Atelier.Labs.Lessons.Find(name)!;
        var values = new Dictionary<string, object>();
        foreach (var setting in settings.Split(' '))
        {
            var (key, value) = setting.Contains('=', StringComparison.Ordinal) ? (setting.Split('=')[0], setting.Split('=')[1]) : (setting, "");
            var kind = lesson.Settings.Single(s => s.Name == key);
            values[key] = kind.IsFlag ? true : kind.IsDuration ? TimeSpan.FromMilliseconds(double.Parse(value.TrimEnd('m', 's'), CultureInfo.InvariantCulture)) : long.Parse(value, CultureInfo.InvariantCulture);
        }

        // Its own flow: the language is per flow, as a run sets it.
        return await Task.Run(async () =>
        {
            LabText.Language = language;
            var report = await lesson.RunAsync(new LessonRun { Values = values, Workers = LabWorkers.For }, TestContext.Current.CancellationToken);
            var tables = report.ToTables().SelectMany(t => new[] { t.Title }.Concat(t.Columns).Concat(t.Rows.SelectMany(r => r)));
            return string.Join("\n", [lesson.Description, .. tables, .. report.Findings]);
        }, TestContext.Current.CancellationToken);
    }

    private static Dictionary<string, string> Entries(string? language)
    {
        var manager = new ResourceManager(language is null ? "Atelier.Labs.Text.Strings" : $"Atelier.Labs.Text.Strings.{language}", typeof(LabText).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [GeneratedRegex(@"\b(the|and|of|with|without|each|which|was|were|is|are|from|into|when|only|after|before|waits|takes|reads|writes|orders|threads blocked|items|tasks|failed|succeeded)\b")]
    private static partial Regex EnglishWords();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
