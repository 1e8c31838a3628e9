namespace Atelier.Cli;

/// <summary>Runtime settings that suit one command's whole process, applied before it starts.</summary>
internal static class ProcessTuning
{
    private const string InlineSocketCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <remarks>
    /// <c>fetch</c>: socket completions run their continuations on the socket event threads (one per core) instead of
    /// being handed to the thread pool, the way curl and wget2 drive every transfer from one event loop. What those
    /// continuations do is short (parse a response, write a chunk to the page cache), and the hand-off it saves, twice
    /// per small file, was a fifth of the time of 10,000 small downloads. .NET reads the setting from the environment
    /// when the first socket opens; one the user set is left alone.
    /// </remarks>
    public static void Apply(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] == "fetch" && Environment.GetEnvironmentVariable(InlineSocketCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineSocketCompletions, "1");
        }
    }
}
