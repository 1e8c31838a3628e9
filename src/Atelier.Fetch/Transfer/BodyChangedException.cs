namespace Atelier.Fetch.Transfer;

/// <summary>
/// A range of a split download came from another version of the file (If-Range answered with the whole body, another
/// length) or the server stopped serving ranges: the ranges cannot be put together into one file.
/// </summary>
internal sealed class BodyChangedException(string message) : Exception(message);
