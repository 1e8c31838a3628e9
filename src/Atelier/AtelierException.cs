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

    /// <summary>Creates the exception about one setting's value, as <see cref="ArgumentException"/> names its parameter.</summary>
    /// <param name="message">What is wrong with the value, without the setting's name: <c>'101' must be between 1 and 100.</c></param>
    /// <param name="setting">The setting, as its options type names it: <c>ResizeOptions.Quality</c>.</param>
    public AtelierException(string message, string setting)
        : base(message)
    {
        Setting = setting;
    }

    /// <summary>The setting the message is about (<c>ResizeOptions.Quality</c>), or null.</summary>
    /// <remarks>A caller that knows how its user spelled the setting (<c>--quality</c>) puts that in front of the message.</remarks>
    public string? Setting { get; }
}
