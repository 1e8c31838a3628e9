namespace Atelier.Fetch.Transfer;

/// <summary>A body read and dropped (<c>--check</c>): only its length is kept.</summary>
internal sealed class DiscardTarget(TransferState state) : IBodyTarget
{
    public bool Write(ReadOnlySpan<byte> bytes)
    {
        state.Wrote(state.Written, bytes);
        return true;
    }
}
