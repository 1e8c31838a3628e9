using System.Globalization;
using System.Security.Cryptography;
using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests;

/// <summary>One file over several connections (--split) and from several mirrors, against the real test server.</summary>
public sealed class DownloaderSegmentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Size = 1024 * 1024;
    private MisbehavingServer Server => fixture.Server;

    [Fact]
    public async Task Split_FetchesRangesOverSeveralConnections_ByteIdentical()
    {
        using var folder = new TempFolder();

        // The first answer waits for the other three connections' requests: on a busy machine it could otherwise end
        // the file before they ask.
        var result = Assert.Single(await FetchRun.RunAsync(Split(folder), Server.Url($"/ranged/split.bin?size={Size}&pauseMs=2&holdFor=4")));

        Assert.Equal((FetchStatus.Downloaded, (long)Size, 4), (result.Status, result.Bytes, result.Connections));
        Assert.Equal(Body.Ranged("split.bin", Size), folder.Read("split.bin"));
        Assert.Equal(["split.bin"], folder.Files);

        // The first request asks from byte 0 to learn the length; the others ask for ranges of it (each from the 4 KiB
        // seam before it, compared with what another answer wrote there), none under the minimum, the first three of
        // them together the rest of the file.
        var asked = Server.RangesAsked("split.bin");
        Assert.Equal("bytes=0-", asked[0]);
        var ranges = asked.Skip(1).Select(Range).ToList();
        Assert.All(ranges, r => Assert.InRange(r.To - (r.From + 4096) + 1, 64 * 1024, Size / 2));
        Assert.Equal(Size - 1, ranges.Take(3).Max(r => r.To));
    }

    [Fact]
    public async Task Split_ConnectionsCut_AreAskedForAgainAndTheFileIsWhole()
    {
        using var folder = new TempFolder();

        var result = Assert.Single(await FetchRun.RunAsync(Split(folder), Server.Url($"/ranged/cut.bin?size={Size}&pauseMs=2&cuts=3&cutAfter=16384")));

        // Where a retry starts depends on how much of the cut body arrived before the reset (a reset discards what the
        // client had not read yet); resuming from what was written is checked by the interrupted-then-continued test.
        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal(Body.Ranged("cut.bin", Size), folder.Read("cut.bin"));
        Assert.True(result.Attempts > 4, $"{result.Attempts} requests: the cut ranges were asked for again");
        Assert.Equal(["cut.bin"], folder.Files);
    }

    [Fact]
    public async Task Split_InterruptedThenContinued_ResumesEveryRangeFromItsPlan()
    {
        using var folder = new TempFolder();
        var url = Server.Url($"/ranged/resume.bin?size={Size}&pauseMs=20");
        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            using var downloader = new Downloader(Split(folder) with { Progress = new CancelOnBytes(cancel, Size / 4) });
            var interrupted = new List<FetchResult>();
            await foreach (var result in downloader.FetchAsync([new FetchRequest(url)], cancel.Token))
            {
                interrupted.Add(result);
            }

            Assert.Equal(FetchStatus.Canceled, Assert.Single(interrupted).Status);
        }

        Assert.Equal(["resume.bin.part", "resume.bin.part.segments"], folder.Files);
        var before = Server.RangesAsked("resume.bin").Count;

        var resumed = Assert.Single(await FetchRun.RunAsync(Split(folder) with { Continue = true }, url));

        Assert.Equal(FetchStatus.Downloaded, resumed.Status);
        Assert.Equal(Body.Ranged("resume.bin", Size), folder.Read("resume.bin"));
        Assert.Equal(["resume.bin"], folder.Files);

        // Each range resumed where the plan said it stopped: what was written before the interruption (at least a quarter
        // of the file) is not asked for again, but for the 4 KiB seam before each range, asked for to be compared.
        var again = Server.RangesAsked("resume.bin").Skip(before).Select(Range).Select(r => (From: r.From + 4096, r.To)).OrderBy(r => r.From).ToList();
        Assert.NotEmpty(again);
        Assert.DoesNotContain(again, r => r.From == 4096);
        long covered = 0, end = -1;
        foreach (var (from, to) in again)
        {
            covered += Math.Max(0, to - Math.Max(from, end + 1) + 1);
            end = Math.Max(end, to);
        }

        Assert.True(covered <= Size * 3 / 4, $"{covered:N0} bytes asked for again");
    }

    [Fact]
    public async Task Split_BodyChangesBetweenRanges_StartsAgainAndNeverMixesVersions()
    {
        using var folder = new TempFolder();

        // The first four requests get version 1, two of them cut after 16 KiB (less than any range: both must be asked
        // for again); the ranges asked for again get version 2.
        var result = Assert.Single(await FetchRun.RunAsync(Split(folder), Server.Url($"/ranged/changing.bin?size={Size}&pauseMs=2&cuts=2&cutAfter=16384&changeAfter=4")));

        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal(Body.Ranged("changing.bin", Size, version: 2), folder.Read("changing.bin"));
        Assert.Contains("bytes=0-", Server.RangesAsked("changing.bin").Skip(1));
        Assert.Equal(["changing.bin"], folder.Files);
    }

    [Fact(Timeout = 60_000)]
    public async Task Split_AsManyFilesAsHostSlots_EachFinishesOnItsFirstConnection()
    {
        // Every host slot is held by a file's first connection, so no other connection of any file gets one: each
        // file comes whole over its first connection, and its waiting connections end with it (no deadlock).
        using var folder = new TempFolder();
        var urls = Enumerable.Range(0, 4).Select(i => Server.Url($"/ranged/slots-{i}.bin?size={Size}&pauseMs=1")).ToArray();

        var results = await FetchRun.RunAsync(Split(folder) with { Concurrency = 4 }, urls);

        Assert.All(results, r => Assert.Equal(FetchStatus.Downloaded, r.Status));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"slots-{i}.bin"), folder.Files);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(Body.Ranged($"slots-{i}.bin", Size), folder.Read($"slots-{i}.bin")));
    }

    [Fact]
    public async Task Split_ServerIgnoresRanges_FallsBackToOneConnection()
    {
        using var folder = new TempFolder();

        var result = Assert.Single(await FetchRun.RunAsync(Split(folder), Server.Url($"/ranged/whole.bin?size={Size}&ignoreRange=true")));

        Assert.Equal((FetchStatus.Downloaded, 200, 1, 1), (result.Status, result.HttpStatus, result.Connections, Server.Hits("whole.bin")));
        Assert.Equal(Body.Ranged("whole.bin", Size), folder.Read("whole.bin"));
    }

    [Fact]
    public async Task Split_SmallFile_IsOneConnection()
    {
        using var folder = new TempFolder();

        var result = Assert.Single(await FetchRun.RunAsync(Split(folder), Server.Url("/ranged/small.bin?size=100000")));

        Assert.Equal((FetchStatus.Downloaded, 1, 1), (result.Status, result.Connections, Server.Hits("small.bin")));
        Assert.Equal(Body.Ranged("small.bin", 100_000), folder.Read("small.bin"));
    }

    [Fact]
    public async Task Split_WithSha256_ChecksTheWholeFile()
    {
        using var folder = new TempFolder();
        var expected = Convert.ToHexStringLower(SHA256.HashData(Body.Ranged("summed.bin", Size)));

        var result = Assert.Single(await FetchRun.RunAsync(Split(folder), new FetchRequest(Server.Url($"/ranged/summed.bin?size={Size}&pauseMs=1"), Sha256: expected)));

        Assert.Equal((FetchStatus.Downloaded, expected, 4), (result.Status, result.Sha256, result.Connections));
    }

    [Fact]
    public async Task Mirrors_OneDeadOneNotFoundOneWrongLength_CompleteFromTheGoodOneAndSaySo()
    {
        using var folder = new TempFolder();
        var request = new FetchRequest(Server.Url($"/ranged/mirrored.bin?size={Size}&pauseMs=2"))
        {
            Mirrors = ["http://127.0.0.1:1/mirrored.bin", Server.Url("/status/404?key=mirror404"), Server.Url($"/ranged/mirrored.bin?size={Size * 2}")],
        };

        var result = Assert.Single(await FetchRun.RunAsync(Split(folder), request));

        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal(Body.Ranged("mirrored.bin", Size), folder.Read("mirrored.bin"));
        Assert.Equal(4, result.Mirrors.Count);
        Assert.Equal(((long)Size, (string?)null), (result.Mirrors[0].Bytes, result.Mirrors[0].Dropped));
        Assert.Contains("refused", result.Mirrors[1].Dropped, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("HTTP 404 Not Found", result.Mirrors[2].Dropped);
        Assert.Contains("the server said the file is 2,097,152 bytes, not 1,048,576", result.Mirrors[3].Dropped, StringComparison.Ordinal);
        Assert.All(result.Mirrors.Skip(1), m => Assert.Equal(0, m.Bytes));
    }

    [Fact]
    public async Task Mirrors_SpreadTheRangesAndTheFirstDeadOneIsPassedOver()
    {
        using var folder = new TempFolder();
        var request = new FetchRequest("http://127.0.0.1:1/spread.bin")
        {
            Mirrors = [Server.Url($"/ranged/spread.bin?size={Size}&pauseMs=2"), Server.Url($"/ranged/spread.bin?size={Size}&pauseMs=2&copy=2")],
        };

        var result = Assert.Single(await FetchRun.RunAsync(Split(folder) with { Split = 1 }, request));

        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal(Body.Ranged("spread.bin", Size), folder.Read("spread.bin"));
        Assert.NotNull(result.Mirrors[0].Dropped);
        Assert.All(result.Mirrors.Skip(1), m => Assert.True(m.Bytes > 0, $"{m.Url} served {m.Bytes} bytes"));
        Assert.Equal(Size, result.Mirrors.Sum(m => m.Bytes));
    }

    [Fact]
    public async Task Mirrors_AllFail_FailsWithTheLastReason()
    {
        using var folder = new TempFolder();
        var request = new FetchRequest(Server.Url("/status/404?key=allgone1")) { Mirrors = [Server.Url("/status/410?key=allgone2")] };

        var result = Assert.Single(await FetchRun.RunAsync(Split(folder), request));

        Assert.Equal((FetchStatus.Failed, "HTTP 410 Gone"), (result.Status, result.Error));
        Assert.Equal("HTTP 404 Not Found", result.Mirrors[0].Dropped);
        Assert.Empty(folder.Files);
    }

    /// <summary>A Range header as asked: <c>bytes=A-B</c>, or <c>bytes=A-</c> (to the end).</summary>
    private static (long From, long To) Range(string header)
    {
        var bounds = header["bytes=".Length..].Split('-');
        return (long.Parse(bounds[0], CultureInfo.InvariantCulture), bounds[1].Length == 0 ? Size - 1 : long.Parse(bounds[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Mirrors_OneNotAUrl_FailsTheLineWithoutARequest()
    {
        using var folder = new TempFolder();
        var request = new FetchRequest(Server.Url($"/ranged/badmirror.bin?size={Size}")) { Mirrors = ["ftp://elsewhere/badmirror.bin"] };

        var result = Assert.Single(await FetchRun.RunAsync(Split(folder), request));

        Assert.Equal((FetchStatus.Failed, "mirror unsupported scheme 'ftp' in 'ftp://elsewhere/badmirror.bin' (http and https are)"), (result.Status, result.Error));
        Assert.Equal(0, Server.Hits("badmirror.bin"));
        Assert.Empty(folder.Files);
    }

    private static FetchOptions Split(TempFolder folder) => FetchRun.Options(folder) with { Split = 4, PerHost = 4, MinSplitSize = 64 * 1024 };

    private sealed class CancelOnBytes(CancellationTokenSource cancel, long bytes) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value)
        {
            if (value.Bytes >= bytes)
            {
                cancel.Cancel();
            }
        }
    }
}
