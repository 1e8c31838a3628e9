namespace Atelier.Jobs.Remote;

/// <summary>
/// Where a run's jobs go besides (or instead of) this machine, over plain SSH, as GNU parallel's <c>-S</c>: the
/// logins, the ssh command, each host's number of job slots, the working folder there, the variables passed on, and
/// the files sent before each job and fetched after it.
/// </summary>
public sealed class RemoteOptions
{
    /// <summary>The machines, <c>:</c> for this one (<c>-S</c>).</summary>
    public IReadOnlyList<SshLogin> Logins { get; init; } = [];

    /// <summary>
    /// A file of logins, one a line (<c>--slf</c>), read at the start and again whenever it changes during the run:
    /// hosts added start taking jobs, hosts removed take no more (their running jobs finish).
    /// </summary>
    /// <value>None.</value>
    public string? LoginFile { get; init; }

    /// <summary>The ssh command and its options (<c>--ssh</c>, <c>PARALLEL_SSH</c>): the system's OpenSSH client, with the user's config, agent and known hosts.</summary>
    /// <value><c>ssh</c>.</value>
    public IReadOnlyList<string> Ssh { get; init; } = ["ssh"];

    /// <summary>How many jobs run at once on a host with this many cores (<c>-j</c> applied to each host's own cores).</summary>
    /// <value>One a core.</value>
    public Func<int, int> SlotsFor { get; init; } = cores => cores;

    /// <summary>
    /// Where jobs run on the hosts (<c>--workdir</c>), relative to the login folder unless absolute; <c>...</c> for a
    /// folder of this run's own under <c>~/.atelier/tmp</c>. Files sent and fetched are relative to it.
    /// </summary>
    /// <value>The login folder.</value>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables of this environment to set for the jobs on the hosts (<c>--env</c>).</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Files each job sends to its host before it runs (<c>--transferfile</c>), with the command's placeholders (<c>{}</c>).</summary>
    public IReadOnlyList<string> Transfer { get; init; } = [];

    /// <summary>Files each job fetches back from its host after it ran (<c>--return</c>), with placeholders (<c>{.}.out</c>).</summary>
    public IReadOnlyList<string> Return { get; init; } = [];

    /// <summary>
    /// Files sent to each host once, before its first job (<c>--basefile</c>): a script the jobs run, data they share.
    /// Placed as <see cref="Transfer"/>'s are; sent again to a host that reconnects.
    /// </summary>
    public IReadOnlyList<string> BaseFiles { get; init; } = [];

    /// <summary>
    /// Whether the files sent and fetched are removed from the host after each job, and the base files at the end of the
    /// run (<c>--cleanup</c>).
    /// </summary>
    public bool Cleanup { get; init; }

    /// <summary>
    /// Whether every job runs on every host rather than on one (GNU parallel's <c>--onall</c>; with
    /// <see cref="Planning.JobPlanOptions.Once"/>, <c>--nonall</c>): all hosts at once, each host's jobs one at a time in
    /// input order, each job's sequence number the same on every host. A host that cannot be reached fails its jobs
    /// with the reason; <see cref="LoginFile"/> is read once.
    /// </summary>
    public bool OnAll { get; init; }

    /// <summary>How long a host that could not be reached, or dropped, rests before it is tried again.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan RetryHostAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What the run says as it goes (a host that cannot be reached, one that dropped and came back).</summary>
    /// <value>None.</value>
    public IProgress<string>? Warnings { get; init; }
}
