namespace CallService.Sip.Media;

/// <summary>
/// A streaming sample-rate converter of 16-bit PCM for one direction of one stream: it keeps the
/// filter history between calls so consecutive 20 ms frames join without a seam. Not thread-safe;
/// does not allocate per call.
/// </summary>
public interface IPcmResampler
{
    int InputSampleRate { get; }

    int OutputSampleRate { get; }

    /// <summary>The samples <see cref="Process"/> writes for <paramref name="inputSamples"/> input samples.</summary>
    int OutputLength(int inputSamples);

    /// <summary>Converts <paramref name="input"/> into <paramref name="output"/>; returns the samples written.</summary>
    int Process(ReadOnlySpan<short> input, Span<short> output);

    /// <summary>Clears the filter history (a new stream starts).</summary>
    void Reset();
}
