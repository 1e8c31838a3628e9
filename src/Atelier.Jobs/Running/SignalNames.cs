namespace Atelier.Jobs.Running;

/// <summary>Names of the signals a job is likely to die of, for messages.</summary>
internal static class SignalNames
{
    public static string Describe(int signal) => signal switch
    {
        1 => "1 (SIGHUP)",
        2 => "2 (SIGINT)",
        3 => "3 (SIGQUIT)",
        4 => "4 (SIGILL)",
        6 => "6 (SIGABRT)",
        7 => "7 (SIGBUS)",
        8 => "8 (SIGFPE)",
        9 => "9 (SIGKILL)",
        11 => "11 (SIGSEGV)",
        13 => "13 (SIGPIPE)",
        14 => "14 (SIGALRM)",
        15 => "15 (SIGTERM)",
        _ => signal.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
