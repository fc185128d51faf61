using System.Security.Authentication;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>The broker's certificate failed the check; the message says how, and never holds a credential.</summary>
public sealed class BrokerCertificateRejectedException(string message) : AuthenticationException(message);
