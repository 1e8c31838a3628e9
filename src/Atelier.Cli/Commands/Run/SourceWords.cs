namespace Atelier.Cli.Commands.Run;

/// <summary>One input source as the command line gave it: values, or a file (<c>-</c> for standard input).</summary>
internal sealed record SourceWords(IReadOnlyList<string>? Values, string? File, bool Linked);
