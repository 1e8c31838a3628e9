using Atelier.Work;

namespace Atelier.Processes;

/// <summary>How a <see cref="ProcessPool{TRequest, TResponse}"/> runs: the work pool's settings, and how workers stop.</summary>
/// <remarks><see cref="WorkPoolOptions.MaxDegreeOfParallelism"/> is the number of worker processes.</remarks>
public sealed class ProcessPoolOptions : WorkPoolOptions
{
    private readonly TimeSpan stopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a worker has to exit after its stop message before it is killed.</summary>
    /// <value>5 seconds.</value>
    public TimeSpan StopTimeout
    {
        get => stopTimeout;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            stopTimeout = value;
        }
    }
}
