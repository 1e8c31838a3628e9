using Atelier.Jobs.Running;

namespace Atelier.Jobs.Tests.Running;

public sealed class LinePrefixStreamTests
{
    [Fact]
    public void Write_LinesSplitAcrossWrites_ArePrefixedOnce()
    {
        using var output = new MemoryStream();
        using var tagged = new LinePrefixStream(output, "v\t"u8.ToArray());

        tagged.Write("one\ntw"u8);
        tagged.Write("o\nthree"u8);

        Assert.Equal("v\tone\nv\ttwo\nv\tthree", System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }
}
