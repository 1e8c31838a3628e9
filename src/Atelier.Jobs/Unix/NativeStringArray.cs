using System.Runtime.InteropServices;
using System.Text;

namespace Atelier.Jobs.Unix;

/// <summary>
/// A NULL-terminated array of NUL-terminated UTF-8 strings, as argv and envp are, laid out in one native block:
/// the pointers first, then the bytes they point to. It may start with the strings of another array, shared, not
/// copied (the environment every job inherits, then each job's own variables).
/// </summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private readonly int count;
    private byte* block;

    public NativeStringArray(IReadOnlyList<string> strings, NativeStringArray? shared = null)
    {
        var inherited = shared?.count ?? 0;
        count = inherited + strings.Count;
        var pointers = (nuint)(count + 1) * (nuint)sizeof(byte*);
        var bytes = pointers;
        foreach (var text in strings)
        {
            bytes += (nuint)Encoding.UTF8.GetByteCount(text) + 1;
        }

        block = (byte*)NativeMemory.Alloc(bytes);
        var table = (byte**)block;
        if (shared is not null)
        {
            new ReadOnlySpan<nint>(shared.block, inherited).CopyTo(new Span<nint>(table, inherited));
        }

        var next = block + pointers;
        var end = block + bytes;
        for (var i = 0; i < strings.Count; i++)
        {
            table[inherited + i] = next;
            var written = Encoding.UTF8.GetBytes(strings[i], new Span<byte>(next, (int)(end - next)));
            next[written] = 0;
            next += written + 1;
        }

        table[count] = null;
    }

    public byte** Pointers => (byte**)block;

    public void Dispose()
    {
        NativeMemory.Free(block);
        block = null;
    }
}
