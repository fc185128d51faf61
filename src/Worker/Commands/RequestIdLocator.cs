using System.Text.Json;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Finds the request id a message names by reading through it, not into a document, so it costs no memory even for a
/// message too large to check: its publisher still hears why it was refused. Any form <see cref="Guid.TryParse"/>
/// understands counts, also one the schema refuses (32 digits, braces): the CommandFailed for that refusal carries
/// the id, and the publisher's GET /api/v1/requests/{id} answers.
/// </summary>
public static class RequestIdLocator
{
    private const string RequestIdField = "requestId";

    /// <summary>Longer names and values cannot be a request id ("requestId" or a GUID, even with every character escaped).</summary>
    private const int MaxTokenBytes = 6 * 68;

    /// <summary>
    /// The request id in <paramref name="json"/>: under "message" in MassTransit's envelope, at the top otherwise. Only
    /// a message that is JSON throughout names one: an id at the start of a broken message is not trusted.
    /// </summary>
    public static Guid? Find(ReadOnlySpan<byte> json, bool envelope) => FindAll(json, envelope, bulk: false) is [var id] ? id : null;

    /// <summary>
    /// The request ids in <paramref name="json"/>, as <see cref="Find"/> finds one; in a bulk command
    /// (<see cref="Contracts.Commands.IBulkCommand"/>), those of the objects in the arrays it holds, each once.
    /// </summary>
    public static IReadOnlyList<Guid> FindAll(ReadOnlySpan<byte> json, bool envelope, bool bulk)
    {
        var ids = new List<Guid>();
        try
        {
            if (envelope)
            {
                var inEnvelope = new Utf8JsonReader(json);
                if (inEnvelope.Read() && inEnvelope.TokenType == JsonTokenType.StartObject && SeekMember(ref inEnvelope, "message", ignoreCase: false))
                {
                    if (inEnvelope.TokenType == JsonTokenType.StartObject)
                    {
                        Collect(ref inEnvelope, bulk, ids);
                    }
                    ReadToEnd(ref inEnvelope);
                    return ids;
                }
            }
            var reader = new Utf8JsonReader(json);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                Collect(ref reader, bulk, ids);
            }
            ReadToEnd(ref reader);
            return ids;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>From the start of a command: its request id, or a bulk command's ids.</summary>
    private static void Collect(ref Utf8JsonReader reader, bool bulk, List<Guid> ids)
    {
        if (!bulk)
        {
            if (RequestIdIn(ref reader) is { } id)
            {
                ids.Add(id);
            }
            return;
        }
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = reader.CurrentDepth;
                if (reader.TokenType == JsonTokenType.StartObject && RequestIdIn(ref reader) is { } id && !ids.Contains(id))
                {
                    ids.Add(id);
                }
                // RequestIdIn stops on the id's value, or past the object when it has none: go on from the item's end.
                while (reader.CurrentDepth > start && reader.Read())
                {
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
    }

    /// <summary>Reads the rest of the message: a <see cref="JsonException"/> unless it is JSON.</summary>
    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    /// <summary>From the start of an object: the id its requestId member holds, if it holds one.</summary>
    private static Guid? RequestIdIn(ref Utf8JsonReader reader)
    {
        if (!SeekMember(ref reader, RequestIdField, ignoreCase: true) || reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxTokenBytes)
        {
            return null;
        }
        return Guid.TryParse(TextOf(ref reader), out var id) && id != Guid.Empty ? id : null;
    }

    /// <summary>From the start of an object: moves onto the value of its first member called <paramref name="name"/>.</summary>
    private static bool SeekMember(ref Utf8JsonReader reader, string name, bool ignoreCase)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            var matches = reader.ValueSpan.Length <= MaxTokenBytes &&
                          string.Equals(TextOf(ref reader), name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            reader.Read();
            if (matches)
            {
                return true;
            }
            reader.Skip();
        }
        return false;
    }

    /// <summary>The token's text; null for an escaped lone surrogate, which is valid JSON but no text.</summary>
    private static string? TextOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
