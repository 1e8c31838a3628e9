namespace Atelier.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; false if it never does within the timeout.</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return condition();
    }

    /// <summary>Polls until <paramref name="read"/> gives a value that is not the default; fails when none comes within the timeout.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (!EqualityComparer<T>.Default.Equals(value, default))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException("the value never came");
            }

            await Task.Delay(10);
        }
    }
}
