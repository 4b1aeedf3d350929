namespace CallService.Tests.Support;

/// <summary>Audio files the tests make for themselves.</summary>
public static class TestAudio
{
    /// <summary>A 16-bit 8 kHz mono WAV of a sine tone.</summary>
    public static void WriteToneWav(string path, int seconds, double frequencyHz, int sampleRate = 8000)
    {
        int samples = seconds * sampleRate;
        using var file = File.Create(path);
        using var writer = new BinaryWriter(file);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (int i = 0; i < samples; i++)
        {
            writer.Write((short)(8000 * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRate)));
        }
    }
}
