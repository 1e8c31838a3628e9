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
        Figures.Invariant($"The batch ran to the end: {Orders.Count - ItemsFailed} orders succeeded and {ItemsFailed} failed, in {ElapsedMs / 1000:0.00} s."),
        "Each failure was caught around its own order and kept as a value (the exception, a readable reason, the time it took); the other orders never noticed.",
        ItemsFailed > 0
            ? "Because some items failed, `atelier lab errors` exits with code 2: it ran, but not everything succeeded (0 means all succeeded, 1 that it could not run)."
            : "No order failed, so `atelier lab errors` exits with code 0.",
    ];

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, ErrorsJson.Default.ErrorsReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new("Orders", ["order", "status", "total or reason", "time"],
            [.. Orders.Select(o => (IReadOnlyList<string>)
            [
                Figures.Invariant($"{o.Order}"),
                o.Status,
                o.Total is { } total ? Figures.Invariant($"{total:0.00}") : o.Reason ?? "",
                Figures.Duration(TimeSpan.FromMilliseconds(o.ElapsedMs)),
            ])]),
    ];
}
