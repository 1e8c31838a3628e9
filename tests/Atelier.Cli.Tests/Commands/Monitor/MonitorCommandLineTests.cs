using System.CommandLine;
using Atelier.Cli.Commands.Monitor;

namespace Atelier.Cli.Tests.Commands.Monitor;

/// <summary>How monitor's options become the sampling options: --top's default depends on what shows processes.</summary>
public sealed class MonitorCommandLineTests
{
    [Theory]
    [InlineData("", true, MonitorCommandLine.ShownProcesses)]
    [InlineData("", false, 0)]
    [InlineData("--top 0", true, 0)]
    [InlineData("--top 3", false, 3)]
    [InlineData("--top 12", true, 12)]
    public void SamplingOptions_TopDefaultsToFiveOnlyWhereAViewShowsProcesses(string args, bool showsProcesses, int expected)
    {
        var line = new MonitorCommandLine();
        var command = new Command("monitor");
        foreach (var option in line.All.OfType<Option>())
        {
            command.Options.Add(option);
        }

        var parse = command.Parse(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Empty(parse.Errors);
        Assert.Equal(expected, line.SamplingOptions(parse, showsProcesses).TopProcesses);
    }

    [Fact]
    public void SamplingOptions_SensorsAndPerCore_AreOffUnlessGiven()
    {
        var line = new MonitorCommandLine();
        var command = new Command("monitor");
        foreach (var option in line.All.OfType<Option>())
        {
            command.Options.Add(option);
        }

        var plain = line.SamplingOptions(command.Parse([]));
        var asked = line.SamplingOptions(command.Parse(["--sensors", "--per-core"]));

        Assert.Equal((false, false), (plain.EachSensor, plain.PerCore));
        Assert.Equal((true, true), (asked.EachSensor, asked.PerCore));
    }

    [Theory]
    [InlineData("--serve", "127.0.0.1:9100")]
    [InlineData("--serve --duration 2s", "127.0.0.1:9100")]
    [InlineData("--serve 9200", "127.0.0.1:9200")]
    [InlineData("--serve 0.0.0.0:9300", "0.0.0.0:9300")]
    public void Serve_WithoutAValue_IsTheDefaultAddress(string args, string expected)
    {
        var line = new MonitorCommandLine();
        var command = new Command("monitor");
        foreach (var option in line.All.OfType<Option>())
        {
            command.Options.Add(option);
        }

        var parse = command.Parse(args.Split(' '));

        Assert.Empty(parse.Errors);
        Assert.Equal(expected, parse.GetValue(line.Serve)?.ToString());
    }
}
