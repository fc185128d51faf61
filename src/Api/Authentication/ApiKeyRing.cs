using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Authentication;

/// <summary>
/// Finds the client a presented key belongs to. Keys are compared as SHA-256 hashes with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, and every configured key is compared every time, so the
/// time taken says neither how much of a key was right nor which client's key was tried.
/// </summary>
public sealed class ApiKeyRing(IOptions<ApiKeyOptions> options)
{
    private readonly (string Client, byte[] Hash)[] _keys =
        [.. options.Value.ConfiguredKeys.Select(k => (k.Key, Hash(k.Value)))];

    public string? FindClient(string presentedKey)
    {
        var presented = Hash(presentedKey);
        string? client = null;
        foreach (var (name, hash) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                client = name;
            }
        }
        return client;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
