using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests;

/// <summary>
/// A server whose range answers lie (<see cref="LyingRanges"/>), met by every way a download asks for ranges: a resume
/// after a cut connection, <c>--continue</c> of a <c>.part</c>, <c>--split</c>, and mirrors. A lie may make a download
/// fail, never make it wrong.
/// </summary>
public sealed class DownloaderFaultMatrixTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Size = 256 * 1024;
    private const int Prefix = 100_000;
    private MisbehavingServer Server => fixture.Server;

    public enum Mode
    {
        /// <summary>One connection, cut after <see cref="Prefix"/> bytes, then resumed with a range.</summary>
        Resumed,

        /// <summary><c>--continue</c> of a <c>.part</c> holding the first <see cref="Prefix"/> bytes.</summary>
        Continued,

        /// <summary><c>--split 4</c>.</summary>
        Split,

        /// <summary>
        /// From an honest URL, slow, with the lying one as its mirror: the file's two connections (one per source) give the
        /// mirror the second half of the file to answer, every time.
        /// </summary>
        Mirrored,
    }

    public static TheoryData<string, Mode> Matrix()
    {
        var data = new TheoryData<string, Mode>();
        foreach (var lie in LyingRanges.Lies)
        {
            foreach (var mode in Enum.GetValues<Mode>())
            {
                data.Add(lie, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Lie_EndsByteIdenticalOrFailsNamingIt(string lie, Mode mode)
    {
        using var folder = new TempFolder();
        var name = $"{lie}-{mode}.bin".ToLowerInvariant();
        var result = await FetchAsync(folder, name, lie, mode);

        var expected = Expected(name, lie, mode);
        if (expected.Count == 0)
        {
            Assert.Equal(FetchStatus.Failed, result.Status);
            Assert.Empty(folder.Files);
        }
        else
        {
            Assert.True(result.Status == FetchStatus.Downloaded, $"{result.Status}: {result.Error}");
            var saved = folder.Read(name);
            Assert.True(expected.Any(body => body.AsSpan().SequenceEqual(saved)), "the file is not one whole version");
            Assert.Equal([name], folder.Files);
        }

        // What the run said of the lie: why it started the file again, dropped the lying source, or failed.
        var said = string.Join(" | ", new[] { result.Restart, result.Error }.Concat(result.Mirrors.Select(m => m.Dropped)).OfType<string>());
        var (named, always) = Named(lie, mode);
        if (named is null)
        {
            Assert.Equal("", said);
        }
        else if (always || said.Length > 0)
        {
            Assert.Contains(named, said, StringComparison.Ordinal);
        }

        if (mode == Mode.Mirrored && named is not null && result.Restart is null)
        {
            // Not started again: the lying mirror was dropped and the honest URL served what was left.
            Assert.NotNull(result.Mirrors[1].Dropped);
            Assert.Null(result.Mirrors[0].Dropped);
        }
    }

    [Fact]
    public async Task RandomLiesAndCuts_NeverEndAsAWrongFile()
    {
        // Seeded: a failure names its run, and the same seed runs it again.
        var random = new Random(2412);
        var outcomes = new Dictionary<FetchStatus, int>();
        for (var run = 0; run < 300; run++)
        {
            using var folder = new TempFolder();
            var name = $"random-{run}.bin";
            var size = random.Next(20_000, 300_000);
            var lie = LyingRanges.Lies[random.Next(LyingRanges.Lies.Length)];
            var mode = (Mode)random.Next(4);
            var cuts = random.Next(3);
            var query = $"?size={size}&lie={lie}&cuts={cuts}&cutAfter={random.Next(1, size)}&changeAfter={random.Next(0, 4)}&pauseMs={(mode >= Mode.Split ? 1 : 0)}";
            var request = new FetchRequest(Server.Url($"/lying/{name}{query}"));
            var options = FetchRun.Options(folder) with { Split = 1 + random.Next(4), PerHost = 4, MinSplitSize = 8 * 1024, Continue = mode == Mode.Continued };
            if (mode == Mode.Continued)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder.Path, name + ".part"), Body.Ranged(name, size)[..random.Next(1, size)], TestContext.Current.CancellationToken);
            }

            if (mode == Mode.Mirrored)
            {
                request = request with { Mirrors = [Server.Url($"/ranged/{name}?size={size}&pauseMs=1")] };
            }

            var result = Assert.Single(await FetchRun.RunAsync(options, request));
            var context = $"run {run}: {lie} {mode} {query}, {result.Status}: {result.Restart} {result.Error}";
            outcomes[result.Status] = outcomes.GetValueOrDefault(result.Status) + 1;
            if (result.Status == FetchStatus.Downloaded)
            {
                var saved = folder.Read(name);
                Assert.True(saved.AsSpan().SequenceEqual(Body.Ranged(name, size)) || saved.AsSpan().SequenceEqual(Body.Ranged(name, size, version: 2)), context);
                Assert.True(folder.Files.SequenceEqual([name]), context);
            }
            else
            {
                Assert.True(result.Status == FetchStatus.Failed && !File.Exists(Path.Combine(folder.Path, name)), context);
            }
        }

        // The runs are not all one outcome: most lies end in a whole file, some in a failure.
        Assert.True(outcomes.GetValueOrDefault(FetchStatus.Downloaded) > 200, string.Join(", ", outcomes));
    }

    private async Task<FetchResult> FetchAsync(TempFolder folder, string name, string lie, Mode mode)
    {
        var query = mode switch
        {
            Mode.Resumed => $"&cuts=1&cutAfter={Prefix}",
            Mode.Continued => "",

            // The first answer waits for another connection's request: on a busy machine it could otherwise end the whole
            // file before the others ask, and no lie would be met.
            Mode.Split => "&pauseMs=1&holdMs=10000",
            _ => "&pauseMs=1",
        };

        // The file that changes does so after the first answer (before the first, for a .part an earlier run left, or for
        // the mirror, whose first answer comes after the honest URL's).
        query += lie == "etag" ? $"&changeAfter={(mode is Mode.Continued or Mode.Mirrored ? 0 : 1)}" : "";
        var request = new FetchRequest(Server.Url($"/lying/{name}?size={Size}&lie={lie}{query}"));
        var options = FetchRun.Options(folder);
        switch (mode)
        {
            case Mode.Continued:
                await File.WriteAllBytesAsync(Path.Combine(folder.Path, name + ".part"), Body.Ranged(name, Size)[..Prefix], TestContext.Current.CancellationToken);
                options = options with { Continue = true };
                break;
            case Mode.Split:
                options = options with { Split = 4, PerHost = 4, MinSplitSize = 16 * 1024 };
                break;
            case Mode.Mirrored:
                options = options with { PerHost = 4, MinSplitSize = 16 * 1024 };
                request = new FetchRequest(Server.Url($"/ranged/{name}?size={Size}&pauseMs=20")) { Mirrors = [request.Url] };
                break;
        }

        return Assert.Single(await FetchRun.RunAsync(options, request));
    }

    /// <summary>
    /// Words the run's reasons must hold (why it started again, dropped a source or failed); null when it must say
    /// nothing. Not always: the lie may not be met (a split range that another connection shortened never reads past it).
    /// </summary>
    private static (string? Named, bool Always) Named(string lie, Mode mode) => (lie, mode) switch
    {
        ("none", _) => (null, true),
        ("shift", _) => ("differ from the same bytes in an earlier answer", true),
        ("other", _) => ("to a request for bytes", true),
        ("total", _) => ($"{Size + LyingRanges.Offset}", true),
        ("nocr", _) => ("without a usable Content-Range", true),
        ("longer", Mode.Resumed or Mode.Continued or Mode.Mirrored) => ("more than the", true),
        ("longer", _) => ("more than the", false),
        ("etag", Mode.Continued or Mode.Mirrored) => ("differ from the same bytes in an earlier answer", true),
        ("etag", _) => ("the file changed on the server during the download", true),
        ("whole", Mode.Split or Mode.Mirrored) => ("answered the whole file (200) to a request for bytes", true),
        ("gzip", _) => ("gzip-encoded", true),
        ("unasked", Mode.Resumed) => ("(206) to a request for the whole file", true),
        _ => (null, true),
    };

    /// <summary>The files a download may end with; none when it must fail.</summary>
    private static List<byte[]> Expected(string name, string lie, Mode mode) => (lie, mode) switch
    {
        // Asked without a range twice (at first, and when starting again), answered with half the file twice.
        ("unasked", Mode.Resumed) => [],

        // The file changed after the first answer: whole in its second version.
        ("etag", not Mode.Mirrored) => [Body.Ranged(name, Size, version: 2)],

        // The mirror serves another version than the URL: which one is the file cannot be told, but it is one of them whole.
        ("etag", Mode.Mirrored) => [Body.Ranged(name, Size), Body.Ranged(name, Size, version: 2)],
        _ => [Body.Ranged(name, Size)],
    };
}
