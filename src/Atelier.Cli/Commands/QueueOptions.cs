using System.CommandLine;
using Atelier.Jobs.Queues;

namespace Atelier.Cli.Commands;

/// <summary>The queue address option, spelled the same by <c>run</c>, <c>worker</c> and <c>queue status</c>.</summary>
internal static class QueueOptions
{
    public static Option<QueueAddress?> Address(string description) => new("--queue")
    {
        Description = description,
        HelpName = "redis[s]://[USER:PASSWORD@]HOST:PORT/NAME",
        CustomParser = result => Parse(result, result.Tokens.Count == 1 ? result.Tokens[0].Value : ""),
    };

    public static Argument<QueueAddress> AddressArgument() => new("queue")
    {
        Description = "The queue: redis://[USER:PASSWORD@]HOST:PORT/NAME (rediss:// for TLS).",
        CustomParser = result => Parse(result, result.Tokens.Count == 1 ? result.Tokens[0].Value : "")!,
    };

    private static QueueAddress? Parse(System.CommandLine.Parsing.SymbolResult result, string text)
    {
        if (QueueAddress.TryParse(text, out var address, out var error))
        {
            return address;
        }

        result.AddError(error);
        return null;
    }
}
