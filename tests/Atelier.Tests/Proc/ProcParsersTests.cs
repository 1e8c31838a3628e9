using System.Text;
using Atelier.Proc;

namespace Atelier.Tests.Proc;

public sealed class ProcParsersTests
{
    private const string Stat = """
        cpu  548872 10 84516 1017446 2472 0 6003 451 300 7
        cpu0 256398 5 39368 530558 275 0 2882 219 100 3
        cpu1 292474 5 45147 486888 2196 0 3120 232 200 4
        intr 123 4 5
        """;

    [Fact]
    public void Stat_ReadsTheTotalAndEachCore()
    {
        var cores = new CpuTimes[4];
        var count = ProcParsers.Stat(Encoding.ASCII.GetBytes(Stat), out var total, cores);

        Assert.Equal(2, count);
        Assert.Equal(new CpuTimes(548872, 10, 84516, 1017446, 2472, 0, 6003, 451, 300, 7), total);
        Assert.Equal(292474UL, cores[1].User);
    }

    [Fact]
    public void CpuPercent_IsPsutilsFormula_GuestNotCountedTwice()
    {
        var before = new CpuTimes(1000, 0, 500, 8000, 100, 0, 0, 0, 200, 0);
        var after = new CpuTimes(1600, 0, 700, 8900, 200, 50, 50, 0, 500, 0);

        // psutil: total = sum - guest - guest_nice; busy = total - idle - iowait.
        // Deltas: user 600, system 200, idle 900, iowait 100, irq 50, softirq 50 -> total 1900, busy 900.
        Assert.Equal(100.0 * 900 / 1900, CpuTimes.Percent(before, after), 9);
    }

    [Fact]
    public void CpuPercent_NoTimePassed_IsZeroNotNaN() =>
        Assert.Equal(0, CpuTimes.Percent(new CpuTimes(1, 1, 1, 1, 1, 1, 1, 1, 0, 0), new CpuTimes(1, 1, 1, 1, 1, 1, 1, 1, 0, 0)));

    [Fact]
    public void MemInfo_ReadsTotalAvailableAndSwap()
    {
        const string text = "MemTotal:       24684084 kB\nMemFree:        22722736 kB\nMemAvailable:   24213188 kB\nSwapTotal:       2097148 kB\nSwapFree:        1048574 kB\n";

        Assert.Equal((24684084UL, 24213188UL, 2097148UL, 1048574UL), ProcParsers.MemInfo(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void LoadAverage_ReadsTheThreeFigures() =>
        Assert.Equal((0.26, 1.18, 1.37), ProcParsers.LoadAverage("0.26 1.18 1.37 2/80 16710\n"u8));

    [Fact]
    public void NetDev_SumsEveryInterfaceButLoopback()
    {
        const string text = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 140564565044 7194235    0    0    0     0          0         0 140564565044 7194235    0    0    0     0       0          0
              eth0: 1000       10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0
              eth1:  500        5    0    0    0     0          0         0      700       7    0    0    0     0       0          0
            """;

        Assert.Equal((1500UL, 2700UL), ProcParsers.NetDev(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void DiskStats_CountsWholeDisksOnlyInBytes()
    {
        const string text = """
               7       0 loop0 5 0 80 0 0 0 0 0 0 0 0
               8       0 sda 100 0 1000 0 50 0 400 0 0 0 0
               8       1 sda1 90 0 900 0 40 0 300 0 0 0 0
             259       0 nvme0n1 10 0 20 0 5 0 8 0 0 0 0
             259       1 nvme0n1p1 10 0 20 0 5 0 8 0 0 0 0
             253       0 dm-0 1 0 999 0 1 0 999 0 0 0 0
            """;

        Assert.Equal(((1000UL + 20) * 512, (400UL + 8) * 512), ProcParsers.DiskStats(Encoding.ASCII.GetBytes(text)));
    }
}
