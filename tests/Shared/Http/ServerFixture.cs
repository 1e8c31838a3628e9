namespace Atelier.Tests.Http;

/// <summary>One misbehaving server for a test class; tests keep apart by using their own names.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public MisbehavingServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await MisbehavingServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
