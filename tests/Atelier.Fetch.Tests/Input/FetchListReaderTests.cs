using Atelier.Fetch.Input;

namespace Atelier.Fetch.Tests.Input;

public sealed class FetchListReaderTests
{
    [Fact]
    public async Task ReadAsync_SkipsBlanksAndCommentsAndReadsTheFields()
    {
        const string list = """
            # downloads for today

            https://example.com/a.iso   sha256=ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789
              https://example.com/b?id=2 out=b.txt
            https://example.com/c out=c.bin sha256=nothex
            https://example.com/d size=5
            not a url
            """;
        var requests = new List<FetchRequest>();
        await foreach (var request in FetchListReader.ReadAsync(new StringReader(list), TestContext.Current.CancellationToken))
        {
            requests.Add(request);
        }

        Assert.Equal(
            [
                new FetchRequest("https://example.com/a.iso", Sha256: "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", Line: 3),
                new FetchRequest("https://example.com/b?id=2", OutName: "b.txt", Line: 4),
                new FetchRequest("https://example.com/c", OutName: "c.bin", Line: 5, Problem: "line 5: sha256 'nothex' is not 64 hexadecimal digits"),
                new FetchRequest("https://example.com/d", Line: 6, Problem: "line 6: 'size=5' is neither a mirror URL, sha256=HEX nor out=NAME"),
                new FetchRequest("not a url", Line: 7, Problem: "line 7: 'not a url' is not a URL (one URL a line, its mirrors, then sha256=HEX or out=NAME)"),
            ],
            requests);
    }

    [Fact]
    public void Parse_TakesTabSeparatedUrlsAsMirrorsOfTheFirst()
    {
        var request = FetchListReader.Parse("http://a.example/f.iso\thttp://b.example/pub/f.iso?x=1\thttps://c.example/f.iso out=f.iso", 9);

        Assert.Equal("http://a.example/f.iso", request.Url);
        Assert.Equal(["http://b.example/pub/f.iso?x=1", "https://c.example/f.iso"], request.Mirrors);
        Assert.Equal("f.iso", request.OutName);
        Assert.Null(request.Problem);
        Assert.Empty(FetchListReader.Parse("http://a.example/f.iso").Mirrors);
    }
}
