namespace HubSpotCrm.Contracts.Commands;

/// <summary>A command carrying many commands, each with the request id its own result event answers with.</summary>
public interface IBulkCommand
{
    IEnumerable<Guid> RequestIds { get; }
}
