using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PlanNacc.Crawler.Fetching;

/// <summary>A TLS certificate that failed validation: what an LAO's web officer is told, and its typed kind.</summary>
internal sealed record CertificateProblem(string Text, SiteFailureKind Kind);

/// <summary>
/// Names why a certificate failed, in the words a hosting company understands: expired, self-signed, issued for another host name,
/// or an incomplete chain (the server does not send its intermediate certificate), from the policy errors and the chain status.
/// </summary>
internal static class CertificateCheck
{
    public static CertificateProblem Describe(SslPolicyErrors errors, X509Certificate? certificate, X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (a, b) => a | b)
            ?? X509ChainStatusFlags.NoError;
        var selfSigned = certificate is not null && certificate.Subject == certificate.Issuer;
        var kind = errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? SiteFailureKind.CertificateWrongHost
            : statuses.HasFlag(X509ChainStatusFlags.NotTimeValid) ? SiteFailureKind.CertificateExpired
            : statuses.HasFlag(X509ChainStatusFlags.PartialChain) ? SiteFailureKind.CertificateIncompleteChain
            : selfSigned && statuses.HasFlag(X509ChainStatusFlags.UntrustedRoot) ? SiteFailureKind.CertificateSelfSigned
            : SiteFailureKind.Certificate;
        var word = kind switch
        {
            SiteFailureKind.CertificateWrongHost => "wrong-host",
            SiteFailureKind.CertificateExpired => "expired",
            SiteFailureKind.CertificateIncompleteChain => "incomplete-chain",
            SiteFailureKind.CertificateSelfSigned => "self-signed",
            _ => errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) ? "no-certificate" : "untrusted",
        };
        var flags = statuses == X509ChainStatusFlags.NoError ? "" : ": " + statuses;
        return new CertificateProblem($"{word} ({errors}{flags})", kind);
    }
}
