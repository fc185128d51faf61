using System.Text.Json;

namespace HubSpotCrm.Api.Results;

internal static class ResultJson
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
