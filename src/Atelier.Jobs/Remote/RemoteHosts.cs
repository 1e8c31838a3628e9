using System.Globalization;
using System.Threading.Channels;

namespace Atelier.Jobs.Remote;

/// <summary>
/// The machines of one run and their free job slots: a job takes a slot on whichever host has one free (a channel of
/// free slots, so hosts share the work as they finish it), and gives it back when it ends. A host that drops takes its
/// slots with it; it is tried again after <see cref="RemoteOptions.RetryHostAfter"/>, and so are hosts that could not
/// be reached at the start. <c>--slf</c>'s file is read again when it changes.
/// </summary>
internal sealed class RemoteHosts : IAsyncDisposable
{
    private readonly RemoteOptions options;
    private readonly RemoteJob files;
    private readonly TimeProvider time;
    private readonly string folder;
    private readonly Channel<HostSlot> free = Channel.CreateUnbounded<HostSlot>();
    private readonly Lock gate = new();
    private readonly List<SshHost> hosts = [];
    private readonly List<SshHost> retired = [];
    private readonly CancellationTokenSource stopping = new();

    // Completed, and replaced, whenever a slot is given back or a host comes up: what a taker avoiding some hosts waits on.
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTime loginFileChanged;
    private int numbered;
    private int slotNumbers;
    private Task? upkeep;

    private RemoteHosts(RemoteOptions options, TimeProvider time)
    {
        this.options = options;
        files = new RemoteJob(options);
        this.time = time;
        RunId = $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        folder = Directory.CreateTempSubdirectory("atelier-ssh-").FullName;
    }

    /// <summary>This run's name on the hosts: its folder on each is <c>.atelier/tmp/RUNID-N</c>, relative to the login folder (N tells hosts apart that share a home folder).</summary>
    public string RunId { get; }

    /// <summary>
    /// The shell command that kills the process groups of this run's jobs still running on a host: after its connection
    /// dropped (they ran again elsewhere), and at the end (one a stop could not reach). Each job notes its group in the
    /// run's folder and removes the note when it ends.
    /// </summary>
    private static string StopLeftovers(SshHost host) =>
        $"for f in {host.Folder}/*.pid; do [ -s \"$f\" ] && kill -KILL -\"$(cat \"$f\")\" 2>/dev/null; rm -f \"$f\"; done; true";

    /// <summary>
    /// With <see cref="RemoteOptions.OnAll"/>, every host of the run in the order given, those that could not be reached
    /// too (their jobs fail with the reason); null otherwise.
    /// </summary>
    public IReadOnlyList<SshHost>? Everyone { get; private set; }

    /// <summary>The job slots of the hosts reached at the start.</summary>
    public int Slots { get; private set; }

    /// <summary>Connects to every login (in parallel), asks the hosts without <c>N/</c> their core count, and starts the upkeep.</summary>
    /// <exception cref="AtelierException">No host could be reached (every reason is in the message), or a base file is missing.</exception>
    public static async Task<RemoteHosts> ConnectAsync(RemoteOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.BaseFiles.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw new AtelierException($"Cannot send the base file '{missing}' to the hosts: no such file.", "RemoteOptions.BaseFiles");
        }

        var pool = new RemoteHosts(options, time);
        try
        {
            var logins = options.Logins.Concat(pool.ReadLoginFile() ?? []).DistinctBy(l => l.Text).ToList();
            if (logins.Count == 0)
            {
                throw new AtelierException("No ssh login to run jobs on: give -S HOST or an --slf file that names some.", "RemoteOptions.Logins");
            }

            await Task.WhenAll(logins.Select(login => pool.AddAsync(login, cancellationToken))).ConfigureAwait(false);
            pool.Slots = pool.hosts.Where(h => h.Down is null).Sum(h => h.Slots);
            if (pool.Slots == 0)
            {
                throw new AtelierException($"No host could be reached: {pool.Reasons()}.", "RemoteOptions.Logins");
            }

            pool.Everyone = options.OnAll ? pool.Hosts : null;
            pool.upkeep = pool.KeepUpAsync(pool.stopping.Token);
            return pool;
        }
        catch
        {
            await pool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Takes a free slot on some host, waiting for one.</summary>
    /// <exception cref="AtelierException">No host is left: the message says why each went.</exception>
    public async ValueTask<HostSlot> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (free.Reader.TryRead(out var slot))
            {
                if (IsLive(slot))
                {
                    return slot;
                }

                continue;
            }

            lock (gate)
            {
                if (!hosts.Any(h => h.Down is null) && options.LoginFile is null)
                {
                    throw new AtelierException($"No host is left to run jobs on: {Reasons()}.");
                }
            }

            await free.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes a free slot on a host other than <paramref name="avoid"/> (where the job failed: GNU parallel's
    /// <c>--retries</c> tries another computer), waiting for one; on any host once every host that is up is among them.
    /// </summary>
    /// <exception cref="AtelierException">No host is left: the message says why each went.</exception>
    public async ValueTask<HostSlot> TakeAsync(IReadOnlyCollection<SshHost> avoid, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (hosts.Where(h => h.Down is null).All(avoid.Contains))
                {
                    break;
                }

                next = changed.Task;
            }

            // One pass over the slots free now: the first elsewhere is taken, the others go back.
            var passed = new List<HostSlot>();
            HostSlot? taken = null;
            while (taken is null && free.Reader.TryRead(out var slot))
            {
                if (IsLive(slot))
                {
                    if (avoid.Contains(slot.Host))
                    {
                        passed.Add(slot);
                    }
                    else
                    {
                        taken = slot;
                    }
                }
            }

            foreach (var slot in passed)
            {
                free.Writer.TryWrite(slot);
            }

            if (taken is { } elsewhere)
            {
                return elsewhere;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return await TakeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives a slot back, for the next job.</summary>
    public void Give(HostSlot slot)
    {
        if (IsLive(slot))
        {
            free.Writer.TryWrite(slot);
            Changed();
        }
    }

    /// <summary>Wakes the takers waiting for a slot elsewhere.</summary>
    private void Changed()
    {
        TaskCompletionSource was;
        lock (gate)
        {
            (was, changed) = (changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        was.TrySetResult();
    }

    /// <summary>A job lost its host's connection: when the host is really down, it goes out of use and is tried again later.</summary>
    /// <returns>Whether the host is down (the job should run elsewhere); false when the connection is up (the job's own exit code was 255).</returns>
    public async Task<bool> LostAsync(SshHost host, string reason)
    {
        if (host.Down is not null)
        {
            return true;
        }

        if (await host.IsUpAsync().ConfigureAwait(false))
        {
            return false;
        }

        lock (gate)
        {
            if (host.Down is null)
            {
                (host.Down, host.DownSince) = (reason, time.GetTimestamp());
                options.Warnings?.Report($"{host}: lost the connection ({reason}); its jobs run elsewhere, and it is tried again in {options.RetryHostAfter.TotalSeconds:0} s.");
            }
        }

        // Wake takers: with no host left they must fail, not wait; one avoiding the others may take this one's place.
        free.Writer.TryWrite(new HostSlot(host, 0, -1));
        Changed();
        return true;
    }

    /// <summary>Each host in use, for stopping jobs and cleaning up.</summary>
    public IReadOnlyList<SshHost> Hosts
    {
        get
        {
            lock (gate)
            {
                return [.. hosts];
            }
        }
    }

    /// <summary>Whether a slot is one of its host's now: the host is up, still in the run, and has not reconnected since (which made new slots).</summary>
    private bool IsLive(HostSlot slot)
    {
        lock (gate)
        {
            return slot.Host.Down is null && slot.Generation == slot.Host.Generation && hosts.Contains(slot.Host);
        }
    }

    private string Reasons()
    {
        lock (gate)
        {
            return string.Join("; ", hosts.Where(h => h.Down is not null).Select(h => $"{h}: {h.Down}"));
        }
    }

    /// <summary>Connects to a login, asks its cores, makes the run's folder there and sends the base files, then puts its slots in use.</summary>
    private async Task AddAsync(SshLogin login, CancellationToken cancellationToken)
    {
        SshHost host;
        lock (gate)
        {
            host = new SshHost(login, options.Ssh, folder, ++numbered, RunId);
            hosts.Add(host);
        }

        if (login.IsLocal)
        {
            Ready(host, Environment.ProcessorCount);
            return;
        }

        await ConnectAsync(host, cancellationToken).ConfigureAwait(false);
    }

    private async Task ConnectAsync(SshHost host, CancellationToken cancellationToken)
    {
        var reason = await host.ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (reason is null)
        {
            var (exit, output, error) = await host.RunAsync(
                $"mkdir -p {host.Folder} && {StopLeftovers(host)} && {{ nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1; }}", null, null, cancellationToken).ConfigureAwait(false);
            reason = exit == 0 && int.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cores) && cores > 0
                ? await files.SendBaseAsync(host, cancellationToken).ConfigureAwait(false) is { } unsent
                    ? unsent == RemoteJob.Lost ? "lost the connection sending the base files" : unsent
                    : Ready(host, cores)
                : $"could not prepare it: {SshHost.LastWords(error, exit)}";
        }

        if (reason is not null)
        {
            (host.Down, host.DownSince) = (reason, time.GetTimestamp());
            options.Warnings?.Report($"{host}: cannot connect ({reason}); skipped, tried again in {options.RetryHostAfter.TotalSeconds:0} s.");
        }
    }

    /// <summary>Puts a connected host's slots in use.</summary>
    private string? Ready(SshHost host, int cores)
    {
        host.Slots = Math.Max(1, host.Login.Slots is { } given ? options.SlotsFor(given) : options.SlotsFor(cores));
        lock (gate)
        {
            host.Down = null;
            host.Generation++;
            for (var i = 0; i < host.Slots; i++)
            {
                free.Writer.TryWrite(new HostSlot(host, ++slotNumbers, host.Generation));
            }
        }

        Changed();
        return null;
    }

    /// <summary>Every few seconds: hosts that are down are tried again, and the login file read again when it changed.</summary>
    private async Task KeepUpAsync(CancellationToken cancellationToken)
    {
        var every = TimeSpan.FromSeconds(Math.Clamp(options.RetryHostAfter.TotalSeconds / 4, 0.25, 2));
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (!options.OnAll && ReadLoginFile() is { } listed)
                    {
                        await ReconcileAsync(listed, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (AtelierException e)
                {
                    // An unreadable or wrong file mid-run: the hosts stay as they are.
                    options.Warnings?.Report(e.Message);
                }

                foreach (var host in Hosts.Where(h => h.Down is not null && time.GetElapsedTime(h.DownSince) >= options.RetryHostAfter))
                {
                    await ConnectAsync(host, cancellationToken).ConfigureAwait(false);
                    if (host.Down is null)
                    {
                        options.Warnings?.Report($"{host}: connected again; it takes jobs.");
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Hosts the file lists now and the run lacks are added; those it no longer lists take no more jobs.</summary>
    private async Task ReconcileAsync(IReadOnlyList<SshLogin> listed, CancellationToken cancellationToken)
    {
        var wanted = listed.Concat(options.Logins).Select(l => l.Text).ToHashSet(StringComparer.Ordinal);
        List<SshHost> removed;
        lock (gate)
        {
            removed = [.. hosts.Where(h => !wanted.Contains(h.Login.Text))];
            hosts.RemoveAll(removed.Contains);
        }

        foreach (var host in removed)
        {
            // Its running jobs go on to their end on its connection, closed with the others at the end of the run.
            options.Warnings?.Report($"{host}: no longer in {options.LoginFile}; it takes no more jobs.");
            lock (gate)
            {
                retired.Add(host);
            }
        }

        var known = Hosts.Select(h => h.Login.Text).ToHashSet(StringComparer.Ordinal);
        foreach (var login in listed.Where(l => !known.Contains(l.Text)))
        {
            await AddAsync(login, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The login file's logins when it is new or changed since last read; null otherwise (or when there is none).</summary>
    private IReadOnlyList<SshLogin>? ReadLoginFile()
    {
        if (options.LoginFile is not { } file)
        {
            return null;
        }

        try
        {
            // A file written a moment ago may be half written: it is read once it has been left alone for a second.
            var changed = File.GetLastWriteTimeUtc(file);
            if (changed == loginFileChanged || (loginFileChanged != default && DateTime.UtcNow - changed < TimeSpan.FromSeconds(1)))
            {
                return null;
            }

            loginFileChanged = changed;
            return SshLogin.ParseList(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot read the login file '{file}': {e.Message}", e);
        }
    }

    /// <summary>Stops the upkeep, removes the run's folder from every host reached, closes the connections and the local folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (upkeep is not null)
        {
            await upkeep.ConfigureAwait(false);
        }

        List<SshHost> retiredHosts;
        lock (gate)
        {
            retiredHosts = [.. retired];
        }

        await Task.WhenAll(Hosts.Concat(retiredHosts).Select(async host =>
        {
            if (host.Down is null && !host.Login.IsLocal)
            {
                string[] steps = [StopLeftovers(host), files.RemoveBase(host), $"rm -rf {host.Folder}"];
                await host.RunAsync(string.Join("; ", steps.Where(s => s.Length > 0)), null, null, CancellationToken.None).ConfigureAwait(false);
            }

            await host.DisposeAsync().ConfigureAwait(false);
        })).ConfigureAwait(false);
        stopping.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One job slot on one host; <see cref="Number"/> is <c>{%}</c>.</summary>
/// <param name="Host">The host.</param>
/// <param name="Number">The slot's number in the run, from 1: <c>{%}</c>.</param>
/// <param name="Generation">The host's connection it belongs to (<see cref="SshHost.Generation"/>).</param>
internal readonly record struct HostSlot(SshHost Host, int Number, int Generation);
