namespace Atelier.Fetch.Transfer;

/// <summary>How an answer failed the checks it must pass before a byte of it is kept.</summary>
internal enum Lie
{
    /// <summary>A 206 without a Content-Range that parses.</summary>
    NoContentRange,

    /// <summary>A 206 for other bytes than the ones asked for.</summary>
    WrongRange,

    /// <summary>A 206 whose total is not the length the file already has.</summary>
    WrongLength,

    /// <summary>A Content-Length that is not the length of the range it comes with.</summary>
    LengthMismatch,

    /// <summary>A range of a body encoded for transfer (gzip...): ranges of it cannot be joined with others.</summary>
    Encoded,

    /// <summary>An ETag or Last-Modified other than the one the file began with: the file changed meanwhile.</summary>
    Changed,

    /// <summary>A 206 to a request that asked for no range.</summary>
    UnaskedRange,

    /// <summary>A 200 (the whole body) to a request for a range a split download needs.</summary>
    IgnoredRange,

    /// <summary>A body that went on past the length its answer announced.</summary>
    RunsPast,

    /// <summary>A 416: the server has no bytes where the file, as saved so far, goes on.</summary>
    Vanished,

    /// <summary>Bytes asked for twice (the seam before a range) that came back different.</summary>
    SeamMismatch,

    /// <summary>A finished file whose digest is not the one the server announced (Repr-Digest, Digest, Content-MD5).</summary>
    DigestMismatch,
}
