using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;
namespace Atelier.Jobs.Tests.Running;

/// <summary>Runs a template over values with a real runner and collects the results.</summary>
internal static class JobRun
{
    public static Task<List<JobResult>> RunAsync(string[] template, IEnumerable<string> values, JobRunnerOptions? options = null) =>
        RunAsync(new JobRunner(CommandTemplate.Parse(template), options), values);

    public static Task<List<JobResult>> RunAsync(JobRunner runner, IEnumerable<string> values) =>
        RunUntilAsync(runner, values, TestContext.Current.CancellationToken);

    public static async Task<List<JobResult>> RunUntilAsync(JobRunner runner, IEnumerable<string> values, CancellationToken cancellationToken)
    {
        var results = new List<JobResult>();
        await foreach (var result in runner.RunAsync(values.Select(v => (IReadOnlyList<string>)[v]), cancellationToken))
        {
            results.Add(result);
        }

        return results;
    }

    /// <summary>A shell script as a template word list: <c>sh -c SCRIPT sh {}</c>, so the script sees the value as $1.</summary>
    public static string[] Script(string script) => ["/bin/sh", "-c", script, "sh", "{}"];
}
