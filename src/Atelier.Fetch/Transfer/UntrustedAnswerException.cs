using Atelier.Work;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// An answer failed a check (<see cref="Lie"/>): nothing of it is kept, and the source is not trusted for this file
/// any more. The message names the lie: <c>the server answered bytes 4,096-... to a request for bytes 0-...</c>.
/// </summary>
internal sealed class UntrustedAnswerException(Lie lie, string message, bool spoiled = false) : WorkItemException(message)
{
    public Lie Lie { get; } = lie;

    /// <summary>
    /// Whether bytes already written may be wrong (found only after they were: a seam, a digest, a body running past
    /// its length), so that the file must start again whatever other sources remain.
    /// </summary>
    public bool Spoiled { get; } = spoiled;
}
