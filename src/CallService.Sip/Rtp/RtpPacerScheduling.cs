namespace CallService.Sip.Rtp;

/// <summary>How the pacer thread asks the operating system to schedule it.</summary>
public enum RtpPacerScheduling
{
    /// <summary>An ordinary thread: fine on an idle machine, late by tens of ms when the CPU is contended.</summary>
    Normal,

    /// <summary>
    /// Real-time where permitted (Linux: SCHED_RR, which needs CAP_SYS_NICE or an RLIMIT_RTPRIO, e.g.
    /// systemd <c>LimitRTPRIO=</c>/<c>AmbientCapabilities=CAP_SYS_NICE</c>, docker <c>--cap-add SYS_NICE</c>),
    /// highest thread priority elsewhere. Falls back to <see cref="Normal"/> with a warning.
    /// The pacer sleeps between deadlines and spins at most <see cref="RtpPacerOptions.SpinWindow"/>
    /// per slot, so it cannot monopolise a core (and Linux throttles real-time threads at 95 %).
    /// </summary>
    Realtime,
}
