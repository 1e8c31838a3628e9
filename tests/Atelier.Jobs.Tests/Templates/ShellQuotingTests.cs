using System.Diagnostics;
using Atelier.Jobs.Templates;

namespace Atelier.Jobs.Tests.Templates;

public sealed class ShellQuotingTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("a b")]
    [InlineData("it's")]
    [InlineData("'")]
    [InlineData("$HOME `id` $(id) \\n")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("*?[]{}~#!&|;<>()")]
    [InlineData("")]
    public async Task Quote_ShReadsBackTheSameText(string text)
    {
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"printf %s {ShellQuoting.Quote(text)}"]) { RedirectStandardOutput = true })!;
        var output = await shell.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(text, output);
    }
}
