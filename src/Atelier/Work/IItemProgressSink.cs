namespace Atelier.Work;

/// <summary>Receives the percentages a running item reports.</summary>
internal interface IItemProgressSink
{
    void ReportRunning(long index, double percent);
}
