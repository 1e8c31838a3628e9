using Atelier.Jobs.Running;

namespace Atelier.Jobs.Tests.Running;

public sealed class TextWriterStreamTests
{
    [Fact]
    public void Write_ACharacterSplitAcrossWrites_ComesOutWhole()
    {
        using var text = new StringWriter();
        using var stream = new TextWriterStream(text);
        var bytes = System.Text.Encoding.UTF8.GetBytes("café ✓");

        stream.Write(bytes.AsSpan(0, 4));
        stream.Write(bytes.AsSpan(4, 3));
        stream.Write(bytes.AsSpan(7));

        Assert.Equal("café ✓", text.ToString());
    }
}
