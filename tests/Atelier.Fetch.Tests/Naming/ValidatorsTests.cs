using Atelier.Fetch.Naming;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests.Naming;

/// <summary>The --newer manifest: what one run keeps is what the next run asks with.</summary>
public sealed class ValidatorsTests
{
    [Fact]
    public void SaveThenLoad_KeepsNameETagAndLastModified_OnlyForFilesStillThere()
    {
        using var folder = new TempFolder();
        var modified = new DateTimeOffset(2026, 11, 10, 12, 30, 5, TimeSpan.Zero);
        var kept = Validators.Load(folder.Path);
        kept.Keep("http://a.example/x.bin", new Validators.Entry("x.bin", "\"v1\"", modified));
        kept.Keep("http://a.example/y.bin", new Validators.Entry("y.bin", null, null));
        kept.Keep("http://a.example/gone.bin", new Validators.Entry("gone.bin", "W/\"w\"", null));
        kept.Save();
        File.WriteAllText(Path.Combine(folder.Path, "x.bin"), "x");
        File.WriteAllText(Path.Combine(folder.Path, "y.bin"), "y");

        var loaded = Validators.Load(folder.Path);

        Assert.Equal(new Validators.Entry("x.bin", "\"v1\"", modified), loaded.For("http://a.example/x.bin", folder.Path));
        Assert.Equal(new Validators.Entry("y.bin", null, null), loaded.For("http://a.example/y.bin", folder.Path));
        Assert.Null(loaded.For("http://a.example/gone.bin", folder.Path));
        Assert.Null(loaded.For("http://a.example/never.bin", folder.Path));
    }

    [Fact]
    public void Load_MalformedLines_AreSkippedAndAnUnreadableDateIsNone()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, Validators.FileName), string.Join('\n',
            "http://a.example/ok\tok.bin\t\"e\"\tnot a date",
            "http://a.example/short\tshort.bin\t\"e\"",
            "http://a.example/long\tlong.bin\t\"e\"\tTue, 10 Nov 2026 12:30:05 GMT\textra",
            "http://a.example/noname\t\t\"e\"\tTue, 10 Nov 2026 12:30:05 GMT",
            ""));
        foreach (var name in new[] { "ok.bin", "short.bin", "long.bin" })
        {
            File.WriteAllText(Path.Combine(folder.Path, name), name);
        }

        var loaded = Validators.Load(folder.Path);

        Assert.Equal(new Validators.Entry("ok.bin", "\"e\"", null), loaded.For("http://a.example/ok", folder.Path));
        Assert.Null(loaded.For("http://a.example/short", folder.Path));
        Assert.Null(loaded.For("http://a.example/long", folder.Path));
        Assert.Null(loaded.For("http://a.example/noname", folder.Path));
    }
}
