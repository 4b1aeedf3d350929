namespace CallService.Sip.Sdp;

/// <summary>
/// An a= line this library does not interpret (RFC 4566 5.13): "a=&lt;name&gt;" or
/// "a=&lt;name&gt;:&lt;value&gt;". Kept so that nothing is lost between parsing and writing.
/// </summary>
/// <param name="Name">The attribute name.</param>
/// <param name="Value">The value after the colon; null for a property attribute without one.</param>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>The text after "a=".</summary>
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
