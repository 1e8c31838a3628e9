namespace Atelier.Labs.Errors;

/// <summary>How one order of the batch ended.</summary>
/// <param name="Order">The order's number.</param>
/// <param name="Status">succeeded or failed.</param>
/// <param name="Total">The order's total, when it succeeded.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="ElapsedMs">How long processing it took.</param>
internal sealed record OrderOutcome(int Order, string Status, decimal? Total, string? Reason, double ElapsedMs);
