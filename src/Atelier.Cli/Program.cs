using Atelier.Cli;

ProcessTuning.Apply(args);
using var shutdown = new ShutdownSignal();
// Standard input is opened here, once, and handed down: nothing below reads the console.
await using var input = Console.OpenStandardInput();
Atelier.Cli.Rendering.Terminal.StandardInput = input;
var exitCode = await AtelierCli.RunAsync(args, input, Console.Out, Console.Error, shutdown.Token);
return shutdown.ExitCode(exitCode);
