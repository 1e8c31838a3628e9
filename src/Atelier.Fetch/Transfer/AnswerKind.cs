namespace Atelier.Fetch.Transfer;

/// <summary>What an answer that passed its checks gives.</summary>
internal enum AnswerKind
{
    /// <summary>The whole body from its first byte (200, or 206 to <c>bytes=0-</c> covering all of it).</summary>
    Whole,

    /// <summary>The range asked for (206), checked against the request and the file.</summary>
    Partial,

    /// <summary>The whole body (200) to a request for a range after the first byte: the server ignored the range, or If-Range said the body changed.</summary>
    IgnoredRange,

    /// <summary>304 to a conditional request (<c>--newer</c>): the file saved last time is still the server's.</summary>
    NotModified,

    /// <summary>416 to a range: the server has no bytes there; <see cref="Answer.Total"/> says how long the file is, when it does.</summary>
    RangeNotSatisfiable,
}
