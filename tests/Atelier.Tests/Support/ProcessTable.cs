namespace Atelier.Tests.Support;

internal static class ProcessTable
{
    /// <summary>True while the process exists and has not exited (a zombie waiting to be reaped counts as exited).</summary>
    public static bool IsAlive(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        // The state follows the command name, which is in parentheses and may itself contain spaces.
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }
}
