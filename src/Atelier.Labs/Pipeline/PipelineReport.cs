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
        Figures.Text("Pipeline.Finding.Once", Produced, Consumed, Duplicates, Missing),
        Figures.Text("Pipeline.Finding.Bound", HighWaterMark, Capacity, ProducerWaits),
        Figures.Text("Pipeline.Finding.Shutdown", Producers switch { 1 => Figures.Text("Pipeline.TheProducer"), 2 => Figures.Text("Pipeline.BothProducers"), _ => Figures.Text("Pipeline.AllProducers", Producers) }, ElapsedMs / 1000),
    ];

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, PipelineJson.Default.PipelineReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Pipeline.Table", Capacity),
            [Figures.Text("Column.Measure"), Figures.Text("Column.Value")],
            [
                [Figures.Text("Pipeline.Row.Produced"), Figures.Count(Produced)],
                [Figures.Text("Pipeline.Row.Consumed"), Figures.Count(Consumed)],
                [Figures.Text("Pipeline.Row.Twice"), Figures.Count(Duplicates)],
                [Figures.Text("Pipeline.Row.Never"), Figures.Count(Missing)],
                [Figures.Text("Pipeline.Row.HighWater"), Figures.Text("Pipeline.OfCapacity", HighWaterMark, Capacity)],
                [Figures.Text("Pipeline.Row.Waits"), Figures.Count(ProducerWaits)],
                [Figures.Text("Pipeline.Row.PerConsumer"), string.Join(" / ", PerConsumer)],
                [Figures.Text("Column.Time"), Figures.Duration(TimeSpan.FromMilliseconds(ElapsedMs))],
            ]),
    ];
}
