using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

namespace Atelier.Labs.Text;

/// <summary>
/// The lessons' words in the reader's language: every title, heading and explanation comes from
/// <c>Text/Strings.resx</c> (English) or <c>Text/Strings.LANG.resx</c> (<c>fr</c>: French), embedded in this assembly,
/// so a language is a file. Numbers follow the language's separators, given in its file too (French: 20 000,5).
/// </summary>
/// <remarks>
/// The language is per asynchronous flow (<see cref="AsyncLocal{T}"/>): a run sets it once, and two runs in two
/// languages side by side (tests) do not mix. The files are embedded under their own names rather than as satellite
/// assemblies, so the native build needs nothing beside its executable.
/// </remarks>
public static class LabText
{
    /// <summary>The language every lesson can speak: English, the words the code is written with.</summary>
    public const string English = "en";

    private const string BaseName = "Atelier.Labs.Text.Strings";
    private static readonly AsyncLocal<string?> current = new();
    private static readonly ConcurrentDictionary<string, (ResourceManager Words, CultureInfo Numbers)> languages = new(StringComparer.Ordinal);

    /// <summary>The languages there is a file for: <c>en</c>, <c>fr</c>.</summary>
    public static IReadOnlyList<string> Available { get; } =
    [
        English,
        .. typeof(LabText).Assembly.GetManifestResourceNames()
            .Where(n => n.Length > BaseName.Length + 1 + ".resources".Length && n.StartsWith(BaseName + ".", StringComparison.Ordinal) && n.EndsWith(".resources", StringComparison.Ordinal))
            .Select(n => n[(BaseName.Length + 1)..^".resources".Length])
            .Where(n => n.Length > 0 && !n.Contains('.', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The language of this flow's lessons.</summary>
    /// <value><see cref="English"/> unless set.</value>
    /// <exception cref="ArgumentException">There is no file for that language.</exception>
    public static string Language
    {
        get => current.Value ?? English;
        set => current.Value = Available.Contains(value) ? value : throw new ArgumentException($"No lesson text in '{value}': there is {string.Join(", ", Available)}.", nameof(value));
    }

    /// <summary>
    /// The language the environment asks for, as gettext reads it: <c>LC_ALL</c>, else <c>LC_MESSAGES</c>, else
    /// <c>LANG</c> (<c>fr_FR.UTF-8</c> is <c>fr</c>); English when it names none there is a file for.
    /// </summary>
    public static string FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var setting = new[] { "LC_ALL", "LC_MESSAGES", "LANG" }.Select(variable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var language = setting?.Split('_', '.', '@', '-')[0].ToLowerInvariant();
        return language is not null && Available.Contains(language) ? language : English;
    }

    /// <summary>The text of <paramref name="key"/> in this flow's language (English when that file lacks it).</summary>
    /// <param name="key">A key of the text files: <c>Lesson.race</c>, <c>Setting.race.threads</c>, <c>Cli.lab</c> (the command line's words for the lessons).</param>
    /// <exception cref="InvalidOperationException">No file has the key.</exception>
    public static string Get(string key)
    {
        var (words, _) = Of(Language);
        return words.GetString(key, CultureInfo.InvariantCulture) ?? Of(English).Words.GetString(key, CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException($"No lesson text '{key}'.");
    }

    /// <summary>The text of <paramref name="key"/> in this flow's language, or in English, or null when neither has it.</summary>
    internal static string? TryGet(string key) =>
        Of(Language).Words.GetString(key, CultureInfo.InvariantCulture) ?? Of(English).Words.GetString(key, CultureInfo.InvariantCulture);

    /// <summary>The text of <paramref name="key"/> with its placeholders filled, numbers in the language's way.</summary>
    /// <exception cref="InvalidOperationException">No file has the key.</exception>
    public static string Format(string key, params object?[] values) => string.Format(Numbers, Get(key), values);

    /// <summary>How numbers are written in this flow's language.</summary>
    internal static CultureInfo Numbers => Of(Language).Numbers;

    private static (ResourceManager Words, CultureInfo Numbers) Of(string language) => languages.GetOrAdd(language, name =>
    {
        var words = new ResourceManager(name == English ? BaseName : $"{BaseName}.{name}", typeof(LabText).Assembly);
        var numbers = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        numbers.NumberFormat.NumberGroupSeparator = words.GetString("Numbers.GroupSeparator", CultureInfo.InvariantCulture) ?? ",";
        numbers.NumberFormat.NumberDecimalSeparator = words.GetString("Numbers.DecimalSeparator", CultureInfo.InvariantCulture) ?? ".";
        numbers.NumberFormat.PercentGroupSeparator = numbers.NumberFormat.NumberGroupSeparator;
        numbers.NumberFormat.PercentDecimalSeparator = numbers.NumberFormat.NumberDecimalSeparator;
        return (words, CultureInfo.ReadOnly(numbers));
    });
}
