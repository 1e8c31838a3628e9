using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Atelier.Tests.Support;

/// <summary>
/// Real OpenSSH servers on loopback ports, as "hosts" <c>h1</c>, <c>h2</c> ... of an ssh config of their own (a key
/// of their own, the current user, no known_hosts): what <c>atelier run -S</c> is tested against. An xunit class fixture.
/// </summary>
public sealed class SshServers : IAsyncLifetime
{
    /// <summary>How many servers a fixture starts.</summary>
    public const int Count = 3;

    private readonly List<Server> servers = [];
    private string folder = "";

    /// <summary>The ssh command that reaches them: <c>ssh -F CONFIG</c>, for <c>--ssh</c>.</summary>
    public string Ssh => $"ssh -F {ConfigFile}";

    /// <summary>The ssh config naming the hosts.</summary>
    public string ConfigFile => Path.Combine(folder, "ssh_config");

    /// <summary>The home folder jobs run in on every host (the user is the same on all: this one).</summary>
    public static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public async ValueTask InitializeAsync()
    {
        folder = Directory.CreateTempSubdirectory("atelier-sshd-").FullName;
        Directory.CreateDirectory("/run/sshd");
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(folder, "host_key"));
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(folder, "user_key"));
        File.Copy(Path.Combine(folder, "user_key.pub"), Path.Combine(folder, "authorized_keys"));
        var config = new System.Text.StringBuilder();
        for (var i = 1; i <= Count; i++)
        {
            var server = new Server(folder, i, FreePort());
            servers.Add(server);
            config.Append($"Host h{i}\n  HostName 127.0.0.1\n  Port {server.Port}\n");
        }

        config.Append($"Host *\n  IdentityFile {folder}/user_key\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n  BatchMode yes\n  ConnectTimeout 5\n");
        await File.WriteAllTextAsync(ConfigFile, config.ToString());
        await Task.WhenAll(servers.Select(s => s.StartAsync()));
    }

    /// <summary>The port host <paramref name="number"/> (from 1) listens on.</summary>
    public int Port(int number) => servers[number - 1].Port;

    /// <summary>Kills host <paramref name="number"/> (from 1): its server and its sessions, as a machine that went away.</summary>
    public void Kill(int number) => servers[number - 1].Kill();

    /// <summary>Starts host <paramref name="number"/> again, on the same port.</summary>
    public Task StartAsync(int number) => servers[number - 1].StartAsync();

    public ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            server.Kill();
        }

        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }

    private sealed class Server(string folder, int number, int port)
    {
        private Process? process;

        public int Port => port;

        public async Task StartAsync()
        {
            var config = Path.Combine(folder, $"sshd{number}.conf");
            await File.WriteAllTextAsync(config, $"""
                Port {port}
                ListenAddress 127.0.0.1
                HostKey {folder}/host_key
                AuthorizedKeysFile {folder}/authorized_keys
                PidFile {folder}/sshd{number}.pid
                UsePAM no
                StrictModes no
                UseDNS no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                MaxSessions 200
                MaxStartups 200

                """);
            process = Process.Start(new ProcessStartInfo("/usr/sbin/sshd", ["-D", "-e", "-f", config]) { RedirectStandardError = true })!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            if (!await Eventually.HoldsAsync(() => Accepts(port), TimeSpan.FromSeconds(10)))
            {
                throw new InvalidOperationException($"sshd did not listen on port {port} within 10 s.");
            }
        }

        public void Kill()
        {
            if (process is null)
            {
                return;
            }

            // The server and its sessions, as when the machine goes: the jobs' own processes are sessions of their own.
            foreach (var session in ProcessTable.ChildrenOf(process.Id))
            {
                try
                {
                    Process.GetProcessById(session).Kill();
                }
                catch (ArgumentException)
                {
                }
            }

            process.Kill();
            process.WaitForExit();
            process.Dispose();
            process = null;
        }

        private static bool Accepts(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
