using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HubSpotEmulator.Json;

internal static class EmulatorJson
{
    /// <summary>HubSpot escapes quotes as <c>\"</c> (the default encoder would write <c>\u0022</c>, visibly different in error messages).</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Source-generated metadata bound to the emulator's serializer options; used for every response.</summary>
    public static readonly EmulatorJsonContext Context = new(ApplyFormat(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    /// <summary>Request binding by minimal APIs: the same format, resolved from the source-generated metadata.</summary>
    public static void ConfigureHttp(JsonSerializerOptions options)
    {
        ApplyFormat(options);
        options.TypeInfoResolverChain.Insert(0, EmulatorJsonContext.Default);
    }

    private static JsonSerializerOptions ApplyFormat(JsonSerializerOptions options)
    {
        options.Encoder = Encoder;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
