using System.Runtime.InteropServices;
using System.Text;

namespace Atelier.Jobs.Unix;

/// <summary>
/// A NULL-terminated array of NUL-terminated UTF-8 strings, as argv and envp are, laid out in one native block:
/// the pointers first, then the bytes they point to.
/// </summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private byte* block;

    public NativeStringArray(IReadOnlyList<string> first, IReadOnlyList<string>? second = null)
    {
        second ??= [];
        var count = first.Count + second.Count;
        var pointers = (nuint)(count + 1) * (nuint)sizeof(byte*);
        var bytes = pointers;
        foreach (var text in first.Concat(second))
        {
            bytes += (nuint)Encoding.UTF8.GetByteCount(text) + 1;
        }

        block = (byte*)NativeMemory.Alloc(bytes);
        var table = (byte**)block;
        var next = block + pointers;
        var end = block + bytes;
        var i = 0;
        foreach (var text in first.Concat(second))
        {
            table[i++] = next;
            var written = Encoding.UTF8.GetBytes(text, new Span<byte>(next, (int)(end - next)));
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
