namespace HubSpotCrm.Worker.HubSpot;

/// <summary>
/// One kind of HubSpot call (method and path, relative to the base address). Failures carry it, so that whoever
/// pauses for them can ask HubSpot again about that very call, not about some other endpoint that may well work.
/// </summary>
public sealed record HubSpotCall(HttpMethod Method, string Path)
{
    public static HubSpotCall Get(string path) => new(HttpMethod.Get, path);

    public static HubSpotCall Post(string path) => new(HttpMethod.Post, path);

    public override string ToString() => $"{Method} {Path}";
}
