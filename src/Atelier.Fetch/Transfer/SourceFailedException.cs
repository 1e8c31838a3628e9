namespace Atelier.Fetch.Transfer;

/// <summary>
/// A request to one of several sources failed before its body began (refused, an HTTP error, the wrong length, a
/// changed body): the source is dropped and another serves the file.
/// </summary>
internal sealed class SourceFailedException(Exception innerException) : Exception(innerException.Message, innerException);
