using Atelier.Jobs.Inputs;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Inputs;

public sealed class JobInputsTests
{
    [Fact]
    public void Combine_TwoSources_MultiplyWithTheFirstVaryingSlowest()
    {
        var jobs = Combine(InputSource.FromValues(["a", "b"]), InputSource.FromValues(["1", "2", "3"]));

        Assert.Equal(["a 1", "a 2", "a 3", "b 1", "b 2", "b 3"], jobs);
    }

    [Fact]
    public void Combine_LinkedSources_PairUpAndTheShorterStartsOver()
    {
        Assert.Equal(["a 1", "b 2", "c 1"], Combine(InputSource.FromValues(["a", "b", "c"]), InputSource.FromValues(["1", "2"], linkedToPrevious: true)));
        Assert.Equal(["a 1", "b 2", "a 3"], Combine(InputSource.FromValues(["a", "b"]), InputSource.FromValues(["1", "2", "3"], linkedToPrevious: true)));
        Assert.Equal(["a 1", "b 2"], Combine(InputSource.FromValues(["a", "b"]), InputSource.FromValues(["1", "2"], linkedToPrevious: true)));
    }

    [Fact]
    public void Combine_LinkedGroupTimesAnotherSource_MultipliesThePairs()
    {
        var jobs = Combine(
            InputSource.FromValues(["a", "b"]),
            InputSource.FromValues(["1", "2"], linkedToPrevious: true),
            InputSource.FromValues(["x", "y"]));

        Assert.Equal(["a 1 x", "a 1 y", "b 2 x", "b 2 y"], jobs);
    }

    [Fact]
    public void Combine_AnEmptySource_MakesNoJobs()
    {
        Assert.Empty(Combine(InputSource.FromValues(["a"]), InputSource.FromValues([])));
        Assert.Empty(Combine(InputSource.FromValues(["a"]), InputSource.FromValues([], linkedToPrevious: true)));
    }

    [Fact]
    public void Combine_FileSource_IsReadAgainForEachOuterValue()
    {
        using var folder = new TempFolder();
        var list = Path.Combine(folder.Path, "list");
        File.WriteAllText(list, "1\r\n2\n\n3");

        Assert.Equal(["a 1", "a 2", "a ", "a 3", "b 1", "b 2", "b ", "b 3"], Combine(InputSource.FromValues(["a", "b"]), InputSource.FromFile(list)));
    }

    [Fact]
    public void Combine_ReaderAsInnerSource_IsKeptAfterTheFirstPass()
    {
        using var reader = new StringReader("1\n2\n");

        Assert.Equal(["a 1", "a 2", "b 1", "b 2"], Combine(InputSource.FromValues(["a", "b"]), InputSource.FromReader(reader)));
    }

    [Fact]
    public void Combine_NulSeparatedReader_KeepsNewlinesInsideValues()
    {
        using var reader = new StringReader("one\nline\0two\0three");

        Assert.Equal(["one\nline", "two", "three"], Combine(InputSource.FromReader(reader, '\0')));
    }

    [Fact]
    public void Combine_IsLazy_AnEndlessSourceGivesItsFirstJobs()
    {
        var jobs = JobInputs.Combine([InputSource.FromReader(new EndlessReader())]).Take(3).Select(v => v[0]);

        Assert.Equal(["x", "x", "x"], jobs);
    }

    [Fact]
    public void FromFile_Missing_IsAOneLineError()
    {
        var error = Assert.Throws<AtelierException>(() => InputSource.FromFile("/nonexistent/list"));

        Assert.StartsWith("Cannot read input file '/nonexistent/list':", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Combine(params InputSource[] sources) => [.. JobInputs.Combine(sources).Select(values => string.Join(' ', values))];

    private sealed class EndlessReader : TextReader
    {
        public override string ReadLine() => "x";
    }
}
