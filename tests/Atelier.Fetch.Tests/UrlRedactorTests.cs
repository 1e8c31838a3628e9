namespace Atelier.Fetch.Tests;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData("https://alice:s3cret@example.com/file", "https://***@example.com/file")]
    [InlineData("https://token@example.com/", "https://***@example.com/")]
    [InlineData("https://example.com/f?token=abc&x=1", "https://example.com/f?token=***&x=1")]
    [InlineData("https://s3.example.com/o?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA", "https://s3.example.com/o?X-Amz-Signature=***&X-Amz-Credential=***")]
    [InlineData("https://example.com/a@b", "https://example.com/a@b")]
    [InlineData("https://example.com/?keyboard=1", "https://example.com/?keyboard=1")]
    public void Redact_HidesSecretsOnly(string url, string expected) => Assert.Equal(expected, UrlRedactor.Redact(url));

    [Fact]
    public void RedactText_HidesUrlsInsideAMessage() =>
        Assert.Equal("failed on https://***@example.com/x, giving up", UrlRedactor.RedactText("failed on https://bob:pw@example.com/x, giving up"));
}
