namespace Atelier.Monitoring;

/// <summary>One measured quantity: its name in rules and JSON, its label for people, and its kind.</summary>
/// <param name="Name">cpu, mem, swap, disk:/, load1, net_rx... as rules and JSON name it.</param>
/// <param name="Label">CPU, Memory, Disk /... as people read it.</param>
/// <param name="Kind">What the numbers mean.</param>
public sealed record Metric(string Name, string Label, MetricKind Kind)
{
    /// <summary>Whether a rule naming <paramref name="name"/> watches this metric (<c>disk</c> watches every <c>disk:PATH</c>).</summary>
    public bool Answers(string name) =>
        Name == name || (name is "disk" && Name.StartsWith("disk:", StringComparison.Ordinal));
}
