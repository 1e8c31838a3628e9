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
        Settings = [setting];
    }

    /// <summary>Creates the exception about how settings go together, each named in the message as its options type spells it.</summary>
    /// <param name="message">The sentence, naming the settings: <c>RoundRobin goes with Pipe or PipePart.</c></param>
    /// <param name="settings">The settings it names, with their options type: <c>JobPlanOptions.RoundRobin</c>.</param>
    public AtelierException(string message, IReadOnlyList<string> settings)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    /// <summary>The setting the message is about (<c>ResizeOptions.Quality</c>), or null.</summary>
    /// <remarks>A caller that knows how its user spelled the setting (<c>--quality</c>) puts that in front of the message.</remarks>
    public string? Setting => Settings.Count > 0 ? Settings[0] : null;

    /// <summary>
    /// The settings the message is about, with their options type (<c>JobPlanOptions.RoundRobin</c>); empty when it is
    /// about none. A caller that knows how its user spells them (<c>--round-robin</c>) writes that where the message
    /// names them, or, when it names none, in front of it.
    /// </summary>
    public IReadOnlyList<string> Settings { get; } = [];
}
