using Atelier.Jobs.Running;
namespace Atelier.Jobs.Tests.Running;

public sealed class HaltPolicyTests
{
    [Theory]
    [InlineData("now,fail=1", "now,fail=1")]
    [InlineData("soon,fail=3", "soon,fail=3")]
    [InlineData("now,fail=10%", "now,fail=10%")]
    [InlineData("soon,success=1", "soon,success=1")]
    [InlineData("now,done=5", "now,done=5")]
    [InlineData("never", "never")]
    [InlineData("0", "never")]
    [InlineData("1", "soon,fail=1")]
    [InlineData("2", "now,fail=1")]
    public void TryParse_GnuParallelForms_AreRead(string text, string expected)
    {
        Assert.True(HaltPolicy.TryParse(text, out var policy));
        Assert.Equal(expected, policy.ToString());
    }

    [Theory]
    [InlineData("later,fail=1")]
    [InlineData("now,crash=1")]
    [InlineData("now,fail=0")]
    [InlineData("now,fail=1.5")]
    [InlineData("now,fail=120%")]
    [InlineData("now,fail")]
    [InlineData("")]
    public void TryParse_Nonsense_IsRefused(string text) => Assert.False(HaltPolicy.TryParse(text, out _));

    [Theory]
    [InlineData("soon,fail=3", 2, 10, null, false)]
    [InlineData("soon,fail=3", 3, 0, null, true)]
    [InlineData("now,success=1", 5, 1, null, true)]
    [InlineData("now,done=4", 2, 1, null, false)]
    [InlineData("now,done=4", 2, 2, null, true)]
    [InlineData("now,fail=10%", 9, 0, 100L, false)]
    [InlineData("now,fail=10%", 10, 0, 100L, true)]
    [InlineData("now,fail=50%", 1, 1, null, true)]
    [InlineData("now,fail=50%", 1, 2, null, false)]
    [InlineData("never", 1000, 0, null, false)]
    public void IsReached_CountsTheRightJobs(string text, long failed, long succeeded, long? total, bool reached)
    {
        Assert.True(HaltPolicy.TryParse(text, out var policy));
        Assert.Equal(reached, policy.IsReached(failed, succeeded, total));
    }
}
