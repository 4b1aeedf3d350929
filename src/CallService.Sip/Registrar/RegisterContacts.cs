using CallService.Sip.Messages;

namespace CallService.Sip.Registrar;

/// <summary>
/// The Contact part of a REGISTER as RFC 3261 10.3 step 6 reads it: a query (no Contact), a
/// wildcard removal (Contact: * with Expires: 0), or contacts with granted expiries; or why it is
/// refused. Pure: built by <see cref="Read"/> from the request and the options, no clock.
/// </summary>
public sealed class RegisterContacts
{
    private RegisterContacts(RegisterRejection rejection, bool isWildcard, IReadOnlyList<RequestedBinding> bindings)
    {
        Rejection = rejection;
        IsWildcard = isWildcard;
        Bindings = bindings;
    }

    /// <summary>Why the request is refused, or <see cref="RegisterRejection.None"/>.</summary>
    public RegisterRejection Rejection { get; }

    /// <summary>Contact: * with Expires: 0: remove every binding (RFC 3261 10.2.2).</summary>
    public bool IsWildcard { get; }

    /// <summary>No Contact header: the UA only asks for the current bindings (RFC 3261 10.2.3).</summary>
    public bool IsQuery => !IsWildcard && Rejection == RegisterRejection.None && Bindings.Count == 0;

    /// <summary>The contacts with their granted expiries, in request order.</summary>
    public IReadOnlyList<RequestedBinding> Bindings { get; }

    /// <summary>
    /// RFC 3261 10.3 step 6 and the expiry part of step 7: each contact's expiry is its expires
    /// parameter, else the Expires header, else <see cref="RegistrarOptions.DefaultExpires"/>;
    /// non-zero values below <see cref="RegistrarOptions.MinExpires"/> refuse the whole request
    /// (423), values above <see cref="RegistrarOptions.MaxExpires"/> are shortened.
    /// </summary>
    public static RegisterContacts Read(SipRequest request, RegistrarOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<SipNameAddress> contacts = request.Contacts;
        int? headerExpires = request.Expires;
        if (contacts.Count == 0)
        {
            return new RegisterContacts(RegisterRejection.None, false, []);
        }

        bool wildcard = false;
        foreach (SipNameAddress contact in contacts)
        {
            wildcard |= contact.IsWildcard;
        }

        if (wildcard)
        {
            // RFC 3261 10.3 step 6: "*" only alone and only with Expires: 0.
            return contacts.Count == 1 && headerExpires == 0
                ? new RegisterContacts(RegisterRejection.None, true, [])
                : Refuse(RegisterRejection.InvalidWildcard);
        }

        var bindings = new List<RequestedBinding>(contacts.Count);
        foreach (SipNameAddress contact in contacts)
        {
            if (!contact.Uri.IsSipOrSips)
            {
                // We only ever send SIP requests to a contact.
                return Refuse(RegisterRejection.InvalidContact);
            }

            long seconds;
            string? parameter = contact.GetParameter("expires");
            if (parameter is not null)
            {
                // RFC 3261 20.10: contact-params-expires = "expires" EQUAL delta-seconds.
                if (!uint.TryParse(parameter, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint value))
                {
                    return Refuse(RegisterRejection.InvalidContact);
                }

                seconds = value;
            }
            else
            {
                seconds = headerExpires ?? (long)options.DefaultExpires.TotalSeconds;
            }

            TimeSpan requested = TimeSpan.FromSeconds(seconds);
            if (requested > TimeSpan.Zero && requested < options.MinExpires)
            {
                return Refuse(RegisterRejection.IntervalTooBrief);
            }

            TimeSpan granted = requested > options.MaxExpires ? options.MaxExpires : requested;
            bindings.Add(new RequestedBinding(contact.WithoutParameter("expires"), granted));
        }

        return new RegisterContacts(RegisterRejection.None, false, bindings);
    }

    private static RegisterContacts Refuse(RegisterRejection rejection) => new(rejection, false, []);
}
