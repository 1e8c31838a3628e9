using System.Text;
using Atelier.Processes;
using Atelier.TestWorker;

namespace Atelier.Tests.Processes;

public sealed class WorkerProtocolTests
{
    [Fact]
    public void Body_ThenParse_RoundTripsIdAndBody()
    {
        var line = Encoding.UTF8.GetString(WorkerProtocol.Body(42, new TestRequest("square", 7), TestMessagesContext.Default.TestRequest).Span);

        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        using var message = WorkerProtocol.Parse(line.TrimEnd('\n'));
        Assert.Equal((42L, false, null), (message.Id, message.IsStop, message.Error));
        Assert.Equal(new TestRequest("square", 7), System.Text.Json.JsonSerializer.Deserialize(message.Body, TestMessagesContext.Default.TestRequest));
    }

    [Fact]
    public void Parse_StopAndError_AreRecognised()
    {
        using var stop = WorkerProtocol.Parse(Encoding.UTF8.GetString(WorkerProtocol.Stop.Span).TrimEnd());
        using var error = WorkerProtocol.Parse(Encoding.UTF8.GetString(WorkerProtocol.Error(3, "it broke").Span).TrimEnd());

        Assert.True(stop.IsStop);
        Assert.Equal((3L, "it broke"), (error.Id, error.Error));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("{\"body\":1}")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":\"seven\"}")]
    public void Parse_NotAMessage_ThrowsAProtocolErrorQuotingTheLine(string line)
    {
        var error = Assert.Throws<WorkerProtocolException>(() => WorkerProtocol.Parse(line));

        Assert.Contains(line, error.Message, StringComparison.Ordinal);
    }
}
