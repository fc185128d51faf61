using HubSpotCrm.Api.Requests;

namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// How a valid submission was taken in: as a new request now in the broker, as a replay of the request its
/// Idempotency-Key created earlier, or refused because the key was used for a different request.
/// </summary>
public sealed record Admission(Guid RequestId, RequestRecord? Earlier, bool KeyReused)
{
    public static Admission New(Guid requestId) => new(requestId, null, false);

    public static Admission Replay(RequestRecord earlier) => new(earlier.Id, earlier, false);

    public static Admission Reused() => new(Guid.Empty, null, true);
}
