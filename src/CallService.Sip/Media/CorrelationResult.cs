namespace CallService.Sip.Media;

/// <summary>
/// The best alignment of a reference against received audio: <c>received[i + Lag]</c> lines up
/// with <c>reference[i]</c>. <see cref="Correlation"/> is the normalised cross-correlation at that
/// lag (1 = the same waveform up to a gain, 0 = unrelated, negative = inverted) computed over
/// <see cref="Overlap"/> samples (where both signals exist at that lag).
/// </summary>
public readonly record struct CorrelationResult(double Correlation, int Lag, int Overlap);
