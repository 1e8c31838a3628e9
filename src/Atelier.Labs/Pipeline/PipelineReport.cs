namespace Atelier.Labs.Pipeline;

/// <summary>What the pipeline lesson measured.</summary>
/// <param name="Producers">How many producers filled the queue.</param>
/// <param name="Capacity">The queue's bound.</param>
/// <param name="Produced">Items put in the queue.</param>
/// <param name="Consumed">Items taken out and processed.</param>
/// <param name="Duplicates">Items processed more than once.</param>
/// <param name="Missing">Items produced but never processed.</param>
/// <param name="HighWaterMark">The most items the queue ever held.</param>
/// <param name="ProducerWaits">How often a producer found the queue full and waited.</param>
/// <param name="PerConsumer">How many items each consumer processed.</param>
/// <param name="ElapsedMs">Time from the first item made to the last consumer stopping.</param>
internal sealed record PipelineReport(
    int Producers, int Capacity, int Produced, int Consumed, int Duplicates, int Missing, int HighWaterMark, int ProducerWaits, IReadOnlyList<int> PerConsumer, double ElapsedMs)
    : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "pipeline";

    /// <inheritdoc />
    public override bool Succeeded => Consumed == Produced && Duplicates == 0 && Missing == 0 && HighWaterMark <= Capacity;

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings =>
    [
        Figures.Invariant($"{Produced} items produced and {Consumed} consumed: {Duplicates} processed twice, {Missing} missing. Each item was taken from the queue by exactly one consumer."),
        Figures.Invariant($"The queue never held more than {HighWaterMark} items (bound {Capacity}): producers found it full {ProducerWaits} times and waited, so fast producers cannot outrun slow consumers (backpressure)."),
        Figures.Invariant($"When {(Producers switch { 1 => "the producer", 2 => "both producers", _ => $"all {Producers} producers" })} had finished, the queue was completed; the consumers emptied it and stopped on their own, after {ElapsedMs / 1000:0.00} s. This is the chapter's task_done/join: Channel completion, then awaiting the consumers."),
    ];

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, PipelineJson.Default.PipelineReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Invariant($"Bounded queue of {Capacity}"),
            ["measure", "value"],
            [
                ["items produced", Figures.Count(Produced)],
                ["items consumed", Figures.Count(Consumed)],
                ["processed twice", Figures.Count(Duplicates)],
                ["never processed", Figures.Count(Missing)],
                ["queue high-water mark", Figures.Invariant($"{HighWaterMark} of {Capacity}")],
                ["producer waits for space", Figures.Count(ProducerWaits)],
                ["items per consumer", string.Join(" / ", PerConsumer)],
                ["time", Figures.Duration(TimeSpan.FromMilliseconds(ElapsedMs))],
            ]),
    ];
}
