using System.Security.Cryptography;
using System.Text;

namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>
/// Seals the stored record with AES-GCM under a key derived from the app's client id and secret, so the broker, its
/// management UI and whoever may read the queue see no token, and a record that was altered or sealed for another app
/// does not open. The record names the configured refresh token it descends from by its SHA-256 hash: only a record of
/// the configured token counts, so an operator who sets a new one is never overruled by the token the old one rotated to.
/// </summary>
internal sealed class RefreshTokenSeal
{
    private const byte Format = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int OriginSize = SHA256.HashSizeInBytes;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    private readonly byte[] _key;
    private readonly byte[] _origin;

    public RefreshTokenSeal(HubSpotOptions options)
    {
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(options.ClientSecret!), 32,
            Encoding.UTF8.GetBytes(options.ClientId!), "HubSpotCrm.Worker refresh-token store"u8.ToArray());
        _origin = SHA256.HashData(Encoding.UTF8.GetBytes(options.RefreshToken!));
    }

    public byte[] Seal(RefreshTokenState state)
    {
        var token = Encoding.UTF8.GetBytes(state.Token);
        var plain = new byte[OriginSize + 1 + token.Length];
        _origin.CopyTo(plain, 0);
        plain[OriginSize] = state.InDoubt ? (byte)1 : (byte)0;
        token.CopyTo(plain, OriginSize + 1);

        var record = new byte[HeaderSize + plain.Length];
        record[0] = Format;
        RandomNumberGenerator.Fill(record.AsSpan(1, NonceSize));
        using (var aes = new AesGcm(_key, TagSize))
        {
            aes.Encrypt(record.AsSpan(1, NonceSize), plain, record.AsSpan(HeaderSize), record.AsSpan(1 + NonceSize, TagSize), record.AsSpan(0, 1));
        }
        CryptographicOperations.ZeroMemory(plain);
        CryptographicOperations.ZeroMemory(token);
        return record;
    }

    public OpenedRecord Open(byte[] record)
    {
        if (record.Length < HeaderSize + OriginSize + 1 || record[0] != Format)
        {
            return new OpenedRecord(RecordOrigin.Unreadable, null);
        }
        var plain = new byte[record.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(record.AsSpan(1, NonceSize), record.AsSpan(HeaderSize), record.AsSpan(1 + NonceSize, TagSize), plain, record.AsSpan(0, 1));
        }
        catch (CryptographicException)
        {
            return new OpenedRecord(RecordOrigin.Unreadable, null);
        }
        if (!CryptographicOperations.FixedTimeEquals(plain.AsSpan(0, OriginSize), _origin))
        {
            return new OpenedRecord(RecordOrigin.OtherRefreshToken, null);
        }
        var state = new RefreshTokenState(Encoding.UTF8.GetString(plain, OriginSize + 1, plain.Length - OriginSize - 1), plain[OriginSize] == 1);
        CryptographicOperations.ZeroMemory(plain);
        return new OpenedRecord(RecordOrigin.ConfiguredRefreshToken, state);
    }
}

internal enum RecordOrigin
{
    /// <summary>Rotated from the configured HubSpot:RefreshToken: it wins over it.</summary>
    ConfiguredRefreshToken,

    /// <summary>Rotated from another refresh token than the configured one: the operator has set a new one since.</summary>
    OtherRefreshToken,

    /// <summary>Sealed with another client id or secret, altered, or not a record at all.</summary>
    Unreadable,
}

internal sealed record OpenedRecord(RecordOrigin Origin, RefreshTokenState? State);
