using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Atelier.Tests.Support;

/// <summary>
/// A certificate authority of the test's own, a server certificate it issued for 127.0.0.1 and localhost, and a
/// client certificate, written as PEM files in a temporary folder (removed on dispose).
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly TempFolder folder = new();

    public TestCertificates()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Atelier test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(AuthorityFile, ca.ExportCertificatePem());

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        Issue(ca, "CN=localhost", names.Build(), new Oid("1.3.6.1.5.5.7.3.1"), ServerCertificateFile, ServerKeyFile);
        Issue(ca, "CN=atelier-client", null, new Oid("1.3.6.1.5.5.7.3.2"), ClientCertificateFile, ClientKeyFile);
    }

    public string AuthorityFile => Path.Combine(folder.Path, "ca.crt");

    public string ServerCertificateFile => Path.Combine(folder.Path, "server.crt");

    public string ServerKeyFile => Path.Combine(folder.Path, "server.key");

    public string ClientCertificateFile => Path.Combine(folder.Path, "client.crt");

    public string ClientKeyFile => Path.Combine(folder.Path, "client.key");

    public void Dispose() => folder.Dispose();

    private static void Issue(X509Certificate2 ca, string subject, X509Extension? names, Oid usage, string certificateFile, string keyFile)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), serial);
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
