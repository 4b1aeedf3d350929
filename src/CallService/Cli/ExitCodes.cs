namespace CallService.Cli;

/// <summary>The process exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>Done (or the service stopped normally).</summary>
    public const int Ok = 0;

    /// <summary>A bad configuration, a start failure or a failed operation; stderr says which.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown command or option, missing or bad argument.</summary>
    public const int Usage = 2;
}
