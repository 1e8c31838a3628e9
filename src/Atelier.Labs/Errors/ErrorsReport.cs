namespace Atelier.Labs.Errors;

/// <summary>What the errors lesson saw.</summary>
/// <param name="Orders">Every order, in input order.</param>
/// <param name="ElapsedMs">Time for the whole batch.</param>
internal sealed record ErrorsReport(IReadOnlyList<OrderOutcome> Orders, double ElapsedMs) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "errors";

    /// <summary>The batch ran to the end: every order has an outcome.</summary>
    public override bool Succeeded => Orders.All(o => o.Status is "succeeded" or "failed");

    /// <inheritdoc />
    public override int ItemsFailed => Orders.Count(o => o.Status == "failed");

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings =>
    [
        Figures.Text("Errors.Finding.Batch", Orders.Count - ItemsFailed, ItemsFailed, ElapsedMs / 1000),
        Figures.Text("Errors.Finding.Caught"),
        Figures.Text(ItemsFailed > 0 ? "Errors.Finding.Exit2" : "Errors.Finding.Exit0"),
    ];

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, ErrorsJson.Default.ErrorsReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Errors.Table"), [Figures.Text("Column.Order"), Figures.Text("Column.Status"), Figures.Text("Errors.Column.TotalOrReason"), Figures.Text("Column.Time")],
            [.. Orders.Select(o => (IReadOnlyList<string>)
            [
                Figures.Invariant($"{o.Order}"),
                Figures.Word("Status", o.Status),
                o.Total is { } total ? total.ToString("0.00", Text.LabText.Numbers) : o.Reason ?? "",
                Figures.Duration(TimeSpan.FromMilliseconds(o.ElapsedMs)),
            ])]),
    ];
}
