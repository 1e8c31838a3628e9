using Atelier.Jobs.Planning;

namespace Atelier.Jobs.Tests.Planning;

public sealed class JobSlotsTests
{
    [Theory]
    [InlineData("4", 8, 4)]
    [InlineData("50%", 8, 4)]
    [InlineData("10%", 8, 1)]
    [InlineData("+2", 8, 10)]
    [InlineData("-2", 8, 6)]
    [InlineData("-20", 8, 1)]
    [InlineData("0", 8, JobSlots.AsManyAsPossible)]
    public void TryParseJobs_GnuParallelForms(string text, int cores, int expected)
    {
        Assert.True(JobSlots.TryParse(text, cores, out var jobs));
        Assert.Equal(expected, jobs);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("%")]
    [InlineData("-")]
    [InlineData("1.5")]
    public void TryParseJobs_Nonsense_IsRefused(string text) => Assert.False(JobSlots.TryParse(text, 8, out _));
}
