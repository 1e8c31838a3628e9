using Atelier.Benchmarks;
using BenchmarkDotNet.Running;

if (args is ["side-by-side", ..])
{
    await SideBySide.RunAsync(rounds: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
