using System.Security.Cryptography;
using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests;

/// <summary>Digests the server announces, checked on the finished file; resumes at and past a file's end.</summary>
public sealed class DownloaderIntegrityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Size = 300_000;
    private MisbehavingServer Server => fixture.Server;

    [Theory]
    [InlineData("repr", 1, "Repr-Digest sha-256")]
    [InlineData("digest", 1, "Digest sha-256")]
    [InlineData("md5", 1, "Content-MD5 md5")]
    [InlineData("repr", 4, "Repr-Digest sha-256")]
    public async Task ServerDigest_Matching_IsVerifiedAndSaid(string header, int split, string verified)
    {
        using var folder = new TempFolder();
        var name = $"digest-{header}-{split}.bin";
        var options = FetchRun.Options(folder) with { Split = split, PerHost = 4, MinSplitSize = 16 * 1024 };

        var result = Assert.Single(await FetchRun.RunAsync(options, Server.Url($"/digest/{name}?size={Size}&header={header}")));

        Assert.Equal((FetchStatus.Downloaded, verified, (string?)null), (result.Status, result.Verified, result.Restart));
        Assert.Equal(Body.Of(name, Size), folder.Read(name));

        // Split, the first answer is a range and the file is written by position: its hash is taken from the file.
        Assert.Equal(split > 1 ? "bytes=0-" : "", Server.RangesAsked(name)[0]);

        // The report carries the SHA-256 whenever it was computed for a digest of that kind.
        Assert.Equal(header == "md5" ? null : Convert.ToHexStringLower(SHA256.HashData(Body.Of(name, Size))), result.Sha256);
    }

    [Fact]
    public async Task ServerDigest_WrongOnce_StartsTheFileAgainAndSaysWhy()
    {
        using var folder = new TempFolder();

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url($"/digest/once.bin?size={Size}&header=repr&wrong=1")));

        Assert.Equal((FetchStatus.Downloaded, "Repr-Digest sha-256"), (result.Status, result.Verified));
        Assert.Equal("the file does not match the server's Repr-Digest sha-256", result.Restart);
        Assert.Equal(2, Server.Hits("once.bin"));
        Assert.Equal(Body.Of("once.bin", Size), folder.Read("once.bin"));
    }

    [Fact]
    public async Task ServerDigest_AlwaysWrong_FailsAndKeepsNothing()
    {
        using var folder = new TempFolder();

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url($"/digest/never.bin?size={Size}&header=digest&wrong=99")));

        Assert.Equal((FetchStatus.Failed, "the file does not match the server's Digest sha-256"), (result.Status, result.Error));
        Assert.Null(result.Verified);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task Continue_PartAlreadyWhole_FinishesWithoutItsBody()
    {
        using var folder = new TempFolder();
        var body = Body.Of("whole-part.bin", Size);
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "whole-part.bin.part"), body, TestContext.Current.CancellationToken);

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Continue = true }, Server.Url($"/files/whole-part.bin?size={Size}")));

        // Only the seam before the end was asked for, and it matched what was saved.
        Assert.Equal((FetchStatus.Downloaded, (string?)null), (result.Status, result.Restart));
        Assert.Equal([$"bytes={Size - 4096}-"], Server.RangesAsked("whole-part.bin"));
        Assert.Equal(body, folder.Read("whole-part.bin"));
    }

    [Fact]
    public async Task Continue_PartLongerThanTheFile_StartsAgainAndEndsWhole()
    {
        using var folder = new TempFolder();
        var body = Body.Of("long-part.bin", Size);
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "long-part.bin.part"), [.. body, .. new byte[10_000]], TestContext.Current.CancellationToken);

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Continue = true }, Server.Url($"/files/long-part.bin?size={Size}")));

        // The server has no bytes where the .part goes on (416): it is not this file, and is fetched again whole.
        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal($"the server has no bytes from {Size + 10_000} on (416; the file is {Size:N0} bytes now)", result.Restart);
        Assert.Equal(["bytes=305904-", ""], Server.RangesAsked("long-part.bin"));
        Assert.Equal(body, folder.Read("long-part.bin"));
    }

    [Fact]
    public async Task Continue_PartOfAnotherFile_IsCaughtAtTheSeamAndFetchedAgain()
    {
        // A .part of other bytes, and a server without validators to say so: the seam before the rest differs.
        using var folder = new TempFolder();
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "other-part.bin.part"), Body.Of("something else", 100_000), TestContext.Current.CancellationToken);

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Continue = true }, Server.Url($"/files/other-part.bin?size={Size}")));

        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal("the server's bytes 95904-99999 differ from the same bytes in an earlier answer", result.Restart);
        Assert.Equal(Body.Of("other-part.bin", Size), folder.Read("other-part.bin"));
    }
}
