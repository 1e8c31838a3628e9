using System.Text;
using Atelier.Jobs.Pipes;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Pipes;

/// <summary>Ranges of a file, cut where GNU parallel's --pipepart cuts them: after the first record end past each multiple of the block size.</summary>
public sealed class FileBlocksTests
{
    [Fact]
    public void Split_CutsAfterTheFirstRecordEndPastEachBlock()
    {
        using var folder = new TempFolder();
        var path = folder.Write("in.txt", "aaa\nbb\ncccc\nd\n");

        // From 5 the first \n is at 6 (cut at 7); from 12 the next is at 13 (cut at 14, the end).
        Assert.Equal(["aaa\nbb\n", "cccc\nd\n"], Ranges(path, new BlockOptions { BlockSize = 5 }, 1));
    }

    [Fact]
    public void Split_NegativeBlock_MakesThatManyBlocksPerJobSlot()
    {
        using var folder = new TempFolder();
        var path = folder.Write("in.txt", string.Concat(Enumerable.Range(0, 100).Select(i => $"{i:00}\n")));

        var ranges = Ranges(path, new BlockOptions { BlockSize = -2 }, 2);

        Assert.Equal(4, ranges.Count);
        Assert.Equal(File.ReadAllText(path), string.Concat(ranges));
    }

    [Fact]
    public void Split_Header_GoesBeforeEveryRangeAndIsNotARangeItself()
    {
        using var folder = new TempFolder();
        var path = folder.Write("in.csv", "name\n1\n2\n3\n4\n");

        Assert.Equal(["name\n1\n2\n", "name\n3\n4\n"], Ranges(path, new BlockOptions { BlockSize = 3, HeaderLines = 1 }, 1));
    }

    [Fact]
    public async Task Split_RangeFedToAJob_ArrivesWholeThroughTheKernel()
    {
        using var folder = new TempFolder();
        var text = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"line {i}\n"));
        var path = folder.Write("in.txt", text);
        var runner = new JobRunner(CommandTemplate.Parse(["cat"]), new JobRunnerOptions { MaxDegreeOfParallelism = 2, PreserveOrder = true });

        var output = new StringBuilder();
        await foreach (var result in runner.RunAsync(FileBlocks.Split(path, new BlockOptions { BlockSize = 64 << 10 }, 2), TestContext.Current.CancellationToken))
        {
            using (result)
            {
                Assert.True(result.Succeeded, result.Reason);
                output.Append(result.Output.ToString());
            }
        }

        Assert.Equal(text, output.ToString());
    }

    [Fact]
    public void Split_NotAFile_IsOneLine()
    {
        var error = Assert.Throws<AtelierException>(() => FileBlocks.Split("/no/such/file", new BlockOptions(), 1));

        Assert.StartsWith("Cannot read input file '/no/such/file'", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Ranges(string path, BlockOptions options, int slots)
    {
        var bytes = File.ReadAllBytes(path);
        var header = options.HeaderLines > 0 ? Encoding.UTF8.GetString(bytes, 0, Array.IndexOf(bytes, (byte)'\n') + 1) : "";
        return [.. FileBlocks.Split(path, options, slots).Select(r =>
        {
            Assert.Equal(header.Length + r.Count, r.Length);
            return header + Encoding.UTF8.GetString(bytes, (int)r.Offset, (int)r.Count);
        })];
    }
}
