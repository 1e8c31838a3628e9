namespace Atelier.Jobs.Running;

/// <summary>Receives one whole line a job wrote, with its newline (the last line of a job may lack one).</summary>
/// <param name="job">The job that wrote it.</param>
/// <param name="standardError">True for stderr, false for stdout.</param>
/// <param name="line">The line's bytes; valid only during the call.</param>
public delegate void JobLineHandler(Job job, bool standardError, ReadOnlySpan<byte> line);
