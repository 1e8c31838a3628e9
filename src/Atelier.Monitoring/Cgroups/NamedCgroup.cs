using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring.Cgroups;

/// <summary>
/// A control group a rule watches (<c>cgroup:nginx.service.cpu&gt;80</c>): its CPU in percent of one core
/// (<c>.cpu</c>), its memory in percent of its own limit, or of the machine's when it has none (<c>.mem</c>), and the
/// share of its CPU periods its quota throttled (<c>.throttled</c>).
/// </summary>
/// <param name="Name">The group as the views name it (<c>nginx.service</c>), a container's short id or name alone (<c>3f2a1c9d7e11</c>, <c>web</c>), or its path (<c>/system.slice/nginx.service</c>).</param>
internal sealed record NamedCgroup(string Name)
{
    public const string Prefix = "cgroup:";

    public string Cpu => $"{Prefix}{Name}.cpu";

    public string Memory => $"{Prefix}{Name}.mem";

    public string Throttled => $"{Prefix}{Name}.throttled";

    public IEnumerable<Metric> Metrics =>
        [new(Cpu, $"{Name} CPU", MetricKind.Percent), new(Memory, $"{Name} memory", MetricKind.Percent), new(Throttled, $"{Name} throttled", MetricKind.Percent)];

    /// <summary>Whether a group is the one named: by its name, its path, or a container's short id or name (<c>docker:ID NAME</c>).</summary>
    public bool Is(CgroupSnapshot group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.Name == Name || group.Path == Name)
        {
            return true;
        }

        var colon = group.Name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var container = group.Name[(colon + 1)..].Split(' ', 2);
        return container[0] == Name || (container.Length == 2 && container[1] == Name);
    }

    /// <summary>The groups the rules watch, each once, in the order the rules first name them.</summary>
    /// <exception cref="AtelierException">A <c>cgroup:</c> rule is not <c>cgroup:NAME.cpu</c>, <c>.mem</c> nor <c>.throttled</c>.</exception>
    public static NamedCgroup[] From(IEnumerable<AlertRule> rules)
    {
        var names = new List<NamedCgroup>();
        foreach (var rule in rules.Where(r => r.MetricName.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var watched = rule.MetricName[Prefix.Length..];
            var dot = watched.LastIndexOf('.');
            if (dot <= 0 || watched[(dot + 1)..] is not ("cpu" or "mem" or "throttled"))
            {
                throw new AtelierException(
                    $"'{rule.Text}' watches '{rule.MetricName}': a control group rule is cgroup:NAME.cpu (percent of one core), cgroup:NAME.mem (percent of its memory limit) or cgroup:NAME.throttled (percent of its CPU periods throttled), for example cgroup:nginx.service.cpu>80.",
                    "AlertOptions.Rules");
            }

            var group = new NamedCgroup(watched[..dot]);
            if (!names.Contains(group))
            {
                names.Add(group);
            }
        }

        return [.. names];
    }
}
