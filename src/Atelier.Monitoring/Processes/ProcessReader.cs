using System.Buffers.Text;
using System.IO.Enumeration;
using System.Runtime.InteropServices;
using System.Text;

namespace Atelier.Monitoring.Processes;

/// <summary>
/// The top processes by CPU and by memory, from /proc/[pid]/stat (every process, one read each into a reused buffer),
/// then /proc/[pid]/cmdline and status for the few shown. CPU is the change in a process's user and system ticks over
/// the interval, in percent of one core as top shows it; a process seen for the first time counts from the next sample.
/// Processes that vanish between the listing and the read are skipped.
/// </summary>
/// <remarks>Not thread-safe: one sampler calls it.</remarks>
internal sealed partial class ProcessReader
{
    /// <summary>Linux's USER_HZ: the unit of /proc's CPU times, 100 on every architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    private const int CommandLength = 80;
    private readonly string root;
    private readonly int top;
    private readonly TimeProvider time;
    private readonly long pageSize = Environment.SystemPageSize;
    private readonly byte[] buffer = new byte[4096];
    private readonly byte[] path = new byte[4096];
    private readonly int rootLength;
    private static bool noLibc;
    private readonly Dictionary<int, string> users;
    private Dictionary<int, (ulong Ticks, ulong Started)> last = [];
    private Dictionary<int, (ulong Ticks, ulong Started)> current = [];
    private long lastTimestamp;

    public ProcessReader(string procRoot, int top, TimeProvider time, string passwd = "/etc/passwd")
    {
        root = procRoot;
        rootLength = Encoding.UTF8.GetBytes(procRoot + "/", path);
        this.top = top;
        this.time = time;
        users = ReadUsers(passwd);
    }

    /// <summary>Drops what the last sample saw: the next one only learns the processes' times (CPU from the one after).</summary>
    public void Forget()
    {
        last.Clear();
        lastTimestamp = 0;
    }

    public TopProcesses Sample(long timestamp)
    {
        var seconds = lastTimestamp == 0 ? 0 : time.GetElapsedTime(lastTimestamp, timestamp).TotalSeconds;
        var byCpu = new List<Candidate>(top + 1);
        var byMemory = new List<Candidate>(top + 1);
        current.Clear();
        foreach (var pid in Pids())
        {
            if (!TryReadStat(pid, out var stat, out var name))
            {
                continue;
            }

            current[pid] = (stat.Ticks, stat.Started);
            var cpu = seconds > 0 && last.TryGetValue(pid, out var before) && before.Started == stat.Started && stat.Ticks >= before.Ticks
                ? (stat.Ticks - before.Ticks) / TicksPerSecond / seconds * 100
                : 0;
            var rss = (long)stat.RssPages * pageSize;

            // Most processes make neither list: their name is never decoded.
            var forCpu = cpu > 0 && (byCpu.Count < top || cpu > byCpu[^1].Cpu);
            var forMemory = byMemory.Count < top || rss > byMemory[^1].Rss;
            if (!forCpu && !forMemory)
            {
                continue;
            }

            var candidate = new Candidate(pid, Encoding.UTF8.GetString(buffer.AsSpan(name.Start, name.Length)), stat.State, cpu, rss);
            if (forCpu)
            {
                Keep(byCpu, candidate, static (a, b) => a.Cpu.CompareTo(b.Cpu));
            }

            if (forMemory)
            {
                Keep(byMemory, candidate, static (a, b) => a.Rss.CompareTo(b.Rss));
            }
        }

        (last, current) = (current, last);
        lastTimestamp = timestamp;
        return new TopProcesses([.. byCpu.Select(Describe)], [.. byMemory.Select(Describe)]);
    }

    /// <summary>Keeps the list to the top N, most first, by insertion (N is small).</summary>
    private void Keep(List<Candidate> list, Candidate candidate, Comparison<Candidate> compare)
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

    private ProcessSnapshot Describe(Candidate candidate) =>
        new(candidate.Pid, User(candidate.Pid), Command(candidate.Pid, candidate.Name), Math.Round(candidate.Cpu, 1), candidate.Rss, candidate.State);

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

    /// <summary>A file of the process into the reused buffer; false if the process is gone.</summary>
    /// <remarks>
    /// open, read and close themselves, with the path built in a reused buffer: for a few hundred processes a second,
    /// .NET's file handles (a string, a SafeFileHandle and an fstat per open) cost several times the reads.
    /// </remarks>
    private bool TryRead(int pid, string file, out ReadOnlySpan<byte> text)
    {
        if (!noLibc)
        {
            try
            {
                return TryReadDirect(pid, file, out text);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A C library that cannot be loaded by the name "libc": .NET's file handles do the same, slower.
                noLibc = true;
            }
        }

        try
        {
            using var handle = File.OpenHandle($"{root}/{pid}/{file}", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            text = buffer.AsSpan(0, RandomAccess.Read(handle, buffer, 0));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            text = default;
            return false;
        }
    }

    private bool TryReadDirect(int pid, string file, out ReadOnlySpan<byte> text)
    {
        text = default;
        var length = rootLength;
        Utf8Formatter.TryFormat(pid, path.AsSpan(length), out var written);
        length += written;
        path[length++] = (byte)'/';
        length += Encoding.ASCII.GetBytes(file, path.AsSpan(length));
        path[length] = 0;
        var descriptor = Open(in path[0], ReadOnly | CloseOnExec);
        if (descriptor < 0)
        {
            return false;
        }

        try
        {
            var read = Read(descriptor, ref buffer[0], buffer.Length);
            if (read < 0)
            {
                return false;
            }

            text = buffer.AsSpan(0, (int)read);
            return true;
        }
        finally
        {
            Close(descriptor);
        }
    }

    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = false)]
    private static partial int Open(in byte path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = false)]
    private static partial nint Read(int descriptor, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = false)]
    private static partial int Close(int descriptor);

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

    private sealed record Candidate(int Pid, string Name, char State, double Cpu, long Rss);
}
