using Atelier.Jobs.Results;

namespace Atelier.Jobs.Tests.Results;

public sealed class FolderResultsTests
{
    [Theory]
    [InlineData("photo.jpg", "photo.jpg")]
    [InlineData("a/b", "a\\_b")]
    [InlineData("a\\_b", "a\\\\_b")]
    [InlineData("..", "\\.\\.")]
    [InlineData(".", "\\.")]
    [InlineData("", "\\e")]
    public void Name_IsOneSafeFolderNameAsGnuParallelWritesIt(string value, string expected) =>
        Assert.Equal(expected, FolderResults.Name(value));

    [Fact]
    public void Name_LongValue_IsCutTo255BytesOfWholeCharacters() =>
        Assert.Equal(new string('é', 127), FolderResults.Name(new string('é', 300)));
}
