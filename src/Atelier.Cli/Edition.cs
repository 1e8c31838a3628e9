using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Atelier.Cli;

/// <summary>
/// Which parts this build of atelier carries. The native tool ships two executables: <c>atelier</c> without the
/// dashboard's web server and the Redis client (so every other command starts in a few milliseconds and megabytes), and
/// <c>atelier-full</c> with everything; the first hands <c>monitor --serve</c> and the queue commands to the second,
/// which takes over the same process with the same arguments. Builds under the JIT carry everything (their code
/// loads only when used), so they never hand over.
/// </summary>
internal static partial class Edition
{
    private const string Switch = "Atelier.Cli.ServerAndQueues";

    /// <summary>The name of the executable that carries everything, beside this one.</summary>
    public const string FullExecutable = "atelier-full";

    /// <summary>Whether this build serves the dashboard and talks to Redis itself; false only in the lean native build.</summary>
    /// <remarks>A feature switch: where the build sets it to false, the compiler drops the code behind it.</remarks>
    [FeatureSwitchDefinition(Switch)]
    public static bool HasServerAndQueues => !AppContext.TryGetSwitch(Switch, out var enabled) || enabled;

    /// <summary>Replaces this process with <see cref="FullExecutable"/>, given the same arguments; returns only on failure.</summary>
    /// <exception cref="AtelierException">The full executable is missing or cannot start.</exception>
    [DoesNotReturn]
    public static void HandOver(string what)
    {
        var path = Path.Combine(AppContext.BaseDirectory, FullExecutable);
        if (!File.Exists(path))
        {
            throw new AtelierException($"{what} needs '{FullExecutable}', which should be beside '{Environment.ProcessPath}': reinstall atelier.");
        }

        Console.Out.Flush();
        Console.Error.Flush();

        // argv[0] stays "atelier", so usage lines and messages read as the command the user typed.
        string?[] argv = [.. Environment.GetCommandLineArgs().Skip(1).Prepend("atelier"), null];
        Exec(path, argv);
        throw new AtelierException($"{what} needs '{path}', which could not start: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Exec(string path, string?[] argv);
}
