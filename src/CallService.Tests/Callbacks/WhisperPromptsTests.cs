using CallService.Engine;
using CallService.Tests.Support;

namespace CallService.Tests.Callbacks;

/// <summary>The click-to-call whisper joined from recorded pieces: "回电" + surname + honorific, or "回电" alone.</summary>
public sealed class WhisperPromptsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("whisper-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Piece(string file, int seconds, int hz) => TestAudio.WriteToneWav(Path.Combine(_dir, file), seconds, hz);

    [Fact]
    public void A_recorded_surname_and_honorific_follow_the_fixed_whisper_and_anything_else_leaves_it_alone()
    {
        Piece(WhisperPrompts.FixedFile, 1, 400);
        Piece("whisper-王.wav", 2, 500);
        Piece("whisper-先生.wav", 3, 600);
        WhisperPrompts whisper = WhisperPrompts.Load(_dir)!;

        var joined = whisper.For(" 王 ", "先生");
        Assert.Equal("callback-whisper-王先生", joined.Name);
        Assert.Equal(TimeSpan.FromSeconds(6), joined.Duration);
        Assert.Same(joined, whisper.For("王", "先生")); // made once per name
        Assert.Equal(2, whisper.PieceCount);

        Assert.Equal("callback-whisper", whisper.For("欧阳", "先生").Name); // no recording of that surname
        Assert.Equal("callback-whisper", whisper.For("王", null).Name);     // honorific not noted
        Assert.Equal("callback-whisper", whisper.For(null, null).Name);
        Assert.Equal(TimeSpan.FromSeconds(1), whisper.For(null, null).Duration);
    }

    [Fact]
    public void Without_the_fixed_whisper_there_is_none()
    {
        Piece("whisper-王.wav", 1, 500);
        Assert.Null(WhisperPrompts.Load(_dir));
    }

    [Fact]
    public void The_bundled_prompts_cover_the_common_surnames_and_both_honorifics()
    {
        WhisperPrompts whisper = WhisperPrompts.Load(Path.Combine(Peers.RepoRoot, "samples", "prompts"))!;
        Assert.Equal(52, whisper.PieceCount);
        Assert.Equal("callback-whisper-陈女士", whisper.For("陈", "女士").Name);
    }
}
