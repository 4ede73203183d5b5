using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PlanNacc.Crawler.Tests.Support;

namespace PlanNacc.Crawler.Tests.Fetching;

/// <summary>What the DLA registry's URLs really lead to: social pages, moved sites, dead domains, broken TLS; each typed.</summary>
public sealed class RegistryRealityFacts
{
    private const string Host = "tls.abc.go.th";

    [Theory]
    [InlineData("https://www.facebook.com/saiyoi.phrae", "Facebook")]
    [InlineData("https://m.facebook.com/profile.php?id=100064", "Facebook")]
    [InlineData("https://line.me/R/ti/p/@saiyoi", "LINE")]
    public async Task CrawlAsync_SaysSocialPageOnly_AndSendsNoRequest(string website, string platform)
    {
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(new Uri(website));

        Assert.Equal((SiteStatus.SocialPageOnly, SiteFailureKind.SocialPageOnly), (snapshot.Status, snapshot.Failure));
        Assert.StartsWith($"social page only: the registered website is a {platform} page", snapshot.StatusReason,
            StringComparison.Ordinal);
        Assert.Equal(0, snapshot.RequestsMade);
    }

    [Fact]
    public async Task CrawlAsync_AdoptsTheNewHost_WhenTheHomePageRedirectsToAnotherSite()
    {
        await using var server = TestServer.Start(r => (r.Host.Split(':')[0], r.Path) switch
        {
            ("www.nmt.or.th", "/phrae/saiyoi/") => TestResponse.Redirect($"http://www.saiyoi.go.th:{r.Host.Split(':')[1]}/", 301),
            ("www.saiyoi.go.th", "/") => TestResponse.Html(
                "<html><body><a href='/ita/'>ITA</a><a href='/about/'>ข้อมูลพื้นฐาน</a><a href='/news'>ข่าว</a></body></html>"),
            ("www.saiyoi.go.th", "/ita/" or "/about/" or "/news") => TestResponse.Html("<p>x</p>"),
            _ => TestResponse.WithStatus(404),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o =>
        {
            o.Resolve["www.nmt.or.th"] = IPAddress.Loopback;
            o.Resolve["www.saiyoi.go.th"] = IPAddress.Loopback;
        }));

        var snapshot = await crawler.CrawlAsync(new Uri($"http://www.nmt.or.th:{server.Port}/phrae/saiyoi/"));

        Assert.Equal(SiteStatus.Ok, snapshot.Status);
        Assert.Equal(new Uri($"http://www.saiyoi.go.th:{server.Port}/"), snapshot.MovedTo);
        Assert.Contains(snapshot.Findings, f => f.StartsWith("site-moved: ", StringComparison.Ordinal));
        // The old path prefix no longer applies: the new host is crawled whole.
        Assert.Equal(4, snapshot.Pages.Count(p => p.Url.Host == "www.saiyoi.go.th"));
    }

    [Fact]
    public async Task CrawlAsync_SaysDomainNotFound_WhenTheNameNoLongerResolves()
    {
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback());

        var snapshot = await crawler.CrawlAsync(new Uri("http://lao-gone.invalid/"));

        Assert.Equal((SiteStatus.Unreachable, SiteFailureKind.NoSuchHost), (snapshot.Status, snapshot.Failure));
        Assert.StartsWith("dns: lao-gone.invalid", snapshot.StatusReason, StringComparison.Ordinal);
    }

    public static TheoryData<string, SiteFailureKind> Failures() => new()
    {
        { "robots-503", SiteFailureKind.ServerBusy },
        { "robots-disallow", SiteFailureKind.RobotsDisallowed },
        { "home-reset", SiteFailureKind.ConnectionLost },
        { "home-503", SiteFailureKind.ServerBusy },
        { "home-404", SiteFailureKind.HttpStatus },
        { "home-loop", SiteFailureKind.Redirects },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task CrawlAsync_TypesTheFailure_SoARunKnowsWhatToRetry(string behaviour, SiteFailureKind kind)
    {
        await using var server = TestServer.Start(r => (behaviour, r.Path) switch
        {
            ("robots-503", "/robots.txt") or ("home-503", "/") => TestResponse.WithStatus(503),
            ("robots-disallow", "/robots.txt") => new(200, Encoding.UTF8.GetBytes("User-agent: *\nDisallow: /\n"), "text/plain"),
            ("home-reset", "/") => new TestResponse { Reset = true },
            ("home-404", "/") => TestResponse.WithStatus(404),
            ("home-loop", "/") => TestResponse.Redirect("/a"),
            ("home-loop", "/a") => TestResponse.Redirect("/"),
            (_, "/robots.txt") => TestResponse.WithStatus(404),
            _ => TestResponse.Html("<p>x</p>"),
        });
        await using var crawler = new SiteCrawler(Crawlers.FastLoopback(o => o.MaxRetries = 0));

        var snapshot = await crawler.CrawlAsync(server.Url());

        Assert.Equal(kind, snapshot.Failure);
        Assert.NotEqual(SiteStatus.Ok, snapshot.Status);
    }

    public static TheoryData<string, SiteFailureKind, string> BrokenCertificates() => new()
    {
        { "self-signed", SiteFailureKind.CertificateSelfSigned, "certificate-invalid: self-signed" },
        { "expired", SiteFailureKind.CertificateExpired, "certificate-invalid: expired" },
        { "wrong-host", SiteFailureKind.CertificateWrongHost, "certificate-invalid: wrong-host" },
        { "incomplete-chain", SiteFailureKind.CertificateIncompleteChain, "certificate-invalid: incomplete-chain" },
    };

    [Theory]
    [MemberData(nameof(BrokenCertificates))]
    public async Task CrawlAsync_NamesTheCertificateProblem(string problem, SiteFailureKind kind, string reason)
    {
        await using var server = TestServer.StartTls(_ => TestResponse.Html("<p>x</p>"), Certificate(problem));
        await using var crawler = new SiteCrawler(Patient(Crawlers.FastLoopback()).AddResolve($"{Host}:127.0.0.1"));

        var snapshot = await crawler.CrawlAsync(new Uri($"https://{Host}:{server.Port}/"));

        Assert.Equal((SiteStatus.CertificateInvalid, kind), (snapshot.Status, snapshot.Failure));
        Assert.StartsWith(reason, snapshot.StatusReason, StringComparison.Ordinal);
        Assert.True(kind.IsCertificate());
    }

    [Theory]
    [MemberData(nameof(BrokenCertificates))]
    public async Task CrawlAsync_ContinuesPastTheCertificate_AndEveryResultSaysSo(string problem, SiteFailureKind kind, string reason)
    {
        _ = (kind, reason);
        await using var server = TestServer.StartTls(_ => TestResponse.Html("<p>x</p>"), Certificate(problem));
        var options = Patient(Crawlers.FastLoopback(o => o.IgnoreCertificateErrors = true)).AddResolve($"{Host}:127.0.0.1");
        await using var crawler = new SiteCrawler(options);

        var snapshot = await crawler.CrawlAsync(new Uri($"https://{Host}:{server.Port}/"));

        Assert.NotEqual(SiteStatus.CertificateInvalid, snapshot.Status);
        Assert.True(snapshot.CertificateIgnored);
        var said = $"certificate-invalid (continued by operator option): {Host}: {problem}";
        Assert.Contains(snapshot.Findings, f => f.StartsWith(said, StringComparison.Ordinal));
    }

    /// <summary>A TLS handshake on a loaded machine can take seconds: these tests are about the answer, not its speed.</summary>
    private static CrawlerOptions Patient(CrawlerOptions options)
    {
        options.ConnectTimeout = TimeSpan.FromSeconds(20);
        options.RequestTimeout = TimeSpan.FromSeconds(60);
        options.SiteTimeBudget = TimeSpan.FromMinutes(3);
        return options;
    }

    private static X509Certificate2 Certificate(string problem)
    {
        var now = DateTimeOffset.UtcNow;
        switch (problem)
        {
            case "expired":
                return SelfSigned(Host, now.AddDays(-30), now.AddDays(-1));
            case "wrong-host":
                return SelfSigned("other.go.th", now.AddDays(-1), now.AddDays(30));
            case "incomplete-chain":
                // Root → intermediate → leaf; the server sends the leaf alone, so no client can build the chain.
                using (var rootKey = RSA.Create(2048))
                using (var intermediateKey = RSA.Create(2048))
                using (var leafKey = RSA.Create(2048))
                {
                    var rootRequest = new CertificateRequest("CN=Test Root", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
                    using var root = rootRequest.CreateSelfSigned(now.AddDays(-2), now.AddDays(60));
                    var intermediateRequest = new CertificateRequest(
                        "CN=Test Intermediate", intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
                    using var intermediate = intermediateRequest.Create(root, now.AddDays(-1), now.AddDays(50), [1, 2, 3, 4]);
                    using var intermediateWithKey = intermediate.CopyWithPrivateKey(intermediateKey);
                    var leafRequest = LeafRequest(Host, leafKey);
                    using var leaf = leafRequest.Create(intermediateWithKey, now.AddDays(-1), now.AddDays(30), [5, 6, 7, 8]);
                    using var leafWithKey = leaf.CopyWithPrivateKey(leafKey);
                    return X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pfx), null);
                }
            default:
                return SelfSigned(Host, now.AddDays(-1), now.AddDays(30));
        }
    }

    private static CertificateRequest LeafRequest(string name, RSA key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    private static X509Certificate2 SelfSigned(string name, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = RSA.Create(2048);
        using var certificate = LeafRequest(name, key).CreateSelfSigned(from, to);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
