namespace Atelier.Tests.Support;

/// <summary>One redis-server for a test class (xunit class fixture); each test takes a queue name of its own.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? server;

    internal RedisServer Server => server ?? throw new InvalidOperationException("The Redis fixture has not started.");

    public async ValueTask InitializeAsync() => server = await RedisServer.StartAsync();

    public ValueTask DisposeAsync()
    {
        server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
