namespace Atelier.Fetch;

/// <summary>What to do when the file a download would create already exists.</summary>
public enum ExistingFile
{
    /// <summary>Save under the next free name: <c>name.1.ext</c>, <c>name.2.ext</c>...</summary>
    Rename,

    /// <summary>Leave the existing file and report the item as skipped.</summary>
    Skip,

    /// <summary>Replace the existing file once the new one is complete.</summary>
    Overwrite,

    /// <summary>Fail the item.</summary>
    Fail,
}
