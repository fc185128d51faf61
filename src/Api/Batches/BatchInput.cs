using System.Text.Json;

namespace HubSpotCrm.Api.Batches;

/// <summary>One item of a bulk submission as read, valid only while it is handed over (an NDJSON line's document is reused).</summary>
/// <param name="Index">Its position among the items, from 0.</param>
/// <param name="Line">The NDJSON line it came from, from 1; null in a JSON body.</param>
/// <param name="Path">Where it is, as error keys name it: items[3] in a JSON body, lines[4] in an upload.</param>
public readonly record struct BatchInput(int Index, int? Line, string Path, JsonElement Element);
