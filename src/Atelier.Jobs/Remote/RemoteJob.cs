using System.Formats.Tar;
using System.Text;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;

namespace Atelier.Jobs.Remote;

/// <summary>
/// What running one job on a host takes besides the job: the command the host's shell runs (the working folder, the
/// variables, a note of its process group so it can be stopped), the files sent before it and fetched after it (as
/// tar streams over the shared connection: names with spaces, quotes or newlines travel as data), and their removal.
/// </summary>
internal sealed class RemoteJob(RemoteOptions options)
{
    private readonly CommandTemplate[] transfer = [.. options.Transfer.Select(t => CommandTemplate.Parse([t]))];
    private readonly CommandTemplate[] returned = [.. options.Return.Select(t => CommandTemplate.Parse([t]))];
    private readonly string[] environment = [.. options.Environment.Select(name => $"{name}={ShellQuoting.Quote(System.Environment.GetEnvironmentVariable(name) ?? "")}")];

    /// <summary>The working folder on a host, as the shell there writes it; empty for the login folder.</summary>
    private string WorkingDirectory(SshHost host) => options.WorkingDirectory switch
    {
        null or "" => "",
        "..." => $"{host.Folder}/work",
        "." => Here(),
        var folder => ShellQuoting.Quote(folder),
    };

    /// <summary>
    /// The command the host's shell runs for a job: it notes its process id (the leader of the session sshd made for
    /// it: its group is the job's), goes to the working folder, sets the variables, runs the job and gives its exit code.
    /// </summary>
    public string Command(SshHost host, Job job, int slot)
    {
        var script = new StringBuilder();
        script.Append($"p=\"$PWD\"/{host.Folder}/{job.Sequence}.pid; echo $$ >\"$p\" 2>/dev/null; ");
        if (WorkingDirectory(host) is { Length: > 0 } folder)
        {
            script.Append($"{{ mkdir -p -- {folder} && cd -- {folder}; }} || exit 1; ");
        }

        script.Append($"export ATELIER_SEQ={job.Sequence} ATELIER_SLOT={slot}");
        foreach (var variable in environment)
        {
            script.Append(' ').Append(variable);
        }

        script.Append("; ").Append(ShellQuoting.Join(job.Arguments)).Append("\ns=$?; rm -f \"$p\"; exit $s");
        return script.ToString();
    }

    /// <summary>The shell command that sends <paramref name="signal"/> to a job's process group on its host.</summary>
    public static string Signal(SshHost host, Job job, string signal) =>
        $"f={host.Folder}/{job.Sequence}.pid; i=0; while [ ! -s \"$f\" ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done; [ -s \"$f\" ] && kill -{signal} -\"$(cat \"$f\")\" 2>/dev/null; true";

    /// <summary>Whether jobs send or fetch files.</summary>
    public bool MovesFiles => transfer.Length > 0 || returned.Length > 0;

    /// <summary>Sends the job's <c>--transferfile</c> files.</summary>
    /// <returns>Null, or why they could not be sent (<see cref="Lost"/> when ssh itself failed).</returns>
    public Task<string?> SendAsync(SshHost host, Job job, CancellationToken cancellationToken) => SendAsync(host, Files(transfer, job), cancellationToken);

    /// <summary>Sends the <c>--basefile</c> files, before a host's first job.</summary>
    /// <returns>Null, or why they could not be sent.</returns>
    public Task<string?> SendBaseAsync(SshHost host, CancellationToken cancellationToken) => SendAsync(host, BaseFiles, cancellationToken);

    /// <summary>The shell command that removes the <c>--basefile</c> files from a host (with <c>--cleanup</c>); empty when there is none to remove.</summary>
    public string RemoveBase(SshHost host) => options.Cleanup ? Remove(host, BaseFiles) : "";

    private List<(string Local, string Remote, bool Absolute)> BaseFiles => [.. options.BaseFiles.Select(Place)];

    private async Task<string?> SendAsync(SshHost host, List<(string Local, string Remote, bool Absolute)> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return null;
        }

        if (files.Select(f => f.Local).FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            return $"cannot send {missing}: no such file";
        }

        foreach (var group in files.GroupBy(f => f.Absolute))
        {
            var into = group.Key ? "/" : WorkingDirectory(host) is { Length: > 0 } folder ? folder : ".";
            var (exit, _, error) = await host.RunAsync(
                $"mkdir -p -- {into} && tar -xf - -C {into}",
                async stdin =>
                {
                    await using var tar = new TarWriter(stdin, TarEntryFormat.Pax, leaveOpen: true);
                    foreach (var file in group)
                    {
                        await tar.WriteEntryAsync(file.Local, file.Remote, cancellationToken).ConfigureAwait(false);
                    }
                },
                null,
                cancellationToken).ConfigureAwait(false);
            if (exit != 0)
            {
                return exit == SshHost.SshFailed ? Lost : $"could not send {string.Join(", ", group.Select(f => f.Local))}: {SshHost.LastWords(error, exit)}";
            }
        }

        return null;
    }

    /// <summary>Fetches the job's <c>--return</c> files, each written to a temporary name and renamed when whole.</summary>
    /// <returns>Null, or why some could not be fetched (<see cref="Lost"/> when ssh itself failed).</returns>
    public async Task<string?> FetchAsync(SshHost host, Job job, CancellationToken cancellationToken)
    {
        var files = Files(returned, job);
        if (files.Count == 0)
        {
            return null;
        }

        var byName = files.ToDictionary(f => f.Remote, StringComparer.Ordinal);
        var folder = WorkingDirectory(host) is { Length: > 0 } work ? $"cd -- {work} && " : "";
        var names = string.Join(' ', files.Select(f => ShellQuoting.Quote(f.Absolute ? "/" + f.Remote : f.Remote)));
        var fetched = new HashSet<string>(StringComparer.Ordinal);
        var (exit, _, error) = await host.RunAsync(
            $"{folder}tar -cf - -- {names}",
            null,
            async stdout =>
            {
                await using var tar = new TarReader(stdout, leaveOpen: true);
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !byName.TryGetValue(entry.Name.TrimStart('/'), out var file))
                    {
                        continue;
                    }

                    await WriteWholeAsync(entry, file.Local, cancellationToken).ConfigureAwait(false);
                    fetched.Add(file.Remote);
                }
            },
            cancellationToken).ConfigureAwait(false);
        if (exit == SshHost.SshFailed)
        {
            return Lost;
        }

        var missing = files.Where(f => !fetched.Contains(f.Remote)).Select(f => f.Local).ToList();
        return missing.Count == 0 ? null : $"could not fetch {string.Join(", ", missing)}: {SshHost.LastWords(error, exit)}";
    }

    /// <summary>Removes the job's sent and fetched files from its host, and the folders they leave empty (<c>--cleanup</c>).</summary>
    public async Task CleanupAsync(SshHost host, Job job)
    {
        if (options.Cleanup && Remove(host, [.. Files(transfer, job), .. Files(returned, job)]) is { Length: > 0 } remove)
        {
            await host.RunAsync(remove, null, null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The shell command (a subshell: it leaves the folder as it was) that removes these files from a host, and the folders they leave empty; empty for none.</summary>
    private string Remove(SshHost host, List<(string Local, string Remote, bool Absolute)> placed)
    {
        var files = placed.Select(f => f.Absolute ? "/" + f.Remote : f.Remote).Distinct().ToList();
        if (files.Count == 0)
        {
            return "";
        }

        var folders = files.Select(Path.GetDirectoryName).OfType<string>().Where(d => d.Length > 0 && d != "/").Distinct().Select(ShellQuoting.Quote);
        var folder = WorkingDirectory(host) is { Length: > 0 } work ? $"cd -- {work} && " : "";
        var removeFolders = folders.Any() ? $"; rmdir -p -- {string.Join(' ', folders)} 2>/dev/null" : "";
        return $"({folder}rm -f -- {string.Join(' ', files.Select(ShellQuoting.Quote))}{removeFolders}; true)";
    }

    /// <summary>The reason that stands for "the connection failed" (not the job, nor the files).</summary>
    public const string Lost = "\0lost";

    /// <summary>
    /// The files a job names with these templates: where each is here, and where it goes on the host: as is when
    /// absolute, else relative to the working folder; the part after <c>/./</c> relative to it (rsync's rule).
    /// </summary>
    private static List<(string Local, string Remote, bool Absolute)> Files(CommandTemplate[] templates, Job job)
    {
        var files = new List<(string Local, string Remote, bool Absolute)>();
        foreach (var template in templates)
        {
            var words = template.Expand(job.Values, job.Sequence, 1);
            foreach (var local in template.HasPlaceholders ? words : words[..1])
            {
                if (local.Length == 0)
                {
                    continue;
                }

                files.Add(Place(local));
            }
        }

        return files;
    }

    /// <summary>Where a file named here goes on a host.</summary>
    private static (string Local, string Remote, bool Absolute) Place(string local)
    {
        var dot = local.IndexOf("/./", StringComparison.Ordinal);
        return dot >= 0 ? (local, local[(dot + 3)..], false) : local.StartsWith('/') ? (local, local.TrimStart('/'), true) : (local, local.StartsWith("./", StringComparison.Ordinal) ? local[2..] : local, false);
    }

    private static async Task WriteWholeAsync(TarEntry entry, string path, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } parent)
        {
            Directory.CreateDirectory(parent);
        }

        var partial = $"{path}.atelier-part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                if (entry.DataStream is { } data)
                {
                    await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>The current folder as the hosts' shells should write it: relative to the home folder when under it, as GNU parallel's <c>--wd .</c>.</summary>
    private static string Here()
    {
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        var here = System.Environment.CurrentDirectory;
        var relative = Path.GetRelativePath(home, here);
        return ShellQuoting.Quote(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? here : relative);
    }
}
