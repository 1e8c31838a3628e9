using System.Buffers.Text;
using Atelier.Proc;

namespace Atelier.Monitoring.Sampling;

/// <summary>
/// Temperatures from /sys/class/hwmon (each chip's <c>name</c>, its <c>tempN_input</c> in millidegrees and the
/// <c>tempN_label</c> when it has one, labelled as lm-sensors' <c>sensors</c> prints them: <c>coretemp Package id 0</c>),
/// or from /sys/class/thermal's zones when no chip reports one (virtual machines, some ARM boards). The files are kept
/// open and read with one call each, as /proc's are. A machine without sensors has none: its temperature is n/a.
/// </summary>
internal sealed class Sensors : IDisposable
{
    private readonly (string Label, ProcFile File)[] sensors;

    private Sensors((string Label, ProcFile File)[] sensors) => this.sensors = sensors;

    /// <summary>How people read each sensor, in the order found.</summary>
    public IReadOnlyList<string> Labels => [.. sensors.Select(s => s.Label)];

    /// <summary>How many sensors there are.</summary>
    public int Count => sensors.Length;

    /// <summary>Finds the sensors under <paramref name="sysRoot"/> (/sys); none when it has none or cannot be read.</summary>
    public static Sensors Discover(string sysRoot)
    {
        var found = Hwmon(Path.Combine(sysRoot, "class", "hwmon")).ToList();
        if (found.Count == 0)
        {
            found.AddRange(ThermalZones(Path.Combine(sysRoot, "class", "thermal")));
        }

        return new Sensors([.. found.Select(f => Open(f.Label, f.Path)).OfType<(string, ProcFile)>()]);
    }

    /// <summary>
    /// Reads every sensor, in degrees Celsius, into <paramref name="each"/> (one per sensor; NaN for one that cannot be
    /// read) and returns the hottest; NaN when there is none or none can be read.
    /// </summary>
    public double Read(Span<double> each)
    {
        var hottest = double.NaN;
        for (var i = 0; i < sensors.Length; i++)
        {
            var value = TryReadMillidegrees(sensors[i].File, out var millidegrees) ? millidegrees / 1000.0 : double.NaN;
            if (i < each.Length)
            {
                each[i] = value;
            }

            if (!double.IsNaN(value) && !(value <= hottest))
            {
                hottest = value;
            }
        }

        return hottest;
    }

    /// <summary>The hottest sensor's temperature in degrees Celsius; NaN when there is none or none can be read.</summary>
    public double Hottest() => Read([]);

    public void Dispose()
    {
        foreach (var (_, file) in sensors)
        {
            file.Dispose();
        }
    }

    private static IEnumerable<(string Label, string Path)> Hwmon(string folder)
    {
        foreach (var chip in Folders(folder))
        {
            var name = ReadText(Path.Combine(chip, "name")) ?? Path.GetFileName(chip);
            var inputs = Directory.EnumerateFiles(chip, "temp*_input")
                .Select(path => (Path: path, Number: Number(Path.GetFileName(path)["temp".Length..^"_input".Length])))
                .OrderBy(input => input.Number);
            foreach (var (path, number) in inputs)
            {
                var label = ReadText(Path.Combine(chip, $"temp{number}_label")) ?? $"temp{number}";
                yield return ($"{name} {label}", path);
            }
        }
    }

    private static IEnumerable<(string Label, string Path)> ThermalZones(string folder) =>
        Folders(folder)
            .Where(zone => Path.GetFileName(zone).StartsWith("thermal_zone", StringComparison.Ordinal) && File.Exists(Path.Combine(zone, "temp")))
            .Select(zone => ($"{ReadText(Path.Combine(zone, "type")) ?? "thermal"} ({Path.GetFileName(zone).Replace('_', ' ')})", Path.Combine(zone, "temp")));

    /// <summary>The entries of a /sys class folder (symbolic links to the devices), in their number's order.</summary>
    private static IEnumerable<string> Folders(string folder)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(folder).OrderBy(path => Number(new string([.. Path.GetFileName(path).Where(char.IsAsciiDigit)]))).ThenBy(path => path, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static (string, ProcFile)? Open(string label, string path)
    {
        try
        {
            return (label, new ProcFile(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool TryReadMillidegrees(ProcFile file, out long millidegrees)
    {
        millidegrees = 0;
        try
        {
            return Utf8Parser.TryParse(file.Read(), out millidegrees, out _);
        }
        catch (IOException)
        {
            // A sensor that went away, or whose driver refuses the read now (some report ENODATA while asleep).
            return false;
        }
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int Number(string digits) => int.TryParse(digits, out var number) ? number : int.MaxValue;
}
