using CallService.Web.Auth;

namespace CallService.Tests.Web;

/// <summary>The PBKDF2 password hashes (ASP.NET Core PasswordHasher, format v3).</summary>
public sealed class WebPasswordHashTests
{
    [Fact]
    public void A_hash_verifies_its_password_only_and_is_salted()
    {
        string first = WebPasswordHash.Hash("前台 secret");
        string second = WebPasswordHash.Hash("前台 secret");

        Assert.NotEqual(first, second);
        Assert.True(WebPasswordHash.Verify(first, "前台 secret"));
        Assert.True(WebPasswordHash.Verify(second, "前台 secret"));
        Assert.False(WebPasswordHash.Verify(first, "前台 secret "));
        Assert.False(WebPasswordHash.Verify(first, ""));
        Assert.True(WebPasswordHash.IsWellFormed(first));
        Assert.Equal(1, Convert.FromBase64String(first)[0]); // format v3
    }

    [Theory]
    [InlineData("")]
    [InlineData("the-password-itself")]
    [InlineData("AQAAAA==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // v2 marker 0x00
    [InlineData("3d78807defe7de2157e2b0b6573a855f")] // an HA1, not a web hash
    public void Anything_else_is_not_a_hash_and_verifies_nothing(string value)
    {
        Assert.False(WebPasswordHash.IsWellFormed(value));
        Assert.False(WebPasswordHash.Verify(value, value));
    }
}
