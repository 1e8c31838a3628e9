using System.Collections.Concurrent;
using System.Runtime.Versioning;

namespace Atelier.Jobs.Running;

/// <summary>Finds a program as a shell would: a name with a slash as is, any other name in the directories of PATH.</summary>
[SupportedOSPlatform("linux")]
internal sealed class ProgramLocator
{
    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private readonly ConcurrentDictionary<string, string> found = new(StringComparer.Ordinal);
    private readonly string[] directories;

    public ProgramLocator(string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";

        // An empty entry in PATH means the current directory, as in a shell.
        directories = [.. path.Split(':').Select(d => d.Length == 0 ? "." : d)];
    }

    /// <summary>The path to start for <paramref name="program"/>.</summary>
    /// <exception cref="JobStartException">No directory in PATH has an executable of that name.</exception>
    public string Find(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return program;
        }

        if (found.TryGetValue(program, out var path))
        {
            return path;
        }

        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & Executable) != 0)
            {
                return found[program] = candidate;
            }
        }

        throw new JobStartException($"command '{program}' not found in PATH");
    }
}
