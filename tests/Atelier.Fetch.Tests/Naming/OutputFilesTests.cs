using Atelier.Fetch.Naming;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests.Naming;

/// <summary>Committing a finished download while another program writes into the same folder.</summary>
public sealed class OutputFilesTests
{
    [Fact]
    public void Commit_Rename_FileAppearedSinceTheReservation_TakesTheNextFreeNameAndLeavesItAlone()
    {
        using var folder = new TempFolder();
        var files = new OutputFiles(folder.Path, ExistingFile.Rename);
        var reserved = files.Reserve("data.csv").Path!;
        var part = WritePart(reserved, "new");
        File.WriteAllText(reserved, "someone else's");

        var committed = files.Commit(part, reserved);

        Assert.Equal(Path.Combine(folder.Path, "data.1.csv"), committed);
        Assert.Equal("someone else's", File.ReadAllText(reserved));
        Assert.Equal("new", File.ReadAllText(committed));
        Assert.Equal(["data.1.csv", "data.csv"], folder.Files);
    }

    [Fact]
    public void Commit_Fail_FileAppearedSinceTheReservation_RefusesAndKeepsBoth()
    {
        using var folder = new TempFolder();
        var files = new OutputFiles(folder.Path, ExistingFile.Fail);
        var reserved = files.Reserve("data.csv").Path!;
        var part = WritePart(reserved, "new");
        File.WriteAllText(reserved, "someone else's");

        var error = Assert.Throws<IOException>(() => files.Commit(part, reserved));

        Assert.Contains("data.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal("someone else's", File.ReadAllText(reserved));
        Assert.Equal("new", File.ReadAllText(part));
    }

    [Fact]
    public void Commit_Overwrite_ReplacesWhatIsThere()
    {
        using var folder = new TempFolder();
        var files = new OutputFiles(folder.Path, ExistingFile.Overwrite);
        var reserved = files.Reserve("data.csv").Path!;
        var part = WritePart(reserved, "new");
        File.WriteAllText(reserved, "old");

        Assert.Equal(reserved, files.Commit(part, reserved));
        Assert.Equal("new", File.ReadAllText(reserved));
        Assert.Equal(["data.csv"], folder.Files);
    }

    [Fact]
    public void Commit_IntoAFolderThatWentAway_IsAnIOExceptionNamingTheTarget()
    {
        using var folder = new TempFolder();
        var files = new OutputFiles(folder.Path, ExistingFile.Rename);
        var reserved = files.Reserve("data.csv").Path!;
        var part = WritePart(reserved, "new");
        var elsewhere = Path.Combine(folder.Path, "gone", "data.csv");

        var error = Assert.ThrowsAny<IOException>(() => files.Commit(part, elsewhere));

        Assert.Contains("gone", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(part));
    }

    private static string WritePart(string finalPath, string content)
    {
        var part = finalPath + OutputFiles.PartSuffix;
        File.WriteAllText(part, content);
        return part;
    }
}
