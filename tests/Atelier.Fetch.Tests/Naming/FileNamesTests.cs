using System.Net.Http.Headers;
using Atelier.Fetch.Naming;

namespace Atelier.Fetch.Tests.Naming;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\boot.ini", "boot.ini")]
    [InlineData("/absolute/name.txt", "name.txt")]
    [InlineData("..", null)]
    [InlineData(".", null)]
    [InlineData("dir/", "dir")]
    [InlineData("bell\u0007and\nnewline.txt", "bellandnewline.txt")]
    [InlineData("trailing dots...", "trailing dots")]
    [InlineData("   ", null)]
    [InlineData(".hidden", ".hidden")]
    public void Sanitize_KeepsNamesInsideTheFolder(string name, string? expected) => Assert.Equal(expected, FileNames.Sanitize(name));

    [Fact]
    public void Sanitize_VeryLongName_IsCutTo200BytesKeepingTheExtension()
    {
        var name = FileNames.Sanitize(new string('é', 300) + ".tar.gz")!;

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) <= 200);
        Assert.EndsWith("é.gz", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/files/My%20Report.pdf?x=1", "My Report.pdf")]
    [InlineData("https://example.com/", null)]
    [InlineData("https://example.com/a/%2E%2E", null)]
    [InlineData("https://example.com/a/..%2Fetc%2Fpasswd", "passwd")]
    public void FromUrl_DecodesTheLastSegment(string url, string? expected) => Assert.Equal(expected, FileNames.FromUrl(new Uri(url)));

    [Theory]
    [InlineData("attachment; filename=\"plain.txt\"", "plain.txt")]
    [InlineData("attachment; filename*=UTF-8''%E2%82%AC%20rates.csv; filename=\"rates.csv\"", "€ rates.csv")]
    [InlineData("inline", null)]
    public void FromContentDisposition_PrefersTheEncodedName(string header, string? expected) =>
        Assert.Equal(expected, FileNames.FromContentDisposition(ContentDispositionHeaderValue.Parse(header)));

    [Theory]
    [InlineData("report.pdf", 1, "report.1.pdf")]
    [InlineData("archive.tar.gz", 2, "archive.tar.2.gz")]
    [InlineData("README", 3, "README.3")]
    [InlineData(".bashrc", 1, ".bashrc.1")]
    public void Numbered_PutsTheCounterBeforeTheExtension(string name, int number, string expected) =>
        Assert.Equal(expected, FileNames.Numbered(name, number));
}
