using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Dashboard;

/// <summary>
/// Debian's Chromium, headless, opened on one page and driven over the DevTools protocol (a WebSocket): enough to
/// evaluate an expression in the page as a user's browser runs it.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process process;
    private readonly TempFolder profile;
    private readonly ClientWebSocket socket = new();
    private int nextId;

    private HeadlessChromium(Process process, TempFolder profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>Opens <paramref name="page"/>; fails, never skips, when Chromium is not installed (.ci/run installs it).</summary>
    public static async Task<HeadlessChromium> OpenAsync(Uri page, CancellationToken cancellationToken)
    {
        var executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium (.ci/run does it).");
        var profile = new TempFolder();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                "--remote-debugging-port=0", $"--user-data-dir={profile.Path}", page.ToString(),
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync(page, cancellationToken);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var id = ++nextId;
        var request = new JsonObject
        {
            ["id"] = id,
            ["method"] = "Runtime.evaluate",
            ["params"] = new JsonObject { ["expression"] = expression, ["returnByValue"] = true },
        };
        await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        while (true)
        {
            var message = await ReceiveAsync(cancellationToken);
            if (message["id"]?.GetValue<int>() != id)
            {
                continue;
            }

            if (message["result"]?["exceptionDetails"] is { } exception)
            {
                throw new InvalidOperationException($"The page threw evaluating {expression}: {exception.ToJsonString()}");
            }

            return message["result"]?["result"]?["value"];
        }
    }

    /// <summary>Polls the page until the JavaScript <paramref name="condition"/> is true; fails after 20 s.</summary>
    public async Task WaitUntilAsync(string condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await EvaluateAsync($"Boolean({condition})", cancellationToken) is JsonValue value && value.GetValue<bool>())
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"The page never held: {condition}");
    }

    public async ValueTask DisposeAsync()
    {
        socket.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
        profile.Dispose();
    }

    private async Task ConnectAsync(Uri page, CancellationToken cancellationToken)
    {
        // Chromium writes the port it chose, then the browser's path, into the profile once it listens.
        var portFile = Path.Combine(profile.Path, "DevToolsActivePort");
        if (!await Eventually.HoldsAsync(() => File.Exists(portFile) && File.ReadAllLines(portFile).Length >= 2 || process.HasExited, TimeSpan.FromSeconds(30))
            || process.HasExited)
        {
            throw new InvalidOperationException($"Chromium did not start its DevTools endpoint (exited: {process.HasExited}).");
        }

        var port = int.Parse(File.ReadAllLines(portFile)[0], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient();
        string? target = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (target is null && DateTime.UtcNow < deadline)
        {
            var list = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list"), cancellationToken))!.AsArray();
            target = list.FirstOrDefault(t => (string?)t!["type"] == "page" && ((string?)t["url"])?.StartsWith(page.GetLeftPart(UriPartial.Query), StringComparison.Ordinal) == true)
                ?["webSocketDebuggerUrl"]?.GetValue<string>();
            if (target is null)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        await socket.ConnectAsync(new Uri(target ?? throw new InvalidOperationException($"Chromium never opened {page}.")), cancellationToken);
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("Chromium closed the DevTools connection.");
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(message.ToArray())!;
    }
}
