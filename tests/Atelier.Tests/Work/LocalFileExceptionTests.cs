using Atelier.Work;

namespace Atelier.Tests.Work;

public sealed class LocalFileExceptionTests
{
    [Fact]
    public void Message_DiskFull_NamesTheFileOnceWithTheSystemsWords()
    {
        // /dev/full answers every write with ENOSPC, as a full disk does.
        var full = Assert.ThrowsAny<IOException>(() => File.WriteAllBytes("/dev/full", new byte[16]));

        var error = new LocalFileException("f1.bin.part", full);

        Assert.Equal("could not write 'f1.bin.part': No space left on device", error.Message);
    }

    [Fact]
    public void Message_WithoutAnAppendedPath_IsKeptWhole() =>
        Assert.Equal(
            "could not write 'x.part': Access to the path is denied.",
            new LocalFileException("x.part", new UnauthorizedAccessException("Access to the path is denied.")).Message);
}
