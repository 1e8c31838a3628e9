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
                1 => new FormatException(Figures.Invariant($"quantity 'x{order}' is not a number")),
                2 => new TimeoutException(Figures.Invariant($"the stock service did not answer for order {order} within 2 s")),
                3 => new KeyNotFoundException(Figures.Invariant($"no product 'sku-{order * 7}'")),
                _ => new InvalidOperationException(Figures.Invariant($"order {order} was cancelled by the customer")),
            };
        }

        return order * 12.5m;
    }
}
