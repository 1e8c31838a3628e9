using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Atelier.Processes;

/// <summary>The program a <see cref="ProcessPool{TRequest, TResponse}"/> starts for each worker.</summary>
/// <remarks>
/// The program must speak the worker protocol on its standard input and output; a .NET program does so by
/// calling <see cref="ProcessWorkerHost"/>. Arguments are passed as they are, never through a shell.
/// </remarks>
public sealed class WorkerProgram
{
    /// <summary>Describes a program and its arguments.</summary>
    public WorkerProgram(string fileName, params IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        FileName = fileName;
        Arguments = [.. arguments];
    }

    /// <summary>The executable.</summary>
    public string FileName { get; }

    /// <summary>The arguments, each passed as one argument.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The running program itself, with other arguments: how a tool starts its own worker mode.</summary>
    /// <remarks>When the program runs under the <c>dotnet</c> host, the host is started with the entry assembly.</remarks>
    /// <exception cref="AtelierException">The path of the running program is unknown.</exception>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "The entry assembly's location is read only under the dotnet host; a single-file or native program is its own process path.")]
    public static WorkerProgram ForCurrentProcess(params IEnumerable<string> arguments)
    {
        var path = Environment.ProcessPath
            ?? throw new AtelierException("The path of the running program is unknown, so it cannot start workers of itself.");
        if (!string.Equals(Path.GetFileNameWithoutExtension(path), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return new WorkerProgram(path, arguments);
        }

        var entry = Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(entry))
        {
            throw new AtelierException("The entry assembly of the running program is unknown, so it cannot start workers of itself.");
        }

        return new WorkerProgram(path, [entry, .. arguments]);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}
