using System.Text.Json;

namespace Atelier.Monitoring.Cgroups;

/// <summary>One control group at a sample: a service, a container, a user's slice.</summary>
/// <param name="Path">Its path in the hierarchy (<c>/system.slice/nginx.service</c>): what tells it from any other.</param>
/// <param name="Name">Its name for people: <c>nginx.service</c>, <c>docker:3f2a1c9d7e11 web</c>, <c>user-1000.slice</c>.</param>
/// <param name="CpuPercent">CPU over the last interval, in percent of one core (200 is two cores busy); NaN on its first sample.</param>
/// <param name="MemoryBytes">Memory charged to it (page cache included, as the kernel counts it against its limit).</param>
/// <param name="MemoryLimit">Its own memory limit; null when it has none.</param>
/// <param name="MemoryPercent">Its memory in percent of its limit, or of the machine's memory when it has none.</param>
/// <param name="ThrottledPercent">The share of its CPU periods over the interval in which its quota throttled it; NaN on its first sample.</param>
/// <param name="IoBytesPerSecond">Bytes read from and written to block devices a second over the interval; NaN when unknown.</param>
/// <param name="Processes">How many processes are in it (not in its children), as of the last walk of the tree (at most ten samples ago).</param>
public sealed record CgroupSnapshot(
    string Path, string Name, double CpuPercent, long MemoryBytes, long? MemoryLimit, double MemoryPercent, double ThrottledPercent, double IoBytesPerSecond, int Processes)
{
    /// <summary>The group as JSON, in the samples and on the page: snake_case names, null for what is unknown.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("path", Path);
        json.WriteString("name", Name);
        Number(json, "cpu_percent", CpuPercent);
        json.WriteNumber("memory_bytes", MemoryBytes);
        if (MemoryLimit is { } limit)
        {
            json.WriteNumber("memory_limit", limit);
        }
        else
        {
            json.WriteNull("memory_limit");
        }

        Number(json, "memory_percent", MemoryPercent);
        Number(json, "throttled_percent", ThrottledPercent);
        Number(json, "io_bytes_per_second", IoBytesPerSecond);
        json.WriteNumber("processes", Processes);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsNaN(value))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }
}
