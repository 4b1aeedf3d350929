using System.Diagnostics;
using CallService.Sip.Media;
using CallService.Sip.Rtp;
using CallService.Tests.Rtp;
using Xunit.Abstractions;

namespace CallService.Tests.MediaBridge;

/// <summary>
/// What a bridged call costs: N calls (phone A, caller leg, agent leg, phone B each) run for 5 s
/// unbridged (the two service legs play silence) and then 5 s bridged (PCMU caller, G.722 agent:
/// transcoding both ways). The process CPU time (<see cref="Process.TotalProcessorTime"/>) of each
/// phase is measured; the difference is the bridge's own cost. Also checks the media path does
/// not allocate per packet. Run alone (real time).
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class MediaBridgeCostTests(ITestOutputHelper output)
{
    private const int Calls = 20;
    private const int PhaseFrames = 250; // 5 s

    [Fact]
    public async Task Bridged_calls_cost_little_CPU_and_allocate_nothing_per_packet()
    {
        using var pacer = new RtpPacer(TimeProvider.System);
        pacer.Start();
        var ports = BridgeRig.Ports(Calls * 4);
        var rigs = new List<BridgeRig>();
        try
        {
            for (int i = 0; i < Calls; i++)
            {
                var rig = BridgeRig.Start(pacer, ports, AudioCodecKind.Pcmu, AudioCodecKind.G722,
                    BridgeRig.Tone(440, AudioCodecKind.Pcmu), BridgeRig.Tone(1000, AudioCodecKind.G722), capture: false);
                rig.CallerLeg.Play(new SilenceSource(AudioCodecKind.Pcmu));
                rig.AgentLeg.Play(new SilenceSource(AudioCodecKind.G722));
                rigs.Add(rig);
            }

            await rigs[0].FramesPass(25); // warm up: every leg sending and receiving
            var unbridged = await MeasureAsync(rigs[0]);

            foreach (var rig in rigs)
            {
                rig.Bridge.Connect();
            }

            await rigs[0].FramesPass(25);
            long bridgedBefore = BridgedPackets(rigs);
            var bridged = await MeasureAsync(rigs[0]);
            long bridgedPackets = BridgedPackets(rigs) - bridgedBefore;

            double perCallUnbridged = unbridged.CpuShare / Calls * 100;
            double perCallBridged = bridged.CpuShare / Calls * 100;
            double bridgeShare = perCallBridged - perCallUnbridged;
            double allocationPerPacket = (double)(bridged.Allocated - unbridged.Allocated) / bridgedPackets;
            output.WriteLine($"{Calls} calls x 4 legs, {Environment.ProcessorCount} cores, pacer: {pacer.SchedulingApplied}");
            output.WriteLine($"unbridged: {unbridged.Cpu.TotalMilliseconds:F0} ms CPU in {unbridged.Seconds:F2} s = {perCallUnbridged:F3} % of a core per call (4 legs); allocated {unbridged.Allocated} B");
            output.WriteLine($"bridged:   {bridged.Cpu.TotalMilliseconds:F0} ms CPU in {bridged.Seconds:F2} s = {perCallBridged:F3} % of a core per call (4 legs); allocated {bridged.Allocated} B");
            output.WriteLine($"bridge alone: {bridgeShare:F3} % of a core per call; {bridgedPackets} packets bridged, {allocationPerPacket:F2} B allocated per packet beyond the unbridged phase");
            output.WriteLine($"to agent (one call): {rigs[0].Bridge.GetStatistics(BridgeDirection.CallerToAgent)}");

            Assert.True(bridgedPackets >= Calls * 2 * PhaseFrames * 8 / 10, $"{bridgedPackets} packets bridged");

            // Generous bounds for a shared 2-core machine; the measured figures are in the output.
            Assert.True(bridgeShare < 2.0, $"the bridge costs {bridgeShare:F3} % of a core per call");
            Assert.True(allocationPerPacket < 8, $"{allocationPerPacket:F2} B allocated per bridged packet");
            Assert.Equal(0, pacer.Faults);
        }
        finally
        {
            foreach (var rig in rigs)
            {
                rig.Dispose();
            }
        }
    }

    private static long BridgedPackets(List<BridgeRig> rigs) => rigs.Sum(r =>
        r.Bridge.GetStatistics(BridgeDirection.CallerToAgent).PacketsReceived
        + r.Bridge.GetStatistics(BridgeDirection.AgentToCaller).PacketsReceived);

    private static async Task<Phase> MeasureAsync(BridgeRig clock)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        long started = TimeProvider.System.GetTimestamp();

        await clock.FramesPass(PhaseFrames);

        process.Refresh();
        long allocatedAfter = GC.GetTotalAllocatedBytes(precise: true);
        double seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        TimeSpan used = process.TotalProcessorTime - cpu;
        return new Phase(used, seconds, used.TotalSeconds / seconds, allocatedAfter - allocated);
    }

    private readonly record struct Phase(TimeSpan Cpu, double Seconds, double CpuShare, long Allocated);
}
