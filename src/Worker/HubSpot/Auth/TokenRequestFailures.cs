namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>
/// Which failures of a token request prove it never reached HubSpot. Only these may be tried again: a request that went
/// out may have been carried out, and when HubSpot rotates refresh tokens it has then spent the one the request carried.
/// </summary>
public static class TokenRequestFailures
{
    public static bool NeverSent(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError } => true,

        // SocketsHttpHandler's ConnectTimeout. HttpClient's own timeout looks the same, but it is off for HubSpot's clients.
        OperationCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
