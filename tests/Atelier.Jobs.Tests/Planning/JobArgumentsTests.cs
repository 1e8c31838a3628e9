using Atelier.Jobs.Planning;

namespace Atelier.Jobs.Tests.Planning;

public sealed class JobArgumentsTests
{
    [Fact]
    public void Split_TemplateAndSources_InOrder()
    {
        var (command, sources) = JobArguments.Split(["cp", "{1}", "{2}", ":::", "a", "b", ":::+", "x", "y", "::::", "list1", "list2", "::::+", "list3"], shell: false);

        Assert.Equal(["cp", "{1}", "{2}"], command);
        Assert.Equal(
            ["a,b linked=False", "x,y linked=True", "file list1 linked=False", "file list2 linked=False", "file list3 linked=True"],
            sources.Select(s => $"{(s.Values is null ? $"file {s.File}" : string.Join(',', s.Values))} linked={s.Linked}"));
    }

    [Fact]
    public void Split_OneWordWithSpaces_IsSplitOnceByTheCallersSplitter()
    {
        var (command, sources) = JobArguments.Split(["gzip -9 {}"], shell: false, word => word.Split(' '));

        Assert.Equal(["gzip", "-9", "{}"], command);
        Assert.Empty(sources);
    }

    [Fact]
    public void Split_OneWordWithShell_StaysOneWord() =>
        Assert.Equal(["gunzip -c {} | wc -l"], JobArguments.Split(["gunzip -c {} | wc -l"], shell: true, word => word.Split(' ')).Command);

    [Theory]
    [InlineData("gunzip -c {} | wc -l", "'|' is shell syntax, and atelier runs the command without a shell: add Shell (every value is quoted for it).")]
    [InlineData("sort {} > {}.sorted", "'>' is shell syntax, and atelier runs the command without a shell: add Shell (every value is quoted for it).")]
    [InlineData("::: a", "Name a command to run, for example: atelier run gzip -9 {} ::: *.log")]
    [InlineData("echo :::", "':::' is followed by no value.")]
    [InlineData("echo ::: a ::::", "'::::' is followed by no file.")]
    public void Split_Mistakes_AreOneLineErrors(string words, string message)
    {
        var error = Assert.Throws<AtelierException>(() => JobArguments.Split(words.Split(' '), shell: false));

        Assert.Equal(message, error.Message);
    }
}
