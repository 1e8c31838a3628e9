namespace Atelier.Labs.Workers;

/// <summary>A task put on the input queue: square a number after some simulated work.</summary>
/// <param name="Number">The number to square.</param>
/// <param name="WorkMs">How long the worker pretends to work.</param>
internal sealed record WorkerTask(int Number, int WorkMs);
