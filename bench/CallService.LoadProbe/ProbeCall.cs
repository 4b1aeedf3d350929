namespace CallService.LoadProbe;

/// <summary>Where one of the probe's calls stands.</summary>
internal enum ProbeCallState
{
    Inviting,
    Early,
    Confirmed,
    Terminating,
    Done,
    Failed,
}

/// <summary>One call the probe places; fields are guarded by locking the object.</summary>
internal sealed class ProbeCall(int index, string callId, string fromTag, int rtpSocket, int rtpPort)
{
    public int Index { get; } = index;

    public string CallId { get; } = callId;

    public string FromTag { get; } = fromTag;

    /// <summary>Which receiver socket of the pool the INVITE's SDP offered.</summary>
    public int RtpSocket { get; } = rtpSocket;

    public int RtpPort { get; } = rtpPort;

    public ProbeCallState State { get; set; } = ProbeCallState.Inviting;

    public byte[] Invite { get; set; } = [];

    public string InviteBranch { get; set; } = "";

    public long InviteSentNs { get; set; }

    public long NextRetransmitNs { get; set; }

    public long RetransmitIntervalNs { get; set; }

    public long FirstResponseNs { get; set; }

    public long EarlyMediaNs { get; set; }

    /// <summary>Kernel receive time of the first 200 OK to the INVITE.</summary>
    public long OkNs { get; set; }

    public int FinalStatus { get; set; }

    public string? ToTag { get; set; }

    public string? RemoteTarget { get; set; }

    /// <summary>The service's RTP port from its SDP (183 or 200): the source port of its stream.</summary>
    public int ServiceRtpPort { get; set; }

    public byte[]? Ack { get; set; }

    public byte[]? Bye { get; set; }

    public long ByeDueNs { get; set; } = long.MaxValue;

    public long ByeSentNs { get; set; }

    public long ByeOkNs { get; set; }

    public string? FailReason { get; set; }

    public bool EndedByService { get; set; }
}
