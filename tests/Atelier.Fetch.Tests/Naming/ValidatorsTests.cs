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

    [Fact]
    public void Save_MergesThisRunsEntriesIntoTheSavedLines_SortedAndOneLinePerUrl()
    {
        using var folder = new TempFolder();
        var manifest = Path.Combine(folder.Path, Validators.FileName);
        File.WriteAllText(manifest, string.Join('\n',
            "http://a.example/c\tc.bin\t\"c1\t",
            "http://a.example/a\ta.bin\t\"a1\"\t",
            "http://a.example/b\tb.bin\t\"b1\"\t",
            "not a manifest line",
            "http://a.example/a\ta.bin\t\"a2\"\t",
            ""));
        var validators = Validators.Load(folder.Path);
        validators.Keep("http://a.example/b", new Validators.Entry("b.bin", "\"b2\"", null));
        validators.Keep("http://a.example/d", new Validators.Entry("d.bin", null, null));
        validators.Save();
        validators.Keep("http://a.example/0", new Validators.Entry("0.bin", null, null));
        validators.Save();

        // A hand-written file may be out of order and repeat a URL: the later line wins, an unreadable one is dropped.
        Assert.Equal(
            [
                "http://a.example/0\t0.bin\t\t",
                "http://a.example/a\ta.bin\t\"a2\"\t",
                "http://a.example/b\tb.bin\t\"b2\"\t",
                "http://a.example/c\tc.bin\t\"c1\t",
                "http://a.example/d\td.bin\t\t",
            ],
            File.ReadAllLines(manifest));
        foreach (var name in new[] { "a.bin", "b.bin", "c.bin" })
        {
            File.WriteAllText(Path.Combine(folder.Path, name), name);
        }

        var loaded = Validators.Load(folder.Path);
        Assert.Equal("\"a2\"", loaded.For("http://a.example/a", folder.Path)?.ETag);
        Assert.Equal("\"b2\"", loaded.For("http://a.example/b", folder.Path)?.ETag);
        Assert.Equal("\"c1", loaded.For("http://a.example/c", folder.Path)?.ETag);
        Assert.Null(loaded.For("http://a.example/b2", folder.Path));
        Assert.Null(loaded.For("http://a.example/", folder.Path));
    }

    [Fact]
    public void For_AManifestOfManyUrls_FindsEachOneWithCrLfLineEnds()
    {
        using var folder = new TempFolder();
        var urls = Enumerable.Range(0, 1000).Select(i => $"http://h{i % 7}.example/{i}").ToList();
        File.WriteAllText(Path.Combine(folder.Path, Validators.FileName), string.Concat(urls.Select((url, i) => $"{url}\tf.bin\t\"{i}\"\t\r\n")));
        File.WriteAllText(Path.Combine(folder.Path, "f.bin"), "f");

        var loaded = Validators.Load(folder.Path);

        Assert.All(urls.Select((url, i) => (url, i)), pair => Assert.Equal($"\"{pair.i}\"", loaded.For(pair.url, folder.Path)?.ETag));
        Assert.Null(loaded.For("http://h0.example/1", folder.Path));
    }
}
