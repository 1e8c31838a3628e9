namespace Atelier.Jobs.Templates;

/// <summary>The path transforms of placeholders, on '/'-separated text as GNU parallel does them (no file system access).</summary>
internal static class PathParts
{
    /// <summary><c>dir/a.tar.gz</c> → <c>a.tar.gz</c>; <c>a</c> → <c>a</c>.</summary>
    public static string Basename(string value) => value[(value.LastIndexOf('/') + 1)..];

    /// <summary><c>dir/sub/a</c> → <c>dir/sub</c>; <c>a</c> → <c>.</c>; <c>/a</c> → <c>/</c>.</summary>
    public static string Dirname(string value)
    {
        var slash = value.LastIndexOf('/');
        return slash switch
        {
            < 0 => ".",
            0 => "/",
            _ => value[..slash],
        };
    }

    /// <summary><c>dir.d/a.tar.gz</c> → <c>dir.d/a.tar</c>; <c>dir.d/a</c> and <c>.bashrc</c> unchanged.</summary>
    public static string WithoutExtension(string value)
    {
        var slash = value.LastIndexOf('/');
        var dot = value.LastIndexOf('.');
        return dot > slash + 1 ? value[..dot] : value;
    }
}
