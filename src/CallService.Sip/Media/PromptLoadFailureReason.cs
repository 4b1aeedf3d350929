namespace CallService.Sip.Media;

/// <summary>Why a prompt file could not be turned into audio.</summary>
public enum PromptLoadFailureReason
{
    /// <summary>No file at the configured path.</summary>
    FileNotFound,

    /// <summary>The file exists but could not be read (permissions, I/O error).</summary>
    Unreadable,

    /// <summary>The file is not a RIFF/WAVE file or its header is damaged.</summary>
    InvalidWave,

    /// <summary>A WAVE file in an encoding we do not read (ADPCM, MP3 in WAV, ...).</summary>
    UnsupportedFormat,

    /// <summary>The file holds no audio samples.</summary>
    NoAudio,
}
