namespace CallService.Sip.Registrar;

/// <summary>Settings of <see cref="SipRegistrar"/>; checked when the registrar is built.</summary>
public sealed record RegistrarOptions
{
    /// <summary>The digest realm of the challenges (RFC 3261 22.1); the HA1 values are computed for it. Required.</summary>
    public required string Realm { get; init; }

    /// <summary>
    /// The domain of the addresses-of-record (RFC 3261 10.3 step 5: the canonical form sip:user@domain).
    /// Null (default): the realm. Phones may register to any host name or address that reaches the
    /// registrar; the binding is always kept under sip:user@<see cref="EffectiveDomain"/>.
    /// </summary>
    public string? Domain { get; init; }

    /// <summary>
    /// The Request-URI hosts this registrar is responsible for (RFC 3261 10.3 step 1), compared
    /// ignoring case. Empty (default): any host, since phones often register to an IP address.
    /// A REGISTER for another host is answered 404.
    /// </summary>
    public IReadOnlyList<string> ServedHosts { get; init; } = [];

    /// <summary>The expiry granted when the request names none (RFC 3261 10.2.1.1). Default 3600 s.</summary>
    public TimeSpan DefaultExpires { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>
    /// Shorter non-zero intervals are refused with 423 and Min-Expires (RFC 3261 10.3 step 7;
    /// 20.23). At most one hour, as the RFC allows 423 only below one hour. Default 60 s.
    /// </summary>
    public TimeSpan MinExpires { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longer intervals are shortened to this (RFC 3261 10.3 step 7 "MAY choose an expiration less"). Default 7200 s.</summary>
    public TimeSpan MaxExpires { get; init; } = TimeSpan.FromSeconds(7200);

    /// <summary>Most contacts bound to one address-of-record (bounded memory); more are refused with 403. Default 10.</summary>
    public int MaxContactsPerAddressOfRecord { get; init; } = 10;

    /// <summary>The domain of the addresses-of-record: <see cref="Domain"/>, or <see cref="Realm"/> when unset.</summary>
    public string EffectiveDomain => string.IsNullOrWhiteSpace(Domain) ? Realm : Domain;

    /// <summary>The canonical address-of-record of <paramref name="user"/>: "sip:user@domain".</summary>
    public string AddressOfRecordFor(string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        return $"sip:{user}@{EffectiveDomain.ToLowerInvariant()}";
    }

    /// <exception cref="ArgumentException">A value is out of range.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Realm) || Realm.AsSpan().IndexOfAny("\"\\\r\n") >= 0)
        {
            throw new ArgumentException("RegistrarOptions.Realm must be set and must not contain quotes, backslashes or line breaks.", nameof(Realm));
        }

        if (EffectiveDomain.AsSpan().IndexOfAny(" \t\r\n@;<>\"") >= 0)
        {
            throw new ArgumentException("RegistrarOptions.Domain must be a host name.", nameof(Domain));
        }

        if (MinExpires <= TimeSpan.Zero || MinExpires > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("RegistrarOptions.MinExpires must be between 1 s and 1 hour (RFC 3261 10.3).", nameof(MinExpires));
        }

        if (MaxExpires < MinExpires)
        {
            throw new ArgumentException("RegistrarOptions.MaxExpires must not be below MinExpires.", nameof(MaxExpires));
        }

        if (DefaultExpires < MinExpires || DefaultExpires > MaxExpires)
        {
            throw new ArgumentException("RegistrarOptions.DefaultExpires must lie between MinExpires and MaxExpires.", nameof(DefaultExpires));
        }

        if (MaxContactsPerAddressOfRecord < 1)
        {
            throw new ArgumentException("RegistrarOptions.MaxContactsPerAddressOfRecord must be at least 1.", nameof(MaxContactsPerAddressOfRecord));
        }
    }
}
