namespace Atelier.Proc;

/// <summary>The /proc files Atelier reads (the monitor every sample, the job runner before starting a job), parsed without allocating.</summary>
/// <remarks>Each parser reads the text of one file, as <see cref="ProcFile.Read"/> returns it, and allocates nothing.</remarks>
public static class ProcParsers
{
    /// <summary>/proc/stat: the aggregate cpu line, and up to <c>cores.Length</c> per-core lines.</summary>
    /// <returns>How many per-core lines were read.</returns>
    public static int Stat(ReadOnlySpan<byte> text, out CpuTimes total, Span<CpuTimes> cores)
    {
        total = default;
        var count = 0;
        var lines = new ProcText(text);
        while (lines.NextLine(out var line))
        {
            if (!line.StartsWith("cpu"u8))
            {
                break;
            }

            var name = ProcText.Field(ref line);
            var times = new CpuTimes(
                ProcText.Number(ref line), ProcText.Number(ref line), ProcText.Number(ref line), ProcText.Number(ref line), ProcText.Number(ref line),
                ProcText.Number(ref line), ProcText.Number(ref line), ProcText.Number(ref line), ProcText.Number(ref line), ProcText.Number(ref line));
            if (name.Length == 3)
            {
                total = times;
            }
            else if (count < cores.Length)
            {
                cores[count++] = times;
            }
        }

        return count;
    }

    /// <summary>/proc/meminfo: total, available, swap total and swap free, in kB.</summary>
    public static (ulong Total, ulong Available, ulong SwapTotal, ulong SwapFree) MemInfo(ReadOnlySpan<byte> text)
    {
        ulong total = 0, available = 0, swapTotal = 0, swapFree = 0;
        var lines = new ProcText(text);
        while (lines.NextLine(out var line))
        {
            var key = ProcText.Field(ref line);
            var value = ProcText.Number(ref line);
            if (key.SequenceEqual("MemTotal:"u8))
            {
                total = value;
            }
            else if (key.SequenceEqual("MemAvailable:"u8))
            {
                available = value;
            }
            else if (key.SequenceEqual("SwapTotal:"u8))
            {
                swapTotal = value;
            }
            else if (key.SequenceEqual("SwapFree:"u8))
            {
                swapFree = value;
            }
        }

        return (total, available, swapTotal, swapFree);
    }

    /// <summary>/proc/loadavg: the 1, 5 and 15-minute load averages.</summary>
    public static (double One, double Five, double Fifteen) LoadAverage(ReadOnlySpan<byte> text) =>
        (ProcText.Decimal(ref text), ProcText.Decimal(ref text), ProcText.Decimal(ref text));

    /// <summary>/proc/net/dev: bytes received and sent by every interface but loopback.</summary>
    public static (ulong Received, ulong Sent) NetDev(ReadOnlySpan<byte> text)
    {
        ulong received = 0, sent = 0;
        var lines = new ProcText(text);
        while (lines.NextLine(out var line))
        {
            var colon = line.IndexOf((byte)':');
            if (colon < 0 || line[..colon].Trim(" "u8).SequenceEqual("lo"u8))
            {
                continue;
            }

            var fields = line[(colon + 1)..];
            received += ProcText.Number(ref fields);
            for (var skip = 0; skip < 7; skip++)
            {
                ProcText.Field(ref fields);
            }

            sent += ProcText.Number(ref fields);
        }

        return (received, sent);
    }

    /// <summary>/proc/diskstats: bytes read and written by whole disks (not partitions, loop or ram devices).</summary>
    public static (ulong Read, ulong Written) DiskStats(ReadOnlySpan<byte> text)
    {
        ulong read = 0, written = 0;
        var lines = new ProcText(text);
        while (lines.NextLine(out var line))
        {
            ProcText.Field(ref line);
            ProcText.Field(ref line);
            var name = ProcText.Field(ref line);
            if (!IsWholeDisk(name))
            {
                continue;
            }

            ProcText.Field(ref line);
            ProcText.Field(ref line);
            read += ProcText.Number(ref line) * 512;
            ProcText.Field(ref line);
            ProcText.Field(ref line);
            ProcText.Field(ref line);
            written += ProcText.Number(ref line) * 512;
        }

        return (read, written);
    }

    /// <summary>sda, vda, nvme0n1, mmcblk0; not sda1, nvme0n1p1, loop0, ram0, dm-0 (which would count bytes twice).</summary>
    private static bool IsWholeDisk(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.StartsWith("loop"u8) || name.StartsWith("ram"u8) || name.StartsWith("dm-"u8)
            || name.StartsWith("zram"u8) || name.StartsWith("sr"u8) || name.StartsWith("fd"u8))
        {
            return false;
        }

        // nvme0n1 and mmcblk0 end in a digit; their partitions add p1, p2...
        return name.StartsWith("nvme"u8) || name.StartsWith("mmcblk"u8)
            ? name.IndexOf((byte)'p') < 0
            : !char.IsAsciiDigit((char)name[^1]);
    }
}
