using System.CommandLine;

namespace Atelier.Cli.Batch;

/// <summary>The options of a command that runs a batch: its own, and the three every batch command spells the same.</summary>
internal interface IBatchCommandLine
{
    /// <summary>Every argument and option, in the order the help shows them.</summary>
    IEnumerable<Symbol> All { get; }

    /// <summary><c>-q, --quiet</c>: no progress on stderr.</summary>
    Option<bool> Quiet { get; }

    /// <summary><c>--json</c>: a JSON line per result on stdout instead of the table.</summary>
    Option<bool> Json { get; }

    /// <summary><c>--report FILE.jsonl</c>.</summary>
    Option<string?> Report { get; }
}
