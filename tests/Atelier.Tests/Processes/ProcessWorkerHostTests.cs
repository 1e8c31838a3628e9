using System.Text;
using Atelier.Processes;
using Atelier.TestWorker;

namespace Atelier.Tests.Processes;

public sealed class ProcessWorkerHostTests
{
    [Fact]
    public async Task RunAsync_AnswersEachRequestInTurnAndStopsAtTheStopMessage()
    {
        var (code, answers, diagnostics) = await ServeAsync(
            """{"id":1,"body":{"action":"square","value":3}}""",
            """{"id":2,"body":{"action":"throw","value":5}}""",
            """{"stop":true}""",
            """{"id":3,"body":{"action":"square","value":4}}""");

        Assert.Equal(ProcessWorkerHost.StoppedExitCode, code);
        Assert.Equal(
            [
                """{"id":1,"body":{"value":9,"processId":""" + Environment.ProcessId + "}}",
                """{"id":2,"error":"FormatException: \u00275\u0027 is not accepted"}""",
            ],
            answers);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task RunAsync_InputEndsWithoutStop_ExitsAsStopped()
    {
        var (code, answers, _) = await ServeAsync("""{"id":1,"body":{"action":"square","value":2}}""");

        Assert.Equal(ProcessWorkerHost.StoppedExitCode, code);
        Assert.Single(answers);
    }

    [Fact]
    public async Task RunAsync_NotAMessage_ExitsWithAProtocolErrorAndSaysWhy()
    {
        var (code, answers, diagnostics) = await ServeAsync("hello", """{"id":1,"body":{"action":"square","value":2}}""");

        Assert.Equal(ProcessWorkerHost.ProtocolErrorExitCode, code);
        Assert.Empty(answers);
        Assert.Contains("not a protocol message: 'hello'", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BodyOfTheWrongShape_IsAnsweredAsAnErrorForThatRequest()
    {
        var (code, answers, _) = await ServeAsync("""{"id":7,"body":{"action":"square","value":"many"}}""", """{"stop":true}""");

        Assert.Equal(ProcessWorkerHost.StoppedExitCode, code);
        Assert.StartsWith("""{"id":7,"error":"JsonException:""", Assert.Single(answers), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string[] Answers, string Diagnostics)> ServeAsync(params string[] lines)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        using var output = new MemoryStream();
        using var diagnostics = new StringWriter();
        var code = await ProcessWorkerHost.RunAsync(
            static (TestRequest request, CancellationToken _) => request.Action == "throw"
                ? throw new FormatException($"'{request.Value}' is not accepted")
                : ValueTask.FromResult(new TestResponse(request.Value * request.Value, Environment.ProcessId)),
            TestMessagesContext.Default.TestRequest,
            TestMessagesContext.Default.TestResponse,
            input,
            output,
            diagnostics,
            TestContext.Current.CancellationToken);
        var answers = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (code, answers, diagnostics.ToString());
    }
}
