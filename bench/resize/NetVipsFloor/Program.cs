// Usage: NetVipsFloor FOLDER OUT. Every JPEG fitted to 800x600, as many at once as there are cores, libvips cache off
// and one thread per image: what atelier resize does minus everything else (names, checks, results, skips).
using NetVips;

Cache.Max = 0;
Cache.MaxFiles = 0;
Cache.MaxMem = 0;
NetVips.NetVips.Concurrency = 1;
Parallel.ForEach(Directory.GetFiles(args[0], "*.jpg"), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
{
    using var thumbnail = Image.Thumbnail(file, 800, height: 600);
    thumbnail.Jpegsave(Path.Combine(args[1], Path.GetFileName(file)), q: 85);
});
