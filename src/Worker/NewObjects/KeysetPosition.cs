using System.Globalization;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.NewObjects;

/// <summary>
/// Where a type's page ended: the last object's createdate and id. The next page asks for objects created later, or at
/// the same time with a greater id, so paging never hits HubSpot's 10,000-result search cap and never skips ties.
/// </summary>
public sealed record KeysetPosition(long CreatedAtMs, long Id)
{
    public static KeysetPosition After(HubSpotObject last) =>
        new(last.CreatedAt.ToUnixTimeMilliseconds(), long.Parse(last.Id, CultureInfo.InvariantCulture));
}
