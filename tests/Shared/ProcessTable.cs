using System.Globalization;

namespace Atelier.Tests.Support;

/// <summary>What /proc says about processes: whether one is alive, and who its children are.</summary>
internal static class ProcessTable
{
    /// <summary>True while the process exists and has not exited (a zombie waiting to be reaped counts as exited).</summary>
    public static bool IsAlive(int processId) => Stat(processId) is { } stat && stat.State is not ('Z' or 'X');

    /// <summary>The live processes whose parent is the given one.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentId) =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(id => Stat(id) is { } stat && stat.ParentId == parentId && stat.State is not ('Z' or 'X')),
    ];

    private static (char State, int ParentId)? Stat(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // After the command name (in parentheses, which may itself hold spaces): state, then parent id.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
