using System.Runtime.InteropServices;

namespace Atelier.Fetch.Naming;

/// <summary>
/// Linux's <c>renameat2(RENAME_NOREPLACE)</c>: moves a file to a name only if nothing has that name, in one atomic
/// system call. <see cref="File.Move(string, string, bool)"/> without overwrite checks the target first and renames
/// after (three <c>lstat</c>s and a window in which another program's file can be replaced).
/// </summary>
internal static partial class NoReplaceRename
{
    private const int CurrentDirectory = -100;
    private const uint NoReplace = 1;
    private const int FileExists = 17;
    private static bool unavailable = !OperatingSystem.IsLinux();

    /// <summary>True when moved, false when the target exists; null when this system or file system cannot do it.</summary>
    /// <exception cref="IOException">The move failed for another reason.</exception>
    public static bool? TryMove(string source, string target)
    {
        if (Volatile.Read(ref unavailable))
        {
            return null;
        }

        try
        {
            if (RenameAt2(CurrentDirectory, source, CurrentDirectory, target, NoReplace) == 0)
            {
                return true;
            }
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without renameat2.
            Volatile.Write(ref unavailable, true);
            return null;
        }

        var error = Marshal.GetLastPInvokeError();
        return error switch
        {
            FileExists => false,

            // EINVAL: this file system does not support the flag; ENOSYS: nor does the kernel.
            22 or 38 => null,
            _ => throw new IOException($"{Marshal.GetPInvokeErrorMessage(error)}: '{target}'"),
        };
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int sourceDirectory, string source, int targetDirectory, string target, uint flags);
}
