namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// The largest command message the Worker takes, in bytes: 1 MiB, part of the wire contract. The largest command the
/// Api itself publishes is well under it (a 256 KB body; MassTransit writes characters outside the Basic Multilingual
/// Plane as two \u escapes, at most three times their UTF-8 bytes), and a larger message is refused before it is read,
/// so a hostile one costs its bytes and nothing more. The broker should refuse such messages from publishers itself
/// (RabbitMQ's max_message_size); this check holds where it does not.
/// </summary>
public static class MessageSizeLimit
{
    public const int MaxBytes = 1024 * 1024;
}
