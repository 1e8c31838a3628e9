using Atelier.Processes;

namespace Atelier.Labs.Tests;

/// <summary>The lessons' worker side, served by the test worker program.</summary>
internal static class LabWorkers
{
    public static WorkerProgram For(string lesson) => new(Path.Combine(AppContext.BaseDirectory, "Atelier.TestWorker"), "lab", lesson);
}
