namespace Atelier.Cli.Commands.Monitor;

/// <summary>How samples are written to stdout.</summary>
internal enum SampleFormat
{
    /// <summary>A live view on a terminal; nothing per sample on stdout.</summary>
    Live,

    /// <summary>One line per sample, as the chapter's monitor printed.</summary>
    Plain,

    /// <summary>One JSON object per sample.</summary>
    Json,

    /// <summary>CSV with a header.</summary>
    Csv,
}
