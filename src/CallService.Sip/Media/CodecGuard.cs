namespace CallService.Sip.Media;

/// <summary>Argument checks shared by the encoders and decoders (programming errors, not bad input).</summary>
internal static class CodecGuard
{
    public static void EnsureCapacity(int available, int needed, string parameterName)
    {
        if (available < needed)
        {
            throw new ArgumentException($"The destination holds {available} items but {needed} are needed.", parameterName);
        }
    }
}
