using System.IO.Hashing;
using System.Text;
using Atelier.Jobs.Pipes;
using Atelier.Jobs.Templates;

namespace Atelier.Jobs.Running;

/// <summary>One run of the template: its number, its values and the command they make.</summary>
public sealed class Job
{
    private ulong? hash;

    internal Job(long sequence, IReadOnlyList<string> values, string[] arguments, string commandLine, JobInput? input = null)
    {
        Sequence = sequence;
        Values = values;
        Arguments = arguments;
        CommandLine = commandLine;
        Input = input;
    }

    /// <summary>The job number in input order, from 1 (<c>{#}</c>).</summary>
    public long Sequence { get; }

    /// <summary>The job's value from each input source.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The argument vector: the program, then its arguments.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>What it reads on stdin (<c>--pipe</c>); null for /dev/null.</summary>
    public JobInput? Input { get; }

    /// <summary>The command as one line (see <see cref="CommandTemplate.Display"/>); what the job log records.</summary>
    public string CommandLine { get; }

    /// <summary>A 64-bit hash of <see cref="CommandLine"/>, by which a resumed run recognises a job it already ran.</summary>
    public ulong CommandHash => hash ??= HashCommand(CommandLine);

    /// <summary>The hash <see cref="CommandHash"/> gives a command line.</summary>
    public static ulong HashCommand(string commandLine) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(commandLine));

    /// <inheritdoc />
    public override string ToString() => $"#{Sequence} {CommandLine}";
}
