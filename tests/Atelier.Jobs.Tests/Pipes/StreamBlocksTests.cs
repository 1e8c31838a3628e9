using System.Text;
using Atelier.Jobs.Pipes;

namespace Atelier.Jobs.Tests.Pipes;

/// <summary>Blocks of a stream, cut where GNU parallel's --pipe cuts them (the expected blocks are worked out by hand from its rules).</summary>
public sealed class StreamBlocksTests
{
    private static readonly string TenLines = string.Concat(Enumerable.Range(1, 10).Select(i => $"{i}\n"));

    [Fact]
    public void Read_BySize_CutsAfterTheLastRecordEndWithinTheBlockAndCarriesTheRest()
    {
        // 5 bytes: "1\n2\n3" is cut after "2\n"; "3" starts the next block.
        Assert.Equal(["1\n2\n", "3\n4\n", "5\n6\n", "7\n8\n", "9\n10\n"], Blocks(TenLines, new BlockOptions { BlockSize = 5 }));
    }

    [Fact]
    public void Read_InputSmallerThanABlock_IsOneBlock() =>
        Assert.Equal([TenLines], Blocks(TenLines, new BlockOptions()));

    [Fact]
    public void Read_LastLineWithoutNewline_EndsTheLastBlock() =>
        Assert.Equal(["a\nb\n", "c"], Blocks("a\nb\nc", new BlockOptions { BlockSize = 4 }));

    [Fact]
    public void Read_ByRecords_GivesExactlyNRecordsPerBlockAndTheRestLast() =>
        Assert.Equal(["1\n2\n3\n", "4\n5\n6\n", "7\n8\n9\n", "10\n"], Blocks(TenLines, new BlockOptions { Records = 3 }));

    [Fact]
    public void Read_ByRecords_AnEmptyFirstRecordJoinsTheNextAsInGnuParallel() =>
        Assert.Equal(["\n\n", "a\n", "b\n"], Blocks("\n\na\nb\n", new BlockOptions { Records = 1 }));

    [Fact]
    public void Read_RecordLongerThanTheBlock_GrowsTheBlockUntilItFits()
    {
        var line = new string('x', 100) + "\n";

        Assert.Equal([line, line], Blocks(line + line, new BlockOptions { BlockSize = 10 }));
    }

    [Fact]
    public void Read_Header_GoesBeforeEveryBlock() =>
        Assert.Equal(["h\n1\n2\n", "h\n3\n"], Blocks("h\n1\n2\n3\n", new BlockOptions { BlockSize = 4, HeaderLines = 1 }));

    [Fact]
    public void Read_RecordStart_CutsOnlyWhereARecordStarts()
    {
        var input = ">a\n1\n>b\n2\n>c\n3\n";

        Assert.Equal([">a\n1\n", ">b\n2\n", ">c\n3\n"], Blocks(input, new BlockOptions { BlockSize = 8, RecordEnd = "\n"u8.ToArray(), RecordStart = ">"u8.ToArray() }));
    }

    [Fact]
    public void Read_IsLazy_ReadsOnlyTheBlocksAskedFor()
    {
        using var input = new CountingStream(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("line\n", 10_000))));

        using var first = StreamBlocks.Read(input, new BlockOptions { BlockSize = 1000 }).First();

        Assert.InRange(input.BytesRead, 1000, 2000);
    }

    [Fact]
    public void Read_FailingStream_IsOneLineNamingTheInput()
    {
        var error = Assert.Throws<AtelierException>(() => StreamBlocks.Read(new FailingStream(), new BlockOptions(), "the pipe").ToList());

        Assert.Equal("Reading the pipe failed: disk on fire", error.Message);
    }

    private static List<string> Blocks(string input, BlockOptions options)
    {
        var blocks = new List<string>();
        foreach (var block in StreamBlocks.Read(new MemoryStream(Encoding.UTF8.GetBytes(input)), options))
        {
            using (block)
            {
                blocks.Add(Encoding.UTF8.GetString(block.ToArray()));
                Assert.Equal(block.ToArray().Length, block.Length);
            }
        }

        return blocks;
    }

    private sealed class CountingStream(byte[] data) : MemoryStream(data)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }
    }

    private sealed class FailingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("disk on fire");
    }
}
