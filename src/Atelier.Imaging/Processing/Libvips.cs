using System.Reflection;
using System.Runtime.InteropServices;

namespace Atelier.Imaging.Processing;

/// <summary>
/// Starts libvips the first time an image is resized, and not before: the native build runs every module
/// initializer at start-up, so its build replaces NetVips' (which would load libvips for every command, even
/// <c>atelier --version</c>) with nothing, and this does that work on demand.
/// </summary>
/// <remarks>
/// Under the JIT, NetVips' own initializer has already run by the time this reads its result, and this only reports
/// a failure. Thread-safe: the first caller starts libvips, the others wait for it.
/// </remarks>
internal static class Libvips
{
    /// <summary>The name this assembly's own imports of libvips functions use; resolved to the platform's file.</summary>
    public const string ImportName = "libvips";

    private static readonly Lazy<string?> Failure = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether libvips started (after <see cref="EnsureStarted"/>).</summary>
    public static bool Available => Failure.IsValueCreated && Failure.Value is null;

    /// <exception cref="AtelierException">libvips could not be loaded or started.</exception>
    public static void EnsureStarted()
    {
        if (Failure.Value is { } reason)
        {
            throw new AtelierException($"libvips could not be started: {reason}");
        }
    }

    private static string? Start()
    {
        NativeLibrary.SetDllImportResolver(typeof(Libvips).Assembly, ResolveOwn);
        if (NetVips.ModuleInitializer.VipsInitialized)
        {
            return null;
        }

        if (NetVips.ModuleInitializer.Exception is { } failed)
        {
            // NetVips' own initializer ran and failed: say why.
            return failed.Message;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(NetVips.Image).Assembly, Resolve);
            return NetVips.NetVips.Init() ? null : "vips_init failed";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    private static nint ResolveOwn(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name != ImportName ? 0
        : NativeLibrary.Load(
            OperatingSystem.IsWindows() ? "libvips-42.dll" : OperatingSystem.IsMacOS() ? "libvips.42.dylib" : "libvips.so.42", assembly, searchPath);

    /// <summary>NetVips names Windows' DLLs; the libvips NetVips.Native ships elsewhere is one library with GLib inside.</summary>
    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        OperatingSystem.IsWindows() ? 0
        : NativeLibrary.Load(OperatingSystem.IsMacOS() ? "libvips.42.dylib" : "libvips.so.42", assembly, searchPath);
}
