using System.Text.Json;
using Atelier.Labs.Cpu;
using Atelier.Labs.Race;

namespace Atelier.Labs.Tests;

public sealed class LessonReportJsonTests
{
    [Fact]
    public void ToJson_Report_IsOneLineOfSnakeCaseJsonWithFindings()
    {
        var json = new RaceReport(2, 10, [new RaceRun("unsynchronised", 20, 15, 1), new RaceRun("lock", 20, 20, 2), new RaceRun("Interlocked", 20, 20, 1)]).ToJson();

        Assert.DoesNotContain('\n', json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("race", root.GetProperty("lesson").GetString());
        Assert.True(root.GetProperty("succeeded").GetBoolean());
        Assert.Equal(5, root.GetProperty("runs")[0].GetProperty("lost").GetInt64());
        Assert.Equal(3, root.GetProperty("findings").GetArrayLength());
        Assert.False(root.TryGetProperty("tables", out _));
    }

    [Fact]
    public void ToJson_HugeSums_AreStringsSoNoJsonReaderRoundsThem()
    {
        var expected = SumOfSquares.Expected(SumOfSquares.MaxLimit);
        var run = new CpuRun("sequential", 1, 1, expected, true);
        var json = new CpuReport(SumOfSquares.MaxLimit, 1, 1, expected, [run, run, run, run]).ToJson();

        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), document.RootElement.GetProperty("expected").GetString());
    }
}
