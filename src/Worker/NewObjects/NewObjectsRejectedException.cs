using HubSpotCrm.Contracts.Queries;

namespace HubSpotCrm.Worker.NewObjects;

/// <summary>A read request the Worker cannot serve as asked; the consumer answers it with <see cref="Rejection"/>.</summary>
public sealed class NewObjectsRejectedException(NewObjectsRejected rejection) : Exception(rejection.Message)
{
    public NewObjectsRejected Rejection { get; } = rejection;
}
