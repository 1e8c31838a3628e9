namespace Atelier.Imaging.Processing;

/// <summary>libvips set up for many images at once: no operation cache, one thread per image.</summary>
internal static class VipsSettings
{
    private static int applied;

    /// <remarks>
    /// N images in parallel, each on one libvips thread, beats one image on N threads (no contention inside an
    /// image's pipeline), and a cache only holds memory when every image is seen once.
    /// </remarks>
    /// <exception cref="AtelierException">libvips could not be started.</exception>
    public static void Apply()
    {
        Libvips.EnsureStarted();
        if (Interlocked.Exchange(ref applied, 1) == 1)
        {
            return;
        }

        NetVips.Cache.Max = 0;
        NetVips.Cache.MaxFiles = 0;
        NetVips.Cache.MaxMem = 0;
        NetVips.NetVips.Concurrency = 1;
        VipsDiagnosis.Install();
        MallocTuning.Apply();
    }
}
