namespace CallService.Sip.Registrar;

/// <summary>
/// RFC 3261 10.3 step 7 as a pure function: from the current bindings of an address-of-record and
/// one REGISTER, the complete new set of bindings, or why the whole update fails. No clock, no
/// store: <see cref="SipRegistrar"/> runs it inside <see cref="IRegistrationStore.Update"/> so that
/// every change of one request commits together or not at all.
/// </summary>
public static class BindingRules
{
    /// <summary>Applies <paramref name="contacts"/> of <paramref name="attempt"/> to <paramref name="current"/>.</summary>
    /// <returns>The new set, or the rejection (<see cref="RegisterRejection.OutOfOrder"/>, <see cref="RegisterRejection.TooManyContacts"/>).</returns>
    public static (IReadOnlyList<SipBinding>? Bindings, RegisterRejection Rejection) Apply(
        IReadOnlyList<SipBinding> current, RegisterContacts contacts, RegisterAttempt attempt, int maxContacts)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(contacts);
        if (contacts.Rejection != RegisterRejection.None)
        {
            return (null, contacts.Rejection);
        }

        if (contacts.IsQuery)
        {
            return (current, RegisterRejection.None);
        }

        if (contacts.IsWildcard)
        {
            // RFC 3261 10.3 step 7: with "*", a binding of the same Call-ID is removed only when the
            // request's CSeq is higher; otherwise the whole update fails.
            foreach (SipBinding binding in current)
            {
                if (IsOutOfOrder(binding, attempt))
                {
                    return (null, RegisterRejection.OutOfOrder);
                }
            }

            return ([], RegisterRejection.None);
        }

        var next = new List<SipBinding>(current);
        foreach (RequestedBinding requested in contacts.Bindings)
        {
            // RFC 3261 10.3 step 7: another Call-ID always updates (the UA restarted); the same
            // Call-ID needs a higher CSeq, else the request is old or replayed and fails. Compared
            // with the binding as it was before this request (a contact may be listed twice).
            foreach (SipBinding before in current)
            {
                if (before.IsFor(requested.Contact.Uri) && IsOutOfOrder(before, attempt))
                {
                    return (null, RegisterRejection.OutOfOrder);
                }
            }

            int index = next.FindIndex(b => b.IsFor(requested.Contact.Uri));
            if (index >= 0)
            {
                SipBinding existing = next[index];

                if (requested.Expires == TimeSpan.Zero)
                {
                    next.RemoveAt(index);
                }
                else
                {
                    next[index] = existing with
                    {
                        Contact = requested.Contact,
                        CallId = attempt.CallId,
                        CSeq = attempt.CSeq,
                        ExpiresAt = attempt.Now + requested.Expires,
                        Source = attempt.Source,
                        AuthenticatedUser = attempt.AuthenticatedUser,
                        UserAgent = attempt.UserAgent,
                        // Registering again proves the contact is alive (ContactQualifier).
                        IsReachable = true,
                    };
                }
            }
            else if (requested.Expires > TimeSpan.Zero)
            {
                next.Add(new SipBinding
                {
                    AddressOfRecord = attempt.AddressOfRecord,
                    Contact = requested.Contact,
                    CallId = attempt.CallId,
                    CSeq = attempt.CSeq,
                    ExpiresAt = attempt.Now + requested.Expires,
                    RegisteredAt = attempt.Now,
                    Source = attempt.Source,
                    AuthenticatedUser = attempt.AuthenticatedUser,
                    UserAgent = attempt.UserAgent,
                });
            }
        }

        return next.Count > maxContacts ? (null, RegisterRejection.TooManyContacts) : (next, RegisterRejection.None);
    }

    private static bool IsOutOfOrder(SipBinding binding, RegisterAttempt attempt) =>
        string.Equals(binding.CallId, attempt.CallId, StringComparison.Ordinal) && attempt.CSeq <= binding.CSeq;
}
