using System.Diagnostics;
using Atelier.Processes;
using Atelier.TestWorker;

if (args is ["lab", var lesson])
{
    return await Atelier.Labs.Lessons.Find(lesson)!.ServeWorkerAsync();
}

if (args is ["parent", var count])
{
    return await OrphanParent.RunAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
}

return await ProcessWorkerHost.RunAsync(Handle, TestMessagesContext.Default.TestRequest, TestMessagesContext.Default.TestResponse);

static async ValueTask<TestResponse> Handle(TestRequest request, CancellationToken cancellationToken)
{
    switch (request.Action)
    {
        case "sleep":
            await Task.Delay(request.DelayMs, cancellationToken);
            break;
        case "throw":
            throw new FormatException($"'{request.Value}' is not accepted");
        case "exit":
            Environment.Exit((int)request.Value);
            break;
        case "kill":
            Process.GetCurrentProcess().Kill();
            break;
        case "print":
            Console.WriteLine("stray output that must not reach the protocol");
            break;
        case "linger":
            // A foreground thread keeps the process alive after it leaves its loop: it ignores its stop message.
            new Thread(() => Thread.Sleep(Timeout.Infinite)) { IsBackground = false }.Start();
            break;
    }

    return new TestResponse(request.Value * request.Value, Environment.ProcessId);
}
