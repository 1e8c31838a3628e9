using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Cgroups;

namespace Atelier.Monitoring.Tests.Cgroups;

/// <summary>cgroup:NAME rules: which group they mean, and the form they must have.</summary>
public sealed class NamedCgroupTests
{
    private static readonly CgroupSnapshot Web = new("/system.slice/docker-3f2a.scope", "docker:3f2a web", 1, 1, null, 1, 0, 0, 1);

    [Theory]
    [InlineData("docker:3f2a web", true)]
    [InlineData("web", true)]
    [InlineData("/system.slice/docker-3f2a.scope", true)]
    [InlineData("3f2a", true)]
    [InlineData("docker", false)]
    [InlineData("docker-3f2a.scope", false)]
    public void Is_TheGroupByItsNameItsContainersNameOrItsPath(string name, bool meant) => Assert.Equal(meant, new NamedCgroup(name).Is(Web));

    [Fact]
    public void From_TheRulesGroups_EachOnce_WithTheirThreeMetrics()
    {
        var groups = NamedCgroup.From([AlertRule.Parse("cgroup:nginx.service.cpu>80"), AlertRule.Parse("cgroup:nginx.service.throttled>20"), AlertRule.Parse("cpu>90")]);

        var group = Assert.Single(groups);
        Assert.Equal(["cgroup:nginx.service.cpu", "cgroup:nginx.service.mem", "cgroup:nginx.service.throttled"], group.Metrics.Select(m => m.Name));
    }

    [Theory]
    [InlineData("cgroup:nginx.service>80")]
    [InlineData("cgroup:nginx.io>80")]
    public void From_ARuleWithoutCpuMemOrThrottled_IsRefusedWithTheForm(string rule)
    {
        var error = Assert.Throws<AtelierException>(() => NamedCgroup.From([AlertRule.Parse(rule)]));

        Assert.Contains("a control group rule is cgroup:NAME.cpu (percent of one core), cgroup:NAME.mem (percent of its memory limit) or cgroup:NAME.throttled", error.Message, StringComparison.Ordinal);
    }
}
