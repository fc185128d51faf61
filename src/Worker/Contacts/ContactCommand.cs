using HubSpotCrm.Contracts.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// One UpsertContact to carry out, sent alone or as one of an UpsertContacts's, with the message it came in: its
/// answer goes out as that message's, for the client it names, and names <paramref name="Command"/> when it fails.
/// </summary>
public sealed record ContactCommand(UpsertContact Message, ConsumeContext Context, string Command);
