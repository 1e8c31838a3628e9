namespace Atelier.Fetch.Credentials;

/// <summary>A user name and password for a host, from a netrc file.</summary>
/// <param name="Name">The login.</param>
/// <param name="Password">The password.</param>
internal sealed record NetrcLogin(string Name, string Password)
{
    /// <summary>Never the password, so that a login printed by mistake shows nothing secret.</summary>
    public override string ToString() => $"{Name}:***";
}
