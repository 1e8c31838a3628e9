using System.CommandLine;
using Atelier.Labs.Pipeline;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab pipeline</c>.</summary>
internal static class LabPipelineCommand
{
    public static Command Create()
    {
        var defaults = new PipelineOptions();
        var capacity = CommonOptions.Count("--capacity", defaults.Capacity, "How many items the queue holds.");
        var producers = CommonOptions.Count("--producers", defaults.Producers, "How many producers.");
        var consumers = CommonOptions.Count("--consumers", defaults.Consumers, "How many consumers.");
        var items = CommonOptions.Count("--items", defaults.Items, "How many items each producer makes.", minimum: 0);
        var produceTime = CommonOptions.Duration("--produce-time", defaults.ProduceTime, "How long making an item takes");
        var consumeTime = CommonOptions.Duration("--consume-time", defaults.ConsumeTime, "How long processing an item takes");
        return LessonCommand.Create("pipeline", [capacity, producers, consumers, items, produceTime, consumeTime], async (parse, cancellationToken) =>
            await PipelineLesson.RunAsync(
                new PipelineOptions
                {
                    Capacity = parse.GetValue(capacity),
                    Producers = parse.GetValue(producers),
                    Consumers = parse.GetValue(consumers),
                    Items = parse.GetValue(items),
                    ProduceTime = parse.GetValue(produceTime) ?? defaults.ProduceTime,
                    ConsumeTime = parse.GetValue(consumeTime) ?? defaults.ConsumeTime,
                },
                cancellationToken).ConfigureAwait(false));
    }
}
