using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Fetching;

public sealed class CertificateFacts
{
    private const string Host = "tls.abc.go.th";

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Host);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static TestServer Serve() => TestServer.StartTls(
        r => r.Path == "/" ? TestResponse.Html("<html><title>ปลอดภัย?</title><body><a href='/a'>a</a></body></html>")
            : TestResponse.WithStatus(404),
        SelfSigned());

    [Fact]
    public async Task CrawlAsync_ReportsCertificateInvalid_WhenCertificateDoesNotValidate()
    {
        await using var server = Serve();
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback().AddResolve($"{Host}:127.0.0.1"));

        var snapshot = await crawler.CrawlAsync(new Uri($"https://{Host}:{server.Port}/"));

        Assert.Equal(SiteStatus.CertificateInvalid, snapshot.Status);
        Assert.Contains("RemoteCertificateChainErrors", snapshot.StatusReason);
        Assert.Empty(snapshot.Pages);
    }

    [Fact]
    public async Task CrawlAsync_ContinuesAndSaysSo_WhenOperatorIgnoresCertificateErrors()
    {
        await using var server = Serve();
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.IgnoreCertificateErrors = true)
            .AddResolve($"{Host}:127.0.0.1"));

        var snapshot = await crawler.CrawlAsync(new Uri($"https://{Host}:{server.Port}/"));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.Equal("ปลอดภัย?", snapshot.Pages.Single(p => p.Url.AbsolutePath == "/").Title);
        Assert.Contains(snapshot.Findings,
            f => f.StartsWith($"certificate-invalid (continued by operator option): {Host}", StringComparison.Ordinal));
    }
}
