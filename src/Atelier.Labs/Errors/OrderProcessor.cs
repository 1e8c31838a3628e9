namespace Atelier.Labs.Errors;

/// <summary>Processes one order of the batch; bad orders throw, each in its own way.</summary>
internal static class OrderProcessor
{
    public static async ValueTask<decimal> ProcessAsync(int order, int failEvery, CancellationToken cancellationToken)
    {
        await Task.Delay(20 + (order % 3 * 10), cancellationToken).ConfigureAwait(false);
        if (failEvery > 0 && order % failEvery == 0)
        {
            // Different items break in different ways; the batch must survive all of them.
            throw (order / failEvery % 4) switch
            {
                1 => new FormatException(Figures.Text("Errors.Reason.Quantity", order)),
                2 => new TimeoutException(Figures.Text("Errors.Reason.Stock", order)),
                3 => new KeyNotFoundException(Figures.Text("Errors.Reason.Product", order * 7)),
                _ => new InvalidOperationException(Figures.Text("Errors.Reason.Cancelled", order)),
            };
        }

        return order * 12.5m;
    }
}
