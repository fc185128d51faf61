namespace HubSpotCrm.Contracts.Commands;

/// <summary>Every command carries the caller-chosen id its result event answers with.</summary>
public interface ICommand
{
    Guid RequestId { get; }
}
