using System.Runtime.InteropServices;
using NetVips;

namespace Atelier.Imaging.Processing;

/// <summary>
/// Each failed image's own reason. libvips keeps one error buffer for the whole process and logs a decoder's
/// complaints (<c>IDAT: CRC error</c>) as warnings, not errors: with several images at once, an exception can carry
/// another image's message, and the real cause goes to stderr. So images are made under a shared lock, and a failed
/// one is made again alone, under the exclusive lock, with the error buffer cleared and the warnings captured: what
/// libvips says then is about that image and nothing else.
/// </summary>
/// <remarks>
/// Warnings outside a diagnosis (an image that succeeds in spite of them) are dropped rather than written raw to
/// stderr over the progress display. Failures are rare; a diagnosis waits for the images in progress to finish.
/// </remarks>
internal static partial class VipsDiagnosis
{
    private const int MaxLength = 300;
    private static readonly ReaderWriterLockSlim Gate = new(LockRecursionPolicy.NoRecursion);
    private static readonly Lock WarningsGate = new();

    // Kept in a field: libvips holds a pointer to it for the life of the process.
    private static readonly Log.LogDelegate Handler = OnLog;
    private static List<string>? capturing;
    private static int installed;

    /// <summary>Routes libvips' warnings here instead of stderr. Idempotent.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 0)
        {
            Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Critical | Enums.LogLevelFlags.Message, Handler);
        }
    }

    /// <summary>Runs one image's libvips work alongside the others'.</summary>
    public static void Run(Action work)
    {
        Gate.EnterReadLock();
        try
        {
            work();
        }
        finally
        {
            Gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Runs a failed image's work again, alone: what libvips says then (its decoder's warnings, else its error) is
    /// that image's reason. Null if it succeeds this time.
    /// </summary>
    public static string? Diagnose(Action work)
    {
        Gate.EnterWriteLock();
        var warnings = new List<string>();
        try
        {
            ClearErrors();
            lock (WarningsGate)
            {
                capturing = warnings;
            }

            work();
            return null;
        }
        catch (VipsException e)
        {
            List<string> said;
            lock (WarningsGate)
            {
                said = [.. warnings.Distinct(StringComparer.Ordinal)];
            }

            // libvips' own "error in tile 0 x 16" follows the decoder's complaint: where, not what. Without a
            // complaint, the error itself says what.
            said.RemoveAll(IsWhere);

            var reason = said.Count > 0 ? string.Join("; ", said) : VipsErrors.Describe(e);
            return reason.Length <= MaxLength ? reason : string.Concat(reason.AsSpan(0, MaxLength - 1), "…");
        }
        finally
        {
            lock (WarningsGate)
            {
                capturing = null;
            }

            Gate.ExitWriteLock();
        }
    }

    private static bool IsWhere(string warning) => warning.StartsWith("error in tile ", StringComparison.Ordinal);

    private static void OnLog(string domain, Enums.LogLevelFlags level, string message)
    {
        lock (WarningsGate)
        {
            capturing?.Add(message.Trim());
        }
    }

    /// <summary>Whatever an earlier image left in libvips' error buffer is not this image's.</summary>
    private static void ClearErrors()
    {
        if (Libvips.Available)
        {
            VipsErrorClear();
        }
    }

    [LibraryImport(Libvips.ImportName, EntryPoint = "vips_error_clear")]
    private static partial void VipsErrorClear();
}
