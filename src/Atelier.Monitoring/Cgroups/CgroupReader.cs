using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Atelier.Monitoring.Sampling;

namespace Atelier.Monitoring.Cgroups;

/// <summary>
/// The machine's control groups that hold processes, with their CPU, memory against their own limit, CPU throttling,
/// block I/O and process count, on cgroup v2 and v1 alike (hybrid too: v1 controllers beside a v2 mount without any,
/// as systemd sets up).
/// </summary>
/// <remarks>
/// The hierarchies come from the mount table: one v2 mount with controllers, or a v1 mount per controller
/// (<c>cpu</c>, <c>cpuacct</c>, often mounted together, <c>memory</c>, <c>blkio</c>). The groups that hold processes
/// (a non-empty <c>cgroup.procs</c>) are found by walking the trees every <see cref="WalkEvery"/> samples, which also
/// counts their processes and reads their limits; in between only the known groups' counters are read, so a group that
/// appears shows within that many samples and one that goes is dropped at once. (Reading cgroup.procs at every sample
/// doubled the cost: the kernel gathers and sorts the pids each time.) A group's counter files are kept open and read
/// again from the start; once it is removed they fail to read (ENODEV), which drops it. Figures a controller does not give (v1 without blkio mounted) are NaN. Not thread-safe: one sampler calls it.
/// </remarks>
internal sealed class CgroupReader : IDisposable
{
    /// <summary>Every tree is walked at least once in this many samples.</summary>
    internal const int WalkEvery = 10;

    /// <summary>A v1 memory limit at or above this is "no limit" (the kernel's unset value is 2^63 rounded to pages).</summary>
    private const long NoLimit = 1L << 60;

    private readonly TimeProvider time;
    private readonly long machineMemory;
    private readonly string dockerRoot;
    private readonly Dictionary<string, string> containerNames = [];
    private readonly byte[] buffer = new byte[16 * 1024];
    private List<Group> groups = [];
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
        var kept = new List<Group>(groups.Count);
        foreach (var group in groups)
        {
            var now = Read(group, timestamp, out var memory, out var readable);
            if (!readable)
            {
                // Gone since the walk. (A file that holds no number is unknown, not gone: its figure is NaN.)
                Close(group);
                continue;
            }

            kept.Add(group);
            double cpu = double.NaN, throttledPercent = double.NaN, ioRate = double.NaN;
            if (group.Last is { } before && time.GetElapsedTime(before.Timestamp, timestamp).TotalSeconds is var seconds and > 0)
            {
                cpu = Rate(before.CpuMicroseconds, now.CpuMicroseconds) / 1e6 / seconds * 100;
                ioRate = Rate(before.IoBytes, now.IoBytes) / seconds;
                var periodsPassed = Rate(before.Periods, now.Periods);
                throttledPercent = periodsPassed > 0 ? Rate(before.Throttled, now.Throttled) / periodsPassed * 100 : periodsPassed == 0 ? 0 : double.NaN;
            }

            group.Last = now;
            var of = group.MemoryLimit ?? machineMemory;
            snapshots.Add(new CgroupSnapshot(
                group.Path, group.Name, Math.Round(cpu, 1), memory ?? 0, group.MemoryLimit, memory is { } used && of > 0 ? Math.Round(used * 100.0 / of, 1) : double.NaN,
                Math.Round(throttledPercent, 1), Math.Round(ioRate), group.Processes));
        }

        groups = kept;
        return snapshots;
    }

    /// <summary>
    /// A group's counters now: CPU used, CPU periods and those throttled, bytes of block I/O; its memory in
    /// <paramref name="memory"/>; in <paramref name="readable"/>, whether any of its files could be read (when none
    /// could, the group is gone).
    /// </summary>
    private Seen Read(Group group, long timestamp, out long? memory, out bool readable)
    {
        ulong? usage = null, periods = null, throttled = null;
        memory = null;
        readable = false;
        if (group.MemoryCurrent is { } current && TryRead(current, out var held))
        {
            (memory, readable) = (Number(held), true);
        }

        if (group.CpuStat is { } stat && TryRead(stat, out var text))
        {
            readable = true;
            // v2: usage and throttling in one file; v1: this is cpu.stat, throttling only.
            (usage, periods, throttled) = (Version == 2 ? Field(text, "usage_usec"u8) : null, Field(text, "nr_periods"u8), Field(text, "nr_throttled"u8));
        }
        else if (group.CpuStat is null && Throttling is not null)
        {
            // v1 with no quota set: nothing to throttle it.
            (periods, throttled) = (0, 0);
        }

        if (Version == 1 && group.CpuUsage is { } acct && TryRead(acct, out var used))
        {
            readable = true;
            usage = Number(used) is { } nanoseconds and >= 0 ? (ulong)nanoseconds / 1000 : null;
        }

        var io = ReadIo(group, ref readable);
        return new Seen(timestamp, usage, periods, throttled, io);
    }

    /// <summary>The processes in a group now (its cgroup.procs, from the first hierarchy that has it); none when it is gone.</summary>
    public IReadOnlyList<int> Pids(string path)
    {
        foreach (var root in new[] { Memory, Cpu, Throttling, Io })
        {
            if (root is not null && TryRead(KernelFiles.PathOf(root + path + "/cgroup.procs"), out var text))
            {
                var pids = new List<int>();
                foreach (var range in text.Split((byte)'\n'))
                {
                    if (Utf8Parser.TryParse(text[range], out int pid, out _))
                    {
                        pids.Add(pid);
                    }
                }

                return pids;
            }
        }

        return [];
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

    /// <summary>
    /// The groups, below the top of each hierarchy read, that hold processes; by their path. A group known already keeps
    /// its counters; its limit and its quota are read again (they change seldom: here, not at every sample).
    /// </summary>
    private List<Group> Walk()
    {
        var known = groups.ToDictionary(g => g.Path, StringComparer.Ordinal);
        var found = new SortedDictionary<string, int>(StringComparer.Ordinal);
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
                if (!found.ContainsKey(path) && TryRead(KernelFiles.PathOf(Path.Combine(folder, "cgroup.procs")), out var procs) && !procs.IsEmpty)
                {
                    found.Add(path, procs.Count((byte)'\n') + (procs[^1] == '\n' ? 0 : 1));
                }
            }
        }

        foreach (var gone in groups.Where(g => !found.ContainsKey(g.Path)))
        {
            Close(gone);
        }

        return [.. found.Select(entry => Describe(known.TryGetValue(entry.Key, out var group) ? group : new Group(entry.Key, NameOf(entry.Key)), entry.Value))];
    }

    /// <summary>Where each of the group's files is, in the hierarchies that have it, and its memory limit, CPU quota and processes now.</summary>
    private Group Describe(Group group, int processes)
    {
        var path = group.Path;
        long? Number(string? root, string file) => root is not null && ReadNumber(KernelFiles.PathOf(root + path + "/" + file)) is { } value ? value : null;
        group.Processes = processes;
        if (group.Files.Any())
        {
            // Known already: its files stay open; its limit and quota may have changed.
            group.MemoryLimit = Number(Memory, Version == 2 ? "memory.max" : "memory.limit_in_bytes") is { } most && most < NoLimit ? most : null;
            if (Version == 1 && (Number(Throttling, "cpu.cfs_quota_us") > 0) != (group.CpuStat is not null))
            {
                group.CpuStat?.Dispose();
                open -= group.CpuStat?.Handle is null ? 0 : 1;
                group.CpuStat = group.CpuStat is null ? Counter(Throttling, path, "cpu.stat") : null;
            }

            return group;
        }

        group.MemoryLimit = Number(Memory, Version == 2 ? "memory.max" : "memory.limit_in_bytes") is { } limit && limit < NoLimit ? limit : null;
        if (Version == 2)
        {
            group.CpuStat = Counter(Cpu, path, "cpu.stat");
            group.MemoryCurrent = Counter(Memory, path, "memory.current");
            group.IoStat = Counter(Io, path, "io.stat");
        }
        else
        {
            group.CpuUsage = Counter(Cpu, path, "cpuacct.usage");
            group.CpuStat = Number(Throttling, "cpu.cfs_quota_us") > 0 ? Counter(Throttling, path, "cpu.stat") : null;
            group.MemoryCurrent = Counter(Memory, path, "memory.usage_in_bytes");
            group.IoStat = Counter(Io, path, "blkio.throttle.io_service_bytes");
        }

        return group;
    }

    /// <summary>A file holding one number (memory.current, cpuacct.usage); null when it is gone or holds something else ("max").</summary>
    private long? ReadNumber(byte[]? file) => file is not null && TryRead(file, out var text) ? Number(text) : null;

    private static long? Number(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text.Trim((byte)'\n'), out long value, out int used) && used == text.Trim((byte)'\n').Length ? value : null;

    /// <summary>Bytes read and written on block devices so far: v2 io.stat's rbytes and wbytes, v1 blkio's Read and Write lines.</summary>
    private ulong? ReadIo(Group group, ref bool readable)
    {
        if (group.IoStat is not { } file)
        {
            return null;
        }

        if (Version == 2)
        {
            if (!TryRead(file, out var stat))
            {
                return null;
            }

            readable = true;
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

        if (!TryRead(file, out var service))
        {
            return null;
        }

        readable = true;
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
    private bool TryRead(byte[] path, out ReadOnlySpan<byte> text) => KernelFiles.TryRead(path, buffer, out text);

    private bool TryRead(CounterFile file, out ReadOnlySpan<byte> text)
    {
        if (file.Handle is not { } handle)
        {
            return TryRead(file.Path, out text);
        }

        try
        {
            text = buffer.AsSpan(0, RandomAccess.Read(handle, buffer, 0));
            return true;
        }
        catch (IOException)
        {
            // The group was removed: its open files read ENODEV.
            text = default;
            return false;
        }
    }

    /// <summary>The most counter files kept open at once (three or four a group); past that they are opened at each read.</summary>
    internal const int MostOpen = 512;

    private int open;

    /// <summary>A counter file of a group, kept open while few enough are.</summary>
    private CounterFile? Counter(string? root, string path, string file)
    {
        if (root is null || !Directory.Exists(root + path))
        {
            return null;
        }

        var full = root + path + "/" + file;
        SafeFileHandle? handle = null;
        if (open < MostOpen)
        {
            try
            {
                handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                open++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return new CounterFile(full, handle);
    }

    /// <summary>Closes a group's files (it went, or is described again).</summary>
    private void Close(Group group)
    {
        foreach (var file in group.Files)
        {
            open -= file.Handle is null ? 0 : 1;
            file.Dispose();
        }

        (group.CpuStat, group.CpuUsage, group.MemoryCurrent, group.IoStat) = (null, null, null, null);
    }

    /// <summary>Closes every file kept open.</summary>
    public void Dispose()
    {
        foreach (var group in groups)
        {
            Close(group);
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

    /// <summary>
    /// A counter file read at every sample: kept open and read again from the start (one system call, no path to look
    /// up: the lookups were most of the cost) while <see cref="MostOpen"/> allows, else opened and closed each time.
    /// </summary>
    private sealed class CounterFile(string path, SafeFileHandle? handle) : IDisposable
    {
        public byte[] Path { get; } = KernelFiles.PathOf(path);

        public SafeFileHandle? Handle { get; } = handle;

        public void Dispose() => Handle?.Dispose();
    }

    /// <summary>A group known since a walk: its name, its files' paths (NUL-terminated, ready to read), its limit, its last counters.</summary>
    private sealed class Group(string path, string name)
    {
        public string Path { get; } = path;

        public string Name { get; } = name;

        /// <summary>Its processes at the last walk: reading cgroup.procs makes the kernel gather and sort them, too dear for every sample.</summary>
        public int Processes { get; set; }

        /// <summary>v2: cpu.stat (usage and throttling); v1: the cpu hierarchy's cpu.stat, only when a quota is set.</summary>
        public CounterFile? CpuStat { get; set; }

        /// <summary>v1: cpuacct.usage.</summary>
        public CounterFile? CpuUsage { get; set; }

        public CounterFile? MemoryCurrent { get; set; }

        public long? MemoryLimit { get; set; }

        public CounterFile? IoStat { get; set; }

        public IEnumerable<CounterFile> Files => new[] { CpuStat, CpuUsage, MemoryCurrent, IoStat }.OfType<CounterFile>();

        public Seen? Last { get; set; }
    }
}
