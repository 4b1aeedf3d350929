namespace CallService.Sip.Registrar;

/// <summary>Why the contacts of a REGISTER were refused (RFC 3261 10.3 steps 6-7), with the status each maps to.</summary>
public enum RegisterRejection
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>Contact * with other contacts or with an expiry other than 0 (RFC 3261 10.3 step 6): 400.</summary>
    InvalidWildcard,

    /// <summary>A contact that is not a SIP URI or carries a malformed expires parameter: 400.</summary>
    InvalidContact,

    /// <summary>A non-zero expiry below the minimum (RFC 3261 10.3 step 7, 20.23): 423 with Min-Expires.</summary>
    IntervalTooBrief,

    /// <summary>Same Call-ID with a CSeq not above the binding's (RFC 3261 10.3 step 7): the update fails, 500.</summary>
    OutOfOrder,

    /// <summary>More contacts than the registrar keeps for one address-of-record: 403.</summary>
    TooManyContacts,
}
