using System.Text.RegularExpressions;
using Atelier.Jobs.Inputs;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Inputs;

/// <summary>Records cut into columns (--colsep, --csv) and a header naming them.</summary>
public sealed class InputFormatTests
{
    private static readonly InputFormat Tabs = new() { ColumnSeparator = new Regex("\t") };
    private static readonly InputFormat Csv = new() { Csv = ',' };

    [Fact]
    public void ColumnSeparator_EachColumnIsAValue() =>
        Assert.Equal([["a", "b", "c"], ["d", "", "f"]], Rows(InputSource.FromReader(new StringReader("a\tb\tc\nd\t\tf\n"), Tabs)));

    [Fact]
    public void ColumnSeparator_IsARegularExpression() =>
        Assert.Equal([["a", "b", "c"]], Rows(InputSource.FromValues(["a, b ,c"], new InputFormat { ColumnSeparator = new Regex(@"\s*,\s*") })));

    [Fact]
    public void Csv_QuotedFieldsHoldSeparatorsQuotesAndNewlines() =>
        Assert.Equal(
            [["a, b", "1"], ["two\nlines", "2"], ["say \"hi\"", ""]],
            Rows(InputSource.FromReader(new StringReader("\"a, b\",1\n\"two\nlines\",2\n\"say \"\"hi\"\"\",\n"), Csv)));

    [Fact]
    public void Csv_UnclosedQuote_IsOneLineNamingTheLineItStartsOn()
    {
        var source = InputSource.FromReader(new StringReader("a,b\n\"c,d\ne,f\n"), Csv, name: "table.csv");

        var error = Assert.Throws<AtelierException>(() => Rows(source));

        Assert.Equal("table.csv, line 2: a quoted field is not closed (a \" with no \" after it).", error.Message);
    }

    [Fact]
    public void Csv_ReadFailing_IsOneLineNamingTheInput()
    {
        var source = InputSource.FromReader(new FailingReader(), Csv, name: "table.csv");

        var error = Assert.Throws<AtelierException>(() => Rows(source));

        Assert.Equal("Reading input 'table.csv' failed: the disk went away", error.Message);
    }

    [Fact]
    public void Header_NamesTheColumnsAndIsNotAJob_FromAFileEachTimeItIsRead()
    {
        using var folder = new TempFolder();
        var source = InputSource.FromFile(folder.Write("t.csv", "name,size\na,1\nb,2\n"), Csv with { Header = true });

        Assert.Equal(["name", "size"], source.Header);
        Assert.Equal([["a", "1"], ["b", "2"]], Rows(source));
        Assert.Equal([["a", "1"], ["b", "2"]], Rows(source));
    }

    [Fact]
    public void Header_FromAReaderIsTakenOnce()
    {
        var source = InputSource.FromReader(new StringReader("x\ty\n1\t2\n"), Tabs with { Header = true });

        Assert.Equal(["x", "y"], source.Header);
        Assert.Equal([["1", "2"]], Rows(source));
    }

    [Fact]
    public void Columns_OfLinkedSources_FollowEachOther() =>
        Assert.Equal(
            [["a", "b", "1"], ["c", "d", "2"]],
            JobInputs.Combine([InputSource.FromValues(["a,b", "c,d"], Csv), InputSource.FromValues(["1", "2"], linkedToPrevious: true)]));

    private static List<IReadOnlyList<string>> Rows(InputSource source) => [.. JobInputs.Combine([source])];

    private sealed class FailingReader : TextReader
    {
        public override int Read(char[] buffer, int index, int count) => throw new IOException("the disk went away");

        public override int Read(Span<char> buffer) => throw new IOException("the disk went away");
    }
}
