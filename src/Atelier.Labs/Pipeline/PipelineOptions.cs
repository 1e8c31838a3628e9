namespace Atelier.Labs.Pipeline;

/// <summary>The shape of the producer-consumer pipeline.</summary>
internal sealed record PipelineOptions
{
    /// <summary>How many items the queue holds before producers must wait.</summary>
    /// <value>5, as in the chapter.</value>
    public int Capacity { get; init; } = 5;

    /// <summary>How many producers.</summary>
    /// <value>2.</value>
    public int Producers { get; init; } = 2;

    /// <summary>How many consumers.</summary>
    /// <value>2.</value>
    public int Consumers { get; init; } = 2;

    /// <summary>How many items each producer makes.</summary>
    /// <value>20.</value>
    public int Items { get; init; } = 20;

    /// <summary>How long making one item takes.</summary>
    /// <value>10 ms.</value>
    public TimeSpan ProduceTime { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long processing one item takes; slower than producing, so the queue fills up.</summary>
    /// <value>25 ms.</value>
    public TimeSpan ConsumeTime { get; init; } = TimeSpan.FromMilliseconds(25);
}
