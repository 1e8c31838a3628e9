using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atelier.TestWorker;

/// <summary>What a test asks the worker to do with <see cref="Value"/>.</summary>
public sealed record TestRequest(string Action, long Value = 0, int DelayMs = 0);

/// <summary>The worker's answer, and who answered.</summary>
public sealed record TestResponse(long Value, int ProcessId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TestRequest))]
[JsonSerializable(typeof(TestResponse))]
public sealed partial class TestMessagesContext : JsonSerializerContext;
