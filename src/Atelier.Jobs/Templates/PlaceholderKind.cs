namespace Atelier.Jobs.Templates;

/// <summary>What a placeholder stands for; the names follow GNU parallel's replacement strings.</summary>
internal enum PlaceholderKind
{
    /// <summary><c>{}</c>: the value.</summary>
    Value,

    /// <summary><c>{.}</c>: the value without its extension.</summary>
    WithoutExtension,

    /// <summary><c>{/}</c>: the last path component.</summary>
    Basename,

    /// <summary><c>{//}</c>: the directory part.</summary>
    Dirname,

    /// <summary><c>{/.}</c>: the last path component without its extension.</summary>
    BasenameWithoutExtension,

    /// <summary><c>{#}</c>: the job number, from 1.</summary>
    Sequence,

    /// <summary><c>{%}</c>: the job slot, from 1 to the number of jobs at once.</summary>
    Slot,
}
