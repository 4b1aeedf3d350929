using CallService.Tests.Support;
using CallService.Web.Auth;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Web;

/// <summary>The user store's sign-in check and its lockout, on a FakeTimeProvider.</summary>
public sealed class WebUserStoreTests
{
    private const string AyiPassword = "ayi-pass-1";
    private const string BossPassword = "boss-pass-1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 8, 9, 0, 0, TimeSpan.FromHours(8)));

    private WebUserStore Store(int maxFailures = 3, int lockoutMinutes = 15)
    {
        var options = new WebAuthOptions { MaxFailedSignIns = maxFailures, LockoutMinutes = lockoutMinutes };
        options.Users.Add(new WebUserOptions { UserName = "ayi", Role = "agent", AgentId = "ayi", PasswordHash = WebUsers.HashOf(AyiPassword) });
        options.Users.Add(new WebUserOptions { UserName = " Boss ", DisplayName = "陈经理", Role = "Manager", PasswordHash = WebUsers.HashOf(BossPassword) });
        return new WebUserStore(options, id => id == "ayi" ? "阿怡" : null, _time);
    }

    [Fact]
    public void The_right_password_signs_in_with_the_role_and_the_agents_display_name()
    {
        WebUserStore store = Store();

        SignInResult ayi = store.SignIn("AYI", AyiPassword);
        SignInResult boss = store.SignIn("boss", BossPassword);

        Assert.Equal(SignInOutcome.Succeeded, ayi.Outcome);
        Assert.Equal(new WebUser("ayi", "阿怡", WebRoles.Agent, "ayi", WebUsers.HashOf(AyiPassword)), ayi.User);
        Assert.Equal(SignInOutcome.Succeeded, boss.Outcome);
        Assert.Equal("陈经理", boss.User!.DisplayName);
        Assert.Equal(WebRoles.Manager, boss.User.Role);
        Assert.Null(boss.User.AgentId);
    }

    [Fact]
    public void A_wrong_password_or_an_unknown_name_fails_without_saying_which()
    {
        WebUserStore store = Store();

        Assert.Equal(new SignInResult(SignInOutcome.Failed, null, null), store.SignIn("ayi", "wrong"));
        Assert.Equal(new SignInResult(SignInOutcome.Failed, null, null), store.SignIn("nobody", AyiPassword));
        Assert.Equal(SignInOutcome.Failed, store.SignIn("ayi", AyiPassword.ToUpperInvariant()).Outcome);
    }

    [Fact]
    public void The_third_wrong_password_locks_the_name_out_for_15_minutes_even_for_the_right_password()
    {
        WebUserStore store = Store(maxFailures: 3, lockoutMinutes: 15);
        DateTimeOffset start = _time.GetUtcNow();

        Assert.Equal(SignInOutcome.Failed, store.SignIn("ayi", "wrong-1").Outcome);
        Assert.Equal(SignInOutcome.Failed, store.SignIn("ayi", "wrong-2").Outcome);
        SignInResult third = store.SignIn("ayi", "wrong-3");

        Assert.Equal(SignInOutcome.LockedOut, third.Outcome);
        Assert.Equal(start.AddMinutes(15), third.LockedUntil);

        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromMilliseconds(1));
        SignInResult stillLocked = store.SignIn("ayi", AyiPassword);
        Assert.Equal(SignInOutcome.LockedOut, stillLocked.Outcome);
        Assert.Equal(start.AddMinutes(15), stillLocked.LockedUntil);
        Assert.Null(stillLocked.User);

        // Another name is not affected.
        Assert.Equal(SignInOutcome.Succeeded, store.SignIn("boss", BossPassword).Outcome);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(SignInOutcome.Succeeded, store.SignIn("ayi", AyiPassword).Outcome);
    }

    [Fact]
    public void After_a_lockout_ends_counting_starts_again_from_zero()
    {
        WebUserStore store = Store(maxFailures: 2, lockoutMinutes: 1);
        store.SignIn("ayi", "wrong");
        Assert.Equal(SignInOutcome.LockedOut, store.SignIn("ayi", "wrong").Outcome);

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(SignInOutcome.Failed, store.SignIn("ayi", "wrong").Outcome);
        Assert.Equal(SignInOutcome.LockedOut, store.SignIn("ayi", "wrong").Outcome);
    }

    [Fact]
    public void A_successful_sign_in_clears_the_count()
    {
        WebUserStore store = Store(maxFailures: 3);
        store.SignIn("ayi", "wrong");
        store.SignIn("ayi", "wrong");
        Assert.Equal(SignInOutcome.Succeeded, store.SignIn("ayi", AyiPassword).Outcome);

        Assert.Equal(SignInOutcome.Failed, store.SignIn("ayi", "wrong").Outcome);
        Assert.Equal(SignInOutcome.Failed, store.SignIn("ayi", "wrong").Outcome);
        Assert.Equal(SignInOutcome.LockedOut, store.SignIn("ayi", "wrong").Outcome);
    }

    [Fact]
    public void Lockouts_of_unknown_names_are_not_kept()
    {
        var lockout = new SignInLockout(1, TimeSpan.FromMinutes(5), _time);

        Assert.Equal(_time.GetUtcNow().AddMinutes(5), lockout.Failed("x"));
        Assert.NotNull(lockout.LockedUntil("X"));
        lockout.Succeeded("x");
        Assert.Null(lockout.LockedUntil("x"));

        WebUserStore store = Store(maxFailures: 1);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(SignInOutcome.Failed, store.SignIn($"guess-{i}", "pw").Outcome);
            Assert.Equal(SignInOutcome.Failed, store.SignIn($"guess-{i}", "pw").Outcome);
        }
    }
}
