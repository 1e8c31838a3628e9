using System.Buffers.Text;
using System.IO.Enumeration;
using System.Text;
using Atelier.Monitoring.Sampling;

namespace Atelier.Monitoring.Processes;

/// <summary>
/// The top processes by CPU, by memory and by disk I/O, from /proc/[pid]/stat and /proc/[pid]/io (one read each into a
/// reused buffer), then /proc/[pid]/cmdline and status for the few shown. CPU is the change in a process's user and
/// system ticks since it was last read, in percent of one core as top shows it; I/O the change in the bytes it had read
/// from and written to storage (read_bytes, write_bytes: what iotop shows), a second. A process seen for the first time
/// counts from the next read. Processes that vanish between the listing and the read are skipped; those whose io file
/// is not readable (another user's, without privileges) are counted (<see cref="TopProcesses.IoUnreadable"/>).
/// </summary>
/// <remarks>
/// Every process is read every <see cref="FullEvery"/> samples; in between, only the leaders of the last full read (a
/// few times the number shown, by CPU and by memory) are. A full read comes at once when the machine's busy time
/// (/proc/stat) is not explained by the leaders' (a process that started or woke up since), so a new hot process shows
/// the next second. Reading every process every second cost 5 ms a second with 370 processes (0.69% of a core with
/// --top 5); reading them every fifth sample, 0.32%; every tenth, what the constant says now (bench/README.md). A process
/// that grows in memory, or starts reading or writing, without using CPU joins its list within that many samples.
/// <para>Processes named in <c>proc:NAME</c> rules are totalled and counted (<see cref="NamedCpu"/>, <see cref="NamedRss"/>, <see cref="NamedCount"/>): the ones a
/// full read found are read at every sample with the leaders; one that starts later counts from the next full read (at
/// once if it burns CPU, through the unexplained busy time).</para>
/// Not thread-safe: one sampler calls it.
/// </remarks>
internal sealed class ProcessReader
{
    /// <summary>Linux's USER_HZ: the unit of /proc's CPU times, 100 on every architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    private const int CommandLength = 80;

    /// <summary>Every process is read at least once in this many samples.</summary>
    internal const int FullEvery = 10;

    /// <summary>Busy time the leaders do not explain, in percent of one core, that calls for a full read at once.</summary>
    private const double Unexplained = 20;

    /// <summary>How much of a process's name /proc/[pid]/stat keeps (the kernel's TASK_COMM_LEN, less its NUL).</summary>
    private const int CommLength = 15;
    private readonly string root;
    private readonly int top;
    private readonly TimeProvider time;
    private readonly long pageSize = Environment.SystemPageSize;
    private readonly byte[] buffer = new byte[4096];
    private readonly byte[] path = new byte[4096];
    private readonly int rootLength;
    private readonly Dictionary<int, string> users;
    private readonly int watch;
    private readonly Dictionary<(int Pid, ulong Started), (string User, string Command)> described = [];
    private Dictionary<int, Seen> last = [];
    private Dictionary<int, Seen> current = [];
    private int[] leaders = [];
    private readonly byte[][] names;
    private readonly double[] namedCpu;
    private readonly long[] namedRss;
    private readonly int[] namedCount;
    private readonly List<Candidate>[] namedByCpu;
    private readonly List<Candidate>[] namedByMemory;
    private readonly List<int> namedPids = [];
    private int sinceFull;
    private int lastUnreadable;
    private bool knowsCpu;
    private ulong lastBusy;

    /// <param name="procRoot">Where /proc is.</param>
    /// <param name="top">How many processes each list has.</param>
    /// <param name="time">The clock CPU is timed with.</param>
    /// <param name="passwd">Where user names come from.</param>
    /// <param name="names">Process names (as <c>ps -o comm</c> and <c>pgrep</c> match them) whose CPU and memory are totalled.</param>
    public ProcessReader(string procRoot, int top, TimeProvider time, string passwd = "/etc/passwd", IReadOnlyList<string>? names = null)
    {
        root = procRoot;
        this.names = [.. (names ?? []).Select(n => Encoding.UTF8.GetBytes(n) is var bytes && bytes.Length > CommLength ? bytes[..CommLength] : bytes)];
        namedCpu = new double[this.names.Length];
        namedRss = new long[this.names.Length];
        namedCount = new int[this.names.Length];
        namedByCpu = [.. this.names.Select(_ => new List<Candidate>())];
        namedByMemory = [.. this.names.Select(_ => new List<Candidate>())];
        rootLength = Encoding.UTF8.GetBytes(procRoot + "/", path);
        this.top = top;
        watch = Math.Max(4 * top, 16);
        this.time = time;
        users = ReadUsers(passwd);
    }

    /// <summary>
    /// Per name given, the CPU of the processes with that name at the last sample, in percent of one core, summed;
    /// NaN until a process has been read twice (the first sample only learns the times).
    /// </summary>
    public IReadOnlyList<double> NamedCpu => namedCpu;

    /// <summary>Per name given, the resident memory of the processes with that name at the last sample, summed.</summary>
    public IReadOnlyList<long> NamedRss => namedRss;

    /// <summary>
    /// Per name given, how many processes of that name the last sample found. One that ends is missed at the next sample;
    /// one that starts counts from the next full read (at most <see cref="FullEvery"/> samples, at once if it burns CPU).
    /// </summary>
    public IReadOnlyList<int> NamedCount => namedCount;

    /// <summary>The processes of the <paramref name="name"/>th name at the last sample, most CPU or most memory first: what a proc:NAME alert names.</summary>
    public IReadOnlyList<ProcessSnapshot> Named(int name, bool byCpu) => [.. (byCpu ? namedByCpu : namedByMemory)[name].Select(Describe)];

    /// <summary>
    /// The given processes now (a control group's), most CPU first, then most memory, at most as many as the lists
    /// hold: CPU since each was last read (0 for one never read), memory as it is.
    /// </summary>
    public IReadOnlyList<ProcessSnapshot> Of(IEnumerable<int> pids, long timestamp)
    {
        var ranked = new List<Candidate>(top + 1);
        foreach (var pid in pids)
        {
            if (!TryReadStat(pid, out var stat, out var name))
            {
                continue;
            }

            // Read at this very sample (a leader): the CPU that read found; else since it was last read.
            var cpu = 0.0;
            if (last.TryGetValue(pid, out var before) && before.Started == stat.Started && stat.Ticks >= before.Ticks)
            {
                var seconds = time.GetElapsedTime(before.Timestamp, timestamp).TotalSeconds;
                cpu = seconds > 0 ? (stat.Ticks - before.Ticks) / TicksPerSecond / seconds * 100 : before.Cpu;
            }

            var candidate = new Candidate(pid, stat.Started, Encoding.UTF8.GetString(buffer.AsSpan(name.Start, name.Length)), stat.State, cpu, (long)stat.RssPages * pageSize);
            Keep(ranked, candidate, top, static (a, b) => a.Cpu != b.Cpu ? a.Cpu.CompareTo(b.Cpu) : a.Rss.CompareTo(b.Rss));
        }

        return [.. ranked.Select(Describe)];
    }

    /// <summary>Drops what the last sample saw: the next one only learns the processes' times (CPU from the one after).</summary>
    public void Forget()
    {
        last.Clear();
        leaders = [];
        knowsCpu = false;
    }

    public TopProcesses Sample(long timestamp)
    {
        var busy = ReadBusyTicks();
        if (knowsCpu && sinceFull < FullEvery - 1 && busy is { } now && lastBusy > 0 && leaders.Length > 0)
        {
            var (partial, explained, seconds) = Read(namedPids.Count == 0 ? leaders : leaders.Union(namedPids), timestamp, full: false);
            // Signed: /proc/stat and the processes' files are read moments apart, so on an idle machine the leaders'
            // ticks can exceed the machine's by one or two (in unsigned arithmetic, a huge number: a full read each time).
            var unexplained = seconds > 0 ? ((double)(now - lastBusy) - explained) / TicksPerSecond / seconds * 100 : 0;
            lastBusy = now;
            if (unexplained < Unexplained)
            {
                // Kept: what the leaders were read at is where their next CPU counts from. (A partial read that gives
                // way to a full one leaves that to the full read, or each leader's CPU there would be a few
                // microseconds' worth: nothing, at the moment a hot process appears.)
                foreach (var (pid, seen) in current)
                {
                    last[pid] = seen;
                }

                sinceFull++;
                return partial;
            }
        }

        lastBusy = busy ?? 0;
        sinceFull = 0;
        var hadHistory = last.Count > 0;
        var (all, _, _) = Read(Pids(), timestamp, full: true);

        // Leaders chosen without CPU (the first read) are only the biggest: the next read is full again.
        knowsCpu = hadHistory;
        return all;
    }

    /// <summary>
    /// Reads the given processes: the top lists, the ticks they used since they were last read, and how long ago that
    /// was at most. A full read replaces what is remembered (vanished processes go) and chooses the next leaders; a
    /// partial one leaves what it read in <c>current</c>, for <see cref="Sample"/> to keep or drop.
    /// </summary>
    private (TopProcesses Top, ulong Ticks, double Seconds) Read(IEnumerable<int> pids, long timestamp, bool full)
    {
        var byCpu = new List<Candidate>(watch + 1);
        var byMemory = new List<Candidate>(watch + 1);
        var byIo = new List<Candidate>(watch + 1);
        var unreadable = 0;
        var keep = full ? watch : top;
        ulong used = 0;
        double longest = 0;
        current.Clear();
        if (full)
        {
            namedPids.Clear();
        }

        // Until a process has been read twice there is no CPU to total.
        namedCpu.AsSpan().Fill(last.Count == 0 ? double.NaN : 0);
        namedRss.AsSpan().Clear();
        namedCount.AsSpan().Clear();
        foreach (var list in namedByCpu.Concat(namedByMemory))
        {
            list.Clear();
        }

        foreach (var pid in pids)
        {
            // io first: the stat read leaves the name in the buffer, where the lists read it.
            var io = TryReadIo(pid, out var read, out var written);
            if (!TryReadStat(pid, out var stat, out var name))
            {
                continue;
            }

            var cpu = 0.0;
            if (last.TryGetValue(pid, out var before) && before.Started == stat.Started && stat.Ticks >= before.Ticks)
            {
                var seconds = time.GetElapsedTime(before.Timestamp, timestamp).TotalSeconds;
                if (seconds > 0)
                {
                    cpu = (stat.Ticks - before.Ticks) / TicksPerSecond / seconds * 100;
                    used += stat.Ticks - before.Ticks;
                    longest = Math.Max(longest, seconds);
                }
            }

            double reading = 0, writing = 0;
            if (!io)
            {
                unreadable++;
            }
            else if (before is { HasIo: true } && before.Started == stat.Started && read >= before.Read && written >= before.Written
                && time.GetElapsedTime(before.Timestamp, timestamp).TotalSeconds is var span and > 0)
            {
                (reading, writing) = ((read - before.Read) / span, (written - before.Written) / span);
            }

            current[pid] = new Seen(stat.Ticks, stat.Started, timestamp) { HasIo = io, Read = read, Written = written, Cpu = cpu };
            var rss = (long)stat.RssPages * pageSize;
            if (names.Length > 0)
            {
                Total(pid, stat, buffer.AsSpan(name.Start, name.Length), cpu, rss, full);
            }

            // Most processes make neither list: their name is never decoded.
            var forCpu = cpu > 0 && (byCpu.Count < keep || cpu > byCpu[^1].Cpu);
            var forMemory = byMemory.Count < keep || rss > byMemory[^1].Rss;
            var forIo = reading + writing > 0 && (byIo.Count < keep || reading + writing > byIo[^1].Io);
            if (!forCpu && !forMemory && !forIo)
            {
                continue;
            }

            var candidate = new Candidate(pid, stat.Started, Encoding.UTF8.GetString(buffer.AsSpan(name.Start, name.Length)), stat.State, cpu, rss) { Reading = reading, Writing = writing };
            if (forIo)
            {
                Keep(byIo, candidate, keep, static (a, b) => a.Io.CompareTo(b.Io));
            }

            if (forCpu)
            {
                Keep(byCpu, candidate, keep, static (a, b) => a.Cpu.CompareTo(b.Cpu));
            }

            if (forMemory)
            {
                Keep(byMemory, candidate, keep, static (a, b) => a.Rss.CompareTo(b.Rss));
            }
        }

        if (full)
        {
            // What was described of processes that ended goes with them.
            foreach (var key in described.Keys.Where(k => !current.TryGetValue(k.Pid, out var seen) || seen.Started != k.Started).ToList())
            {
                described.Remove(key);
            }

            (last, current) = (current, last);
            leaders = [.. byCpu.Select(c => c.Pid).Union(byMemory.Select(c => c.Pid)).Union(byIo.Select(c => c.Pid))];
            lastUnreadable = unreadable;
        }

        return (new TopProcesses([.. byCpu.Take(top).Select(Describe)], [.. byMemory.Take(top).Select(Describe)])
        {
            ByIo = [.. byIo.Take(top).Select(Describe)],
            IoUnreadable = full ? unreadable : lastUnreadable,
        }, used, longest);
    }

    /// <summary>Adds a process to the totals of the names it has (its name as /proc keeps it: at most 15 bytes).</summary>
    private void Total(int pid, Stat stat, ReadOnlySpan<byte> name, double cpu, long rss, bool full)
    {
        var matched = false;
        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                namedCpu[i] += cpu;
                namedRss[i] += rss;
                namedCount[i]++;
                var candidate = new Candidate(pid, stat.Started, Encoding.UTF8.GetString(name), stat.State, cpu, rss);
                Keep(namedByCpu[i], candidate, top, static (a, b) => a.Cpu.CompareTo(b.Cpu));
                Keep(namedByMemory[i], candidate, top, static (a, b) => a.Rss.CompareTo(b.Rss));
                matched = true;
            }
        }

        if (matched && full)
        {
            namedPids.Add(pid);
        }
    }

    /// <summary>The machine's ticks of process time so far (user, nice and system from /proc/stat); null when unreadable.</summary>
    private ulong? ReadBusyTicks()
    {
        if (!TryRead(Machine, "stat", out var text) || !text.StartsWith("cpu "u8))
        {
            return null;
        }

        var line = text[4..];
        var end = line.IndexOf((byte)'\n');
        line = (end < 0 ? line : line[..end]).TrimStart((byte)' ');
        ulong busy = 0;
        var index = 0;
        foreach (var range in line.Split((byte)' '))
        {
            // user nice system idle iowait irq softirq steal: the first three are what processes' own ticks add up to.
            if (index < 3 && Utf8Parser.TryParse(line[range], out ulong value, out _))
            {
                busy += value;
            }

            index++;
        }

        return busy;
    }

    /// <summary>Keeps the list to the top N, most first, by insertion (N is small).</summary>
    private static void Keep(List<Candidate> list, Candidate candidate, int top, Comparison<Candidate> compare)
    {
        var at = list.Count;
        while (at > 0 && compare(candidate, list[at - 1]) > 0)
        {
            at--;
        }

        if (at < top)
        {
            list.Insert(at, candidate);
            if (list.Count > top)
            {
                list.RemoveAt(top);
            }
        }
    }

    /// <remarks>A process's user and command line are read once (they are kept per pid and start time): the leaders are shown every second.</remarks>
    private ProcessSnapshot Describe(Candidate candidate)
    {
        if (!described.TryGetValue((candidate.Pid, candidate.Started), out var known))
        {
            known = (User(candidate.Pid), Command(candidate.Pid, candidate.Name));
            described[(candidate.Pid, candidate.Started)] = known;
        }

        return new(candidate.Pid, known.User, known.Command, Math.Round(candidate.Cpu, 1), candidate.Rss, candidate.State)
        {
            ReadBytesPerSecond = Math.Round(candidate.Reading),
            WriteBytesPerSecond = Math.Round(candidate.Writing),
        };
    }

    private IEnumerable<int> Pids() =>
        new FileSystemEnumerable<int>(root, static (ref FileSystemEntry entry) => int.Parse(entry.FileName), new EnumerationOptions { IgnoreInaccessible = true })
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => entry.IsDirectory && IsNumber(entry.FileName),
        };

    private static bool IsNumber(ReadOnlySpan<char> name) => name.Length is > 0 and < 10 && !name.ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// Reads /proc/[pid]/stat: the name between the first '(' and the last ')' (where it is in the buffer, valid until
    /// the next read), then the fields after it.
    /// </summary>
    private bool TryReadStat(int pid, out Stat stat, out (int Start, int Length) name)
    {
        stat = default;
        name = default;
        if (!TryRead(pid, "stat", out var text))
        {
            return false;
        }

        var open = text.IndexOf((byte)'(');
        var close = text.LastIndexOf((byte)')');
        if (open < 0 || close < open || close + 2 >= text.Length)
        {
            return false;
        }

        name = (open + 1, close - open - 1);
        var fields = text[(close + 2)..];
        var state = (char)fields[0];

        // Fields after the name, from 0: state, ppid, ..., utime 11, stime 12, ..., starttime 19, vsize 20, rss 21.
        ulong utime = 0, stime = 0, started = 0, rss = 0;
        var index = 0;
        foreach (var range in fields.Split((byte)' '))
        {
            var field = fields[range];
            switch (index++)
            {
                case 11: Utf8Parser.TryParse(field, out utime, out _); break;
                case 12: Utf8Parser.TryParse(field, out stime, out _); break;
                case 19: Utf8Parser.TryParse(field, out started, out _); break;
                case 21: Utf8Parser.TryParse(field, out rss, out _); break;
            }

            if (index > 21)
            {
                break;
            }
        }

        stat = new Stat(state, utime + stime, started, rss);
        return true;
    }

    /// <summary>
    /// Reads /proc/[pid]/io: the bytes the process (all its threads) had storage read for it and caused to be written
    /// to storage; false when it is gone or the file is not this user's to read.
    /// </summary>
    private bool TryReadIo(int pid, out ulong read, out ulong written)
    {
        (read, written) = (0, 0);
        if (!TryRead(pid, "io", out var text))
        {
            return false;
        }

        var found = 0;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            if (line.StartsWith("read_bytes: "u8) && Utf8Parser.TryParse(line[12..], out read, out _))
            {
                found++;
            }
            else if (line.StartsWith("write_bytes: "u8) && Utf8Parser.TryParse(line[13..], out written, out _))
            {
                found++;
            }
        }

        return found == 2;
    }

    private string Command(int pid, string name)
    {
        if (!TryRead(pid, "cmdline", out var text) || text.IsEmpty)
        {
            return $"[{name}]";
        }

        var line = Encoding.UTF8.GetString(text.TrimEnd((byte)0)).Replace('\0', ' ');
        return line.Length <= CommandLength ? line : string.Concat(line.AsSpan(0, CommandLength - 1), "…");
    }

    private string User(int pid)
    {
        if (!TryRead(pid, "status", out var text))
        {
            return "?";
        }

        // "Uid:\treal\teffective\t...": the real user, as top's USER column.
        var at = text.IndexOf("\nUid:"u8);
        if (at < 0 || !Utf8Parser.TryParse(text[(at + 5)..].TrimStart("\t "u8), out int uid, out _))
        {
            return "?";
        }

        return users.TryGetValue(uid, out var user) ? user : uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The pid that stands for /proc itself, for <see cref="TryRead"/>.</summary>
    private const int Machine = -1;

    /// <summary>A file of the process (or of /proc itself, <see cref="Machine"/>) into the reused buffer; false if the process is gone.</summary>
    /// <remarks>The path is built in a reused buffer, and read with <see cref="KernelFiles"/>: no string, no handle.</remarks>
    private bool TryRead(int pid, string file, out ReadOnlySpan<byte> text)
    {
        var length = rootLength;
        if (pid != Machine)
        {
            Utf8Formatter.TryFormat(pid, path.AsSpan(length), out var written);
            length += written;
            path[length++] = (byte)'/';
        }

        length += Encoding.ASCII.GetBytes(file, path.AsSpan(length));
        path[length] = 0;
        return KernelFiles.TryRead(path.AsSpan(0, length + 1), buffer, out text);
    }

    private static Dictionary<int, string> ReadUsers(string passwd)
    {
        var users = new Dictionary<int, string>();
        try
        {
            foreach (var line in File.ReadLines(passwd))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && int.TryParse(fields[2], out var uid))
                {
                    users.TryAdd(uid, fields[0]);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return users;
    }

    private readonly record struct Stat(char State, ulong Ticks, ulong Started, ulong RssPages);

    private readonly record struct Seen(ulong Ticks, ulong Started, long Timestamp)
    {
        public bool HasIo { get; init; }

        public ulong Read { get; init; }

        public ulong Written { get; init; }

        /// <summary>The CPU this read found, in percent of one core.</summary>
        public double Cpu { get; init; }
    }

    private sealed record Candidate(int Pid, ulong Started, string Name, char State, double Cpu, long Rss)
    {
        public double Reading { get; init; }

        public double Writing { get; init; }

        public double Io => Reading + Writing;
    }
}
