using Atelier.Labs.Pipeline;

namespace Atelier.Labs.Tests.Pipeline;

public sealed class PipelineLessonTests
{
    [Theory]
    [InlineData(5, 2, 2)]
    [InlineData(1, 3, 2)]
    [InlineData(2, 1, 4)]
    public async Task RunAsync_EveryItemProcessedOnceAndTheBoundHeld(int capacity, int producers, int consumers)
    {
        var report = await PipelineLesson.RunAsync(
            new PipelineOptions
            {
                Capacity = capacity,
                Producers = producers,
                Consumers = consumers,
                Items = 25,
                ProduceTime = TimeSpan.Zero,
                ConsumeTime = TimeSpan.FromMilliseconds(2),
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(25 * producers, report.Produced);
        Assert.Equal(report.Produced, report.Consumed);
        Assert.Equal((0, 0), (report.Duplicates, report.Missing));
        Assert.InRange(report.HighWaterMark, 1, capacity);
        Assert.Equal(consumers, report.PerConsumer.Count);
        Assert.Equal(report.Consumed, report.PerConsumer.Sum());
        Assert.True(report.ProducerWaits > 0, "producers that make items instantly must wait for slower consumers");
        Assert.True(report.Succeeded);
    }

    [Fact]
    public void Report_AnItemProcessedTwice_IsNotASuccess()
    {
        var report = new PipelineReport(2, 5, 10, 11, Duplicates: 1, Missing: 0, HighWaterMark: 5, ProducerWaits: 3, PerConsumer: [5, 6], ElapsedMs: 10);

        Assert.False(report.Succeeded);
    }

    [Theory]
    [InlineData(1, "When the producer had finished")]
    [InlineData(2, "When both producers had finished")]
    [InlineData(3, "When all 3 producers had finished")]
    public void Findings_CountTheProducersThatRan(int producers, string start)
    {
        var report = new PipelineReport(producers, 5, 10, 10, Duplicates: 0, Missing: 0, HighWaterMark: 5, ProducerWaits: 3, PerConsumer: [5, 5], ElapsedMs: 10);

        Assert.StartsWith(start, report.Findings[2], StringComparison.Ordinal);
    }
}
