using System.Buffers.Text;
using System.Text.Json;

namespace Atelier.Monitoring.Cgroups;

/// <summary>
/// The machine's control groups that hold processes, with their CPU, memory against their own limit, CPU throttling,
/// block I/O and process count, on cgroup v2 and v1 alike (hybrid too: v1 controllers beside a v2 mount without any,
/// as systemd sets up).
/// </summary>
/// <remarks>
/// The hierarchies come from the mount table: one v2 mount with controllers, or a v1 mount per controller
/// (<c>cpu</c>, <c>cpuacct</c>, often mounted together, <c>memory</c>, <c>blkio</c>). The groups that hold processes
/// (a non-empty <c>cgroup.procs</c>) are found by walking the trees every <see cref="WalkEvery"/> samples; in between
/// only the groups known are read, so a group that appears shows within that many samples and one that goes is dropped
/// at once. Each file is opened, read and closed (groups come and go: a kept handle would pin nothing but a vanished
/// file). Figures a controller does not give (v1 without blkio mounted) are NaN. Not thread-safe: one sampler calls it.
/// </remarks>
internal sealed class CgroupReader
{
    /// <summary>Every tree is walked at least once in this many samples.</summary>
    internal const int WalkEvery = 10;

    /// <summary>A v1 memory limit at or above this is "no limit" (the kernel's unset value is 2^63 rounded to pages).</summary>
    private const long NoLimit = 1L << 60;

    private readonly TimeProvider time;
    private readonly long machineMemory;
    private readonly string dockerRoot;
    private readonly Dictionary<string, string> containerNames = [];
    private readonly Dictionary<string, Seen> last = [];
    private readonly byte[] buffer = new byte[16 * 1024];
    private List<string> groups = [];
    private int sinceWalk = WalkEvery;

    /// <param name="time">The clock rates are timed with.</param>
    /// <param name="machineMemory">The machine's memory: what a group without a limit is a percentage of.</param>
    /// <param name="mountInfo">The mount table (/proc/self/mountinfo).</param>
    /// <param name="dockerRoot">Where Docker keeps its containers' state, for their names.</param>
    public CgroupReader(TimeProvider time, long machineMemory, string mountInfo = "/proc/self/mountinfo", string dockerRoot = "/var/lib/docker/containers")
    {
        this.time = time;
        this.machineMemory = machineMemory;
        this.dockerRoot = dockerRoot;
        (Version, Cpu, Throttling, Memory, Io) = Find(mountInfo);
    }

    /// <summary>Which cgroup version the machine's controllers are on: 2, 1, or 0 when none is mounted.</summary>
    public int Version { get; }

    /// <summary>"cgroup v2" or "cgroup v1 (cpu, cpuacct, memory, blkio)": what the help and the page say.</summary>
    public string Layout => Version switch
    {
        2 => "cgroup v2",
        1 => $"cgroup v1 ({string.Join(", ", new[] { (Cpu, "cpuacct"), (Throttling, "cpu"), (Memory, "memory"), (Io, "blkio") }.Where(c => c.Item1 is not null).Select(c => c.Item2).Distinct())})",
        _ => "no cgroup controllers mounted",
    };

    /// <summary>Where CPU usage is read (v2: the unified mount; v1: cpuacct's), or null.</summary>
    private string? Cpu { get; }

    /// <summary>Where throttling is read (v2: the unified mount; v1: cpu's), or null.</summary>
    private string? Throttling { get; }

    private string? Memory { get; }

    private string? Io { get; }

    /// <summary>Every group that holds processes, as of now: rates from the last sample (NaN for a group seen for the first time).</summary>
    public IReadOnlyList<CgroupSnapshot> Sample(long timestamp)
    {
        if (Version == 0)
        {
            return [];
        }

        if (++sinceWalk >= WalkEvery)
        {
            sinceWalk = 0;
            groups = Walk();
        }

        var snapshots = new List<CgroupSnapshot>(groups.Count);
        var seen = new Dictionary<string, Seen>(groups.Count);
        foreach (var path in groups)
        {
            var processes = CountProcesses(path);
            if (processes is not { } count)
            {
                // Gone since the walk.
                continue;
            }

            var usage = ReadCpuUsage(path);
            var (periods, throttled) = ReadThrottling(path);
            var io = ReadIo(path);
            var now = new Seen(timestamp, usage, periods, throttled, io);
            seen[path] = now;
            double cpu = double.NaN, throttledPercent = double.NaN, ioRate = double.NaN;
            if (last.TryGetValue(path, out var before) && time.GetElapsedTime(before.Timestamp, timestamp).TotalSeconds is var seconds and > 0)
            {
                cpu = Rate(before.CpuMicroseconds, usage) / 1e6 / seconds * 100;
                ioRate = Rate(before.IoBytes, io) / seconds;
                var periodsPassed = Rate(before.Periods, periods);
                throttledPercent = periodsPassed > 0 ? Rate(before.Throttled, throttled) / periodsPassed * 100 : periodsPassed == 0 ? 0 : double.NaN;
            }

            var (memory, limit) = ReadMemory(path);
            var of = limit ?? machineMemory;
            snapshots.Add(new CgroupSnapshot(
                path, NameOf(path), Math.Round(cpu, 1), memory ?? 0, limit, memory is { } used && of > 0 ? Math.Round(used * 100.0 / of, 1) : double.NaN,
                Math.Round(throttledPercent, 1), Math.Round(ioRate), count));
        }

        last.Clear();
        foreach (var (path, value) in seen)
        {
            last[path] = value;
        }

        groups = [.. seen.Keys];
        return snapshots;
    }

    /// <summary>The growth of a counter, NaN when either end is unknown or it went back (a group made again under the same path).</summary>
    private static double Rate(ulong? before, ulong? now) => before is { } a && now is { } b && b >= a ? b - a : double.NaN;

    /// <summary>A group's readable name: a container's runtime and short id (and its name, when the runtime's state says), or the path's last part.</summary>
    internal string NameOf(string path)
    {
        var leaf = path[(path.LastIndexOf('/') + 1)..];
        foreach (var (prefix, runtime) in Runtimes)
        {
            if (leaf.StartsWith(prefix, StringComparison.Ordinal) && leaf.EndsWith(".scope", StringComparison.Ordinal))
            {
                return Container(runtime, leaf[prefix.Length..^".scope".Length]);
            }
        }

        // cgroupfs drivers: /docker/ID, /kubepods/.../ID.
        if (IsContainerId(leaf) && path.Split('/') is [.., var parent, _])
        {
            return Container(parent.StartsWith("docker", StringComparison.Ordinal) ? "docker" : parent.StartsWith("kubepods", StringComparison.Ordinal) || parent.StartsWith("pod", StringComparison.Ordinal) ? "k8s" : "container", leaf);
        }

        return leaf.Length == 0 ? "/" : leaf;
    }

    private static readonly (string Prefix, string Runtime)[] Runtimes =
        [("docker-", "docker"), ("libpod-", "podman"), ("cri-containerd-", "containerd"), ("crio-", "cri-o")];

    private static bool IsContainerId(string text) => text.Length == 64 && !text.AsSpan().ContainsAnyExcept("0123456789abcdef");

    private string Container(string runtime, string id)
    {
        var shortId = id.Length > 12 ? id[..12] : id;
        return runtime == "docker" && DockerName(id) is { } name ? $"docker:{shortId} {name}" : $"{runtime}:{shortId}";
    }

    /// <summary>A Docker container's name from its config.v2.json ("Name": "/web"), once per id; null when unreadable.</summary>
    private string? DockerName(string id)
    {
        if (containerNames.TryGetValue(id, out var known))
        {
            return known.Length == 0 ? null : known;
        }

        var name = "";
        try
        {
            using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dockerRoot, id, "config.v2.json")));
            if (config.RootElement.TryGetProperty("Name", out var value) && value.GetString() is { } text)
            {
                name = text.TrimStart('/');
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
        }

        containerNames[id] = name;
        return name.Length == 0 ? null : name;
    }

    /// <summary>The groups, below the top of each hierarchy read, that hold processes; by their path.</summary>
    private List<string> Walk()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in new[] { Cpu, Memory, Throttling, Io }.OfType<string>().Distinct())
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
            IEnumerable<string> folders;
            try
            {
                folders = Directory.EnumerateDirectories(root, "*", options).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var folder in folders)
            {
                var path = folder[root.Length..].Replace('\\', '/');
                if (!found.Contains(path) && TryRead(Path.Combine(folder, "cgroup.procs"), out var procs) && !procs.IsEmpty)
                {
                    found.Add(path);
                }
            }
        }

        return [.. found];
    }

    /// <summary>The processes in the group, from the first hierarchy that has it (v1's trees need not match); null when none has.</summary>
    private int? CountProcesses(string path)
    {
        foreach (var root in new[] { Memory, Cpu, Throttling, Io })
        {
            if (root is not null && TryRead(root + path + "/cgroup.procs", out var procs))
            {
                var lines = procs.Count((byte)'\n');
                return lines + (procs.IsEmpty || procs[^1] == '\n' ? 0 : 1);
            }
        }

        return null;
    }

    /// <summary>Microseconds of CPU used so far: v2 cpu.stat's usage_usec, v1 cpuacct.usage (nanoseconds).</summary>
    private ulong? ReadCpuUsage(string path)
    {
        if (Cpu is null)
        {
            return null;
        }

        if (Version == 2)
        {
            return TryRead(Cpu + path + "/cpu.stat", out var stat) ? Field(stat, "usage_usec"u8) : null;
        }

        return TryRead(Cpu + path + "/cpuacct.usage", out var usage) && Utf8Parser.TryParse(usage.Trim((byte)'\n'), out ulong nanoseconds, out _) ? nanoseconds / 1000 : null;
    }

    /// <summary>CPU periods so far, and those its quota throttled (cpu.stat's nr_periods, nr_throttled: v1 and v2 alike).</summary>
    private (ulong? Periods, ulong? Throttled) ReadThrottling(string path) =>
        Throttling is not null && TryRead(Throttling + path + "/cpu.stat", out var stat) ? (Field(stat, "nr_periods"u8), Field(stat, "nr_throttled"u8)) : (null, null);

    /// <summary>Memory charged and the limit: v2 memory.current and memory.max ("max": none), v1 usage_in_bytes and limit_in_bytes.</summary>
    private (long? Used, long? Limit) ReadMemory(string path)
    {
        if (Memory is null)
        {
            return (null, null);
        }

        var (current, max) = Version == 2 ? ("memory.current", "memory.max") : ("memory.usage_in_bytes", "memory.limit_in_bytes");
        long? used = TryRead(Memory + path + "/" + current, out var text) && Utf8Parser.TryParse(text.Trim((byte)'\n'), out long bytes, out _) ? bytes : null;
        long? limit = TryRead(Memory + path + "/" + max, out var limitText) && Utf8Parser.TryParse(limitText.Trim((byte)'\n'), out long most, out _) && most < NoLimit ? most : null;
        return (used, limit);
    }

    /// <summary>Bytes read and written on block devices so far: v2 io.stat's rbytes and wbytes, v1 blkio's Read and Write lines.</summary>
    private ulong? ReadIo(string path)
    {
        if (Io is null)
        {
            return null;
        }

        if (Version == 2)
        {
            if (!TryRead(Io + path + "/io.stat", out var stat))
            {
                return null;
            }

            // "8:0 rbytes=1234 wbytes=5678 rios=... wios=... dbytes=... dios=...", a line a device.
            ulong total = 0;
            foreach (var range in stat.SplitAny(" \n"u8))
            {
                var word = stat[range];
                if ((word.StartsWith("rbytes="u8) || word.StartsWith("wbytes="u8)) && Utf8Parser.TryParse(word[7..], out ulong bytes, out _))
                {
                    total += bytes;
                }
            }

            return total;
        }

        if (!TryRead(Io + path + "/blkio.throttle.io_service_bytes", out var service))
        {
            return null;
        }

        // "8:0 Read 1234", "8:0 Write 5678", ..., "Total 6912".
        ulong sum = 0;
        foreach (var range in service.Split((byte)'\n'))
        {
            var line = service[range];
            var space = line.IndexOf((byte)' ');
            if (space < 0)
            {
                continue;
            }

            var rest = line[(space + 1)..];
            if ((rest.StartsWith("Read "u8) || rest.StartsWith("Write "u8)) && Utf8Parser.TryParse(rest[(rest.IndexOf((byte)' ') + 1)..], out ulong bytes, out _))
            {
                sum += bytes;
            }
        }

        return sum;
    }

    /// <summary>The number after "NAME " on a line of a flat keyed file (cpu.stat).</summary>
    private static ulong? Field(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name)
    {
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            if (line.Length > name.Length && line.StartsWith(name) && line[name.Length] == ' ' && Utf8Parser.TryParse(line[(name.Length + 1)..], out ulong value, out _))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A whole (small) file into the reused buffer; false when it is gone or unreadable.</summary>
    private bool TryRead(string path, out ReadOnlySpan<byte> text)
    {
        text = default;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var length = RandomAccess.Read(handle, buffer, 0);
            text = buffer.AsSpan(0, length);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The hierarchies to read, from the mount table: v2 when its mount has the cpu or memory controller, else v1's per controller.</summary>
    private static (int Version, string? Cpu, string? Throttling, string? Memory, string? Io) Find(string mountInfo)
    {
        string? unified = null, cpu = null, cpuacct = null, memory = null, blkio = null;
        try
        {
            foreach (var line in File.ReadLines(mountInfo))
            {
                // "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPEROPTIONS"
                var dash = line.IndexOf(" - ", StringComparison.Ordinal);
                if (dash < 0)
                {
                    continue;
                }

                var fields = line[..dash].Split(' ');
                var tail = line[(dash + 3)..].Split(' ');
                if (fields.Length < 5 || tail.Length < 3)
                {
                    continue;
                }

                var mountPoint = Unescape(fields[4]);
                if (tail[0] == "cgroup2" && File.Exists(Path.Combine(mountPoint, "cgroup.controllers"))
                    && File.ReadAllText(Path.Combine(mountPoint, "cgroup.controllers")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries) is var enabled
                    && (enabled.Contains("cpu") || enabled.Contains("memory")))
                {
                    // A hybrid machine's v2 mount may hold a controller or two (hugetlb): v2 is where cpu and memory are.
                    unified = mountPoint;
                }
                else if (tail[0] == "cgroup")
                {
                    var controllers = tail[2].Split(',');
                    cpu ??= controllers.Contains("cpu") ? mountPoint : null;
                    cpuacct ??= controllers.Contains("cpuacct") ? mountPoint : null;
                    memory ??= controllers.Contains("memory") ? mountPoint : null;
                    blkio ??= controllers.Contains("blkio") ? mountPoint : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        if (unified is not null)
        {
            return (2, unified, unified, unified, unified);
        }

        return (cpuacct ?? cpu ?? memory ?? blkio) is null ? (0, null, null, null, null) : (1, cpuacct, cpu, memory, blkio);
    }

    /// <summary>Mount points escape spaces and such as octal (<c>\040</c>).</summary>
    private static string Unescape(string text) => !text.Contains('\\', StringComparison.Ordinal) ? text
        : System.Text.RegularExpressions.Regex.Replace(text, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());

    private readonly record struct Seen(long Timestamp, ulong? CpuMicroseconds, ulong? Periods, ulong? Throttled, ulong? IoBytes);
}
