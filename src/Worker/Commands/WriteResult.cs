namespace HubSpotCrm.Worker.Commands;

/// <summary>What became of one input of a batch write.</summary>
/// <param name="Id">The object's id; for <see cref="AlreadyExisted"/>, the id of the object that already held the key.</param>
/// <param name="AlreadyExisted">HubSpot refused to create it because an object with the same idempotency key exists.</param>
public sealed record WriteResult(string? Id, bool AlreadyExisted, Failure? Failure)
{
    public static WriteResult Written(string id) => new(id, false, null);

    public static WriteResult Existing(string id) => new(id, true, null);

    public static WriteResult Failed(Failure failure) => new(null, false, failure);

    public bool Succeeded => Failure is null;
}
