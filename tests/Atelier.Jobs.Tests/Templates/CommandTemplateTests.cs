using Atelier.Jobs.Templates;
namespace Atelier.Jobs.Tests.Templates;

public sealed class CommandTemplateTests
{
    [Theory]
    [InlineData("{}", "dir.d/photo.tar.gz")]
    [InlineData("{.}", "dir.d/photo.tar")]
    [InlineData("{/}", "photo.tar.gz")]
    [InlineData("{//}", "dir.d")]
    [InlineData("{/.}", "photo.tar")]
    [InlineData("{#}", "7")]
    [InlineData("{%}", "2")]
    [InlineData("x{}y", "xdir.d/photo.tar.gzy")]
    [InlineData("{/.}.png", "photo.tar.png")]
    [InlineData("{a}{}", "{a}dir.d/photo.tar.gz")]
    [InlineData("{0}{}", "{0}dir.d/photo.tar.gz")]
    public void Expand_OneSource_ReplacesThePlaceholder(string word, string expected)
    {
        var template = CommandTemplate.Parse(["echo", word]);

        var arguments = template.Expand(["dir.d/photo.tar.gz"], sequence: 7, slot: 2);

        Assert.Equal(["echo", expected], arguments);
    }

    [Theory]
    [InlineData("file", "{.}", "file")]
    [InlineData(".bashrc", "{.}", ".bashrc")]
    [InlineData("a.b/c", "{.}", "a.b/c")]
    [InlineData("file", "{//}", ".")]
    [InlineData("/file", "{//}", "/")]
    [InlineData("/a/b/c.txt", "{//}", "/a/b")]
    [InlineData("/a/b/c.txt", "{/}", "c.txt")]
    public void Expand_PathEdges_FollowGnuParallel(string value, string word, string expected) =>
        Assert.Equal(expected, CommandTemplate.Parse(["echo", word]).Expand([value], 1, 1)[1]);

    [Fact]
    public void Expand_NumberedSources_PickTheirValues()
    {
        var template = CommandTemplate.Parse(["cp", "{1}", "out/{2/.}-{1.}.jpg"]);

        Assert.Equal(["cp", "a.png", "out/c-a.jpg"], template.Expand(["a.png", "b/c.txt"], 1, 1));
        Assert.Equal(2, template.HighestSource);
    }

    [Fact]
    public void Expand_BareBracesWithSeveralValues_GiveOneArgumentEach_TheWordsTextBeforeTheFirstAndAfterTheLast()
    {
        var template = CommandTemplate.Parse(["echo", "{}", "[{}]", "{}-{}"]);

        Assert.Equal(["echo", "a b", "1", "[a b", "1]", "a b", "1-a b", "1"], template.Expand(["a b", "1"], 1, 1));
    }

    [Fact]
    public void Expand_ContextReplace_RepeatsTheWordForEachValue()
    {
        var template = CommandTemplate.Parse(["echo", "x{}y", "{#}-{/}", "{1}"], contextReplace: true);

        Assert.Equal(["echo", "xay", "xb/cy", "2-a", "2-c", "a"], template.Expand(["a", "b/c"], 2, 1));
    }

    [Fact]
    public void Expand_ContextReplaceWithShell_RepeatsTheWordQuotingEachValue()
    {
        var template = CommandTemplate.Parse(["echo", "x{}y"], useShell: true, contextReplace: true);

        Assert.Equal("echo x'a b'y xcy", template.Expand(["a b", "c"], 1, 1)[2]);
    }

    [Fact]
    public void Expand_NoPlaceholder_AppendsTheValues()
    {
        Assert.Equal(["gzip", "-9", "a b", "c"], CommandTemplate.Parse(["gzip", "-9"]).Expand(["a b", "c"], 1, 1));
        Assert.Equal(["/bin/sh", "-c", "gzip -9 'a b' c"], CommandTemplate.Parse(["gzip -9"], useShell: true).Expand(["a b", "c"], 1, 1));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("it's")]
    [InlineData("$(touch pwned)")]
    [InlineData("`touch pwned`")]
    [InlineData("a; rm -rf /")]
    [InlineData("line\nbreak")]
    [InlineData("-rf")]
    public void Expand_WithoutShell_KeepsAValueInsideItsWord(string value)
    {
        var arguments = CommandTemplate.Parse(["printf", "%s", "<{}>"]).Expand([value], 1, 1);

        Assert.Equal(["printf", "%s", $"<{value}>"], arguments);
    }

    [Theory]
    [InlineData("a b", "echo 'a b'")]
    [InlineData("it's", @"echo 'it'\''s'")]
    [InlineData("$(id)", "echo '$(id)'")]
    [InlineData("plain-file.txt", "echo plain-file.txt")]
    [InlineData("", "echo ''")]
    public void Expand_WithShell_QuotesEachValue(string value, string script)
    {
        Assert.Equal(["/bin/sh", "-c", script], CommandTemplate.Parse(["echo", "{}"], useShell: true).Expand([value], 1, 1));
    }

    [Fact]
    public void Expand_WithShell_LeavesTheTemplateAsShellCode()
    {
        var template = CommandTemplate.Parse(["gunzip -c {} | wc -l > {.}.count"], useShell: true);

        Assert.Equal("gunzip -c 'my file.gz' | wc -l > 'my file'.count", template.Expand(["my file.gz"], 1, 1)[2]);
    }

    [Fact]
    public void Expand_ValueTheJobLacks_IsLeftOut()
    {
        Assert.Equal(["echo", "a", "xy"], CommandTemplate.Parse(["echo", "{1}", "{3}", "x{3}y"]).Expand(["a", "b"], 1, 1));
        Assert.Equal("echo a x''y", CommandTemplate.Parse(["echo", "{1}", "{3}", "x{3}y"], useShell: true).Expand(["a", "b"], 1, 1)[2]);
    }

    [Fact]
    public void Program_IsTheFirstWordUnlessItHasAPlaceholder()
    {
        Assert.Equal("convert", CommandTemplate.Parse(["convert", "{}"]).Program);
        Assert.Null(CommandTemplate.Parse(["{}", "--version"]).Program);
        Assert.Equal("/bin/sh", CommandTemplate.Parse(["{}"], useShell: true).Program);
    }

    [Fact]
    public void Display_QuotesArgumentsThatNeedIt()
    {
        var template = CommandTemplate.Parse(["echo", "{}"]);

        Assert.Equal("echo 'a b'", template.Display(template.Expand(["a b"], 1, 1)));
        Assert.Equal(@"echo 'it'\''s'", template.Display(template.Expand(["it's"], 1, 1)));
    }
}
