using System.Runtime.InteropServices;

namespace CallService.Sip.Transport;

/// <summary>
/// A datagram the kernel holds to send at an instant (<see cref="SipTransportManager.TrySendAt"/>).
/// </summary>
public sealed class ScheduledDatagram
{
    private readonly TimedDatagramSender _sender;

    internal ScheduledDatagram(TimedDatagramSender sender, long id, IntPtr block, SafeHandle socket, int length)
    {
        _sender = sender;
        Id = id;
        Block = block;
        Socket = socket;
        Length = length;
    }

    /// <summary>
    /// Withdraws the datagram unless it has left. True: it will not leave (withdrawn, or its send
    /// failed), so a caller that still wants it sent sends it now. False: it has left or is leaving at
    /// this moment.
    /// </summary>
    public bool TryCancel() => _sender.TryCancel(this);

    internal long Id { get; }

    /// <summary>Native memory the kernel reads: timespec, msghdr, iovec, address and payload.</summary>
    internal IntPtr Block { get; set; }

    /// <summary>The socket, with a reference held until both completions are in.</summary>
    internal SafeHandle Socket { get; }

    internal int Length { get; }

    internal ScheduledDatagramState State { get; set; } = ScheduledDatagramState.Queued;

    internal bool TimeoutDone { get; set; }

    internal bool SendDone { get; set; }

    /// <summary>A removal of its timeout was submitted: a cancelled send is then no failure.</summary>
    internal bool Withdrawing { get; set; }

    /// <summary>The result of a timeout removal (0: removed in time; -ENOENT or -EALREADY: it fired).</summary>
    internal int? RemoveResult { get; set; }
}
