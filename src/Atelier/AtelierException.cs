namespace Atelier;

/// <summary>
/// An expected problem a person can fix: a bad option, a missing file, a program that cannot start.
/// </summary>
/// <remarks>
/// The message is a sentence that quotes the bad value. The <c>atelier</c> command prints it as one line,
/// <c>atelier: message</c>, without a stack trace, and exits with code 1.
/// </remarks>
public sealed class AtelierException : Exception
{
    /// <summary>Creates the exception with a message a person can act on.</summary>
    public AtelierException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message a person can act on and the underlying cause.</summary>
    public AtelierException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
