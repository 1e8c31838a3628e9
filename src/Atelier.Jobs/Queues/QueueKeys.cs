namespace Atelier.Jobs.Queues;

/// <summary>The Redis keys of one queue, all starting with its name.</summary>
internal sealed class QueueKeys(string name)
{
    /// <summary>The consumer group every worker reads the job stream through.</summary>
    public const string Group = "atelier-workers";

    /// <summary>The stream of jobs.</summary>
    public string Jobs { get; } = name;

    /// <summary>Jobs that kept taking workers down, with the reason.</summary>
    public string DeadLetters { get; } = $"{name}:dead";

    /// <summary>How many jobs workers finished with success, and without.</summary>
    public string Succeeded { get; } = $"{name}:succeeded";

    public string Failed { get; } = $"{name}:failed";

    /// <summary>When the counters started: the first time a producer, worker or status met the queue (ISO 8601, UTC).</summary>
    public string Since { get; } = $"{name}:since";

    /// <summary>The stream a run's producer reads its results from.</summary>
    public string Results(string run) => $"{Jobs}:results:{run}";

    /// <summary>The channel an interrupted run is announced on, for workers to stop its running jobs.</summary>
    public string StopChannel { get; } = $"{name}:stop";

    /// <summary>Set while an interrupted run's jobs must not start, wherever they still are (a day at most).</summary>
    public string Stopped(string run) => $"{Jobs}:stopped:{run}";

    /// <summary>With a secret: the entry a job was first taken from, so that a copy of it (a replay) never runs too.</summary>
    public string Taken(string id) => $"{Jobs}:taken:{id}";
}
