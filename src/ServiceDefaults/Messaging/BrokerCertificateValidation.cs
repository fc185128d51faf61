using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// Checks the broker's certificate as a browser would check a web site's: it must name the host of RabbitMq:Uri, and
/// chain to a trusted CA, the system's or, with RabbitMq:CaCertificateFile, only those. There is no setting to accept
/// a certificate that fails. A refusal says why in its exception, which the connection failure carries to the logs
/// and to readiness; RabbitMQ.Client's own check would only say that the certificate was rejected.
/// </summary>
internal sealed class BrokerCertificateValidation(string host, X509Certificate2Collection? trustedCas, string? caFile)
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            throw new BrokerCertificateRejectedException($"The broker at {host} presented no certificate.");
        }
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            throw new BrokerCertificateRejectedException(
                $"The broker's certificate ({Describe(presented)}) does not name {host}, the host of RabbitMq:Uri: connect by a name the certificate holds.");
        }
        var untrusted = trustedCas is null
            ? errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) ? Problems(chain) : null
            : ChainsToOwnCas(presented, chain);
        if (untrusted is not null)
        {
            var trust = trustedCas is null
                ? "the system trust store (add the broker's CA to it, or name a CA file in RabbitMq:CaCertificateFile)"
                : $"RabbitMq:CaCertificateFile {caFile}";
            throw new BrokerCertificateRejectedException(
                $"The broker's certificate ({Describe(presented)}, issued by {presented.Issuer}) is not issued by a trusted CA: {untrusted}. Trusted CAs come from {trust}.");
        }
        return true;
    }

    private string? ChainsToOwnCas(X509Certificate2 presented, X509Chain? sent)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedCas!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (sent is not null)
        {
            // The intermediate certificates the broker sent along with its own.
            chain.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
            chain.ChainPolicy.ExtraStore.AddRange(sent.ChainElements.Skip(1).Select(e => e.Certificate).ToArray());
        }
        return chain.Build(presented) ? null : Problems(chain);
    }

    private static string Problems(X509Chain? chain) =>
        chain?.ChainStatus is { Length: > 0 } statuses ? string.Join("; ", statuses.Select(s => $"{s.Status} ({s.StatusInformation.Trim()})")) : "no chain to a trusted root";

    private static string Describe(X509Certificate2 certificate)
    {
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())))
            .ToList();
        return names.Count > 0 ? $"{certificate.Subject}, for {string.Join(", ", names)}" : certificate.Subject;
    }
}
