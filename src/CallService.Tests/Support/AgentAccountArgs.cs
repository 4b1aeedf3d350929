using CallService.Sip.Auth;

namespace CallService.Tests.Support;

/// <summary>
/// The product's settings for front-desk agents on the sales line whose headsets register with a
/// digest password: what the product tests with baresip or sipp agents share.
/// </summary>
public static class AgentAccountArgs
{
    public const string Realm = "callservice";
    public const string Password = "s3cret-desk";

    /// <summary>Agent <paramref name="index"/>: id, SIP user and (unless given) display name <paramref name="id"/>, no wrap-up.</summary>
    public static string[] For(int index, string id, string? displayName = null) =>
    [
        $"--Agents:{index}:Id={id}",
        $"--Agents:{index}:DisplayName={displayName ?? id}",
        $"--Agents:{index}:SipUser={id}",
        // MD5 only: baresip 1.0 gives up on a SHA-256 challenge, and the registrar challenges only
        // the hash families an account has an HA1 for.
        $"--Agents:{index}:Ha1Md5={DigestHash.ComputeHa1(DigestAlgorithm.Md5, id, Realm, Password)}",
        $"--Agents:{index}:Desk=front-desk",
        $"--Agents:{index}:Lines:0=sales",
        $"--Agents:{index}:WrapUpSeconds=0",
    ];

    /// <summary>Agents <paramref name="ids"/>, in order, and the realm they authenticate in.</summary>
    public static string[] For(IReadOnlyList<string> ids) =>
        [$"--Sip:Realm={Realm}", .. ids.SelectMany((id, index) => For(index, id))];
}
