using Atelier.Cli;

ProcessTuning.Apply(args);
using var shutdown = new ShutdownSignal();
var exitCode = await AtelierCli.RunAsync(args, Console.Out, Console.Error, shutdown.Token);
return shutdown.ExitCode(exitCode);
