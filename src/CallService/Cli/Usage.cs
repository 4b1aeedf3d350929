namespace CallService.Cli;

/// <summary>The help texts (--help, and after a usage error).</summary>
public static class Usage
{
    /// <summary>The commands in the order help lists them.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["run", "calls", "demo", "report", "seed-demo-data", "hash-password", "help"];

    /// <summary>Writes the overview: commands, configuration, exit codes.</summary>
    public static void WriteOverview(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("""
            CallService: answers the sales line of a property sales centre (SIP service with a web front).

            Usage: CallService [command] [options] [--Section:Key=value ...]

            Commands:
              run                 Run the service: SIP engine and web front (the default without a command).
              calls --json [--since <time>]
                                  Print the call records as JSON; <time> is an ISO 8601 time
                                  (2025-06-01T09:00+08:00) or a time ago (30m, 1h, 7d).
              demo                Run the service and place a demonstration call to the sales line.
              hash-password --user <user> --realm <realm> [--password <password>]
                                  Print the MD5 and SHA-256 HA1 of a SIP password, to configure instead
                                  of the password; without --password it is read from stdin.
              hash-password --web [--user <name>] [--password <password>]
                                  Print the PBKDF2 hash of a web sign-in password (Web:Users:n:PasswordHash).
              report --from <date> --to <date> [--line <line>] [--by agent|desk|day|hour|line] [--format table|csv|json]
                                  Print the ring-time statistics (service level, rings to answer, abandons,
                                  holds, callbacks) of whole days in Stats:TimeZone; docs/metrics.md.
              seed-demo-data --calls <n> [--days <d>] [--seed <s>]
                                  Write generated demonstration calls into the configured store.
              help, --help        Show this help; "CallService <command> --help" shows one command.

            Configuration (every command): appsettings.json next to the executable, then environment
            variables CallService__Section__Key=value, then arguments --Section:Key=value (the last wins),
            e.g. --Sip:Port=5070 or CallService__Web__Urls=http://0.0.0.0:8081. Keys: docs/configuration.md.

            Exit codes: 0 done, 1 failure (bad configuration, start failure, failed command), 2 usage error.
            """);
    }

    /// <summary>Writes the help of one command; false for an unknown command.</summary>
    public static bool WriteCommand(string command, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        string? text = command switch
        {
            "run" => """
                Usage: CallService [run] [--Section:Key=value ...]

                Runs the service until stopped (Ctrl+C, SIGTERM): the SIP engine on Sip:Address:Sip:Port
                (Sip:Transports) and the web front on Web:Urls, GET /health answering {"status":"ok"}.
                The configuration is checked first: every problem is printed on its own line naming the
                key, and the exit code is 1.
                """,
            "calls" => $"""
                Usage: CallService calls --json [--since <time>] [--Section:Key=value ...]

                Prints the call records as JSON on stdout (--json is required: JSON is the only format so far).
                  --since <time>   only calls that started at or after <time>: {SinceArgument.Expected};
                                   a time without an offset is local to this machine.
                """,
            "demo" => """
                Usage: CallService demo [--Section:Key=value ...]

                Starts the service like run, places a demonstration call to the sales line and prints what
                happens (rings, answer, greeting), then stops.
                """,
            "hash-password" => """
                Usage: CallService hash-password --user <user> --realm <realm> [--password <password>]
                       CallService hash-password --web [--user <name>] [--password <password>]

                Prints, as JSON, the digest HA1 values of a SIP account: MD5 and SHA-256 of
                user:realm:password (RFC 7616 3.4.2). Configure these instead of the password; they are
                valid for that realm only. Without --password the password is read from stdin (asked
                for twice, without echo, at a terminal), which keeps it out of the shell history.

                With --web it prints instead the hash of a web sign-in password (ASP.NET Core's
                PasswordHasher: PBKDF2 with a random salt) as {"UserName": ..., "PasswordHash": ...}:
                paste it into a user of Web:Users (docs/configuration.md, "Web sign-in").
                """,
            "help" => """
                Usage: CallService help | --help | <command> --help
                """,
            "report" => $"""
                Usage: CallService report --from <date> --to <date> [--line <line>] [--desk <desk>] [--agent <agent>]
                                          [--by agent|desk|day|hour|weekday-hour|line] [--format table|csv|json] [--Section:Key=value ...]

                Prints the ring-time statistics of the calls that started from the first moment of --from to the
                end of --to (both days included, midnights in Stats:TimeZone, default Asia/Shanghai), read from
                the configured store without writing (safe while the service runs). Every figure is defined in
                docs/metrics.md: service level (answered by an agent within the line's TargetRings / (offered -
                short abandons)), the Asterisk-style variant, rings to answer, time to answer, abandons, queue
                wait after auto-answer, holds and callbacks.
                  --from, --to <date>   {ReportArguments.ExpectedDate}
                  --line, --desk        only this line number or desk ("(none)": records without a desk)
                  --agent <agent>       only the calls this agent talked to ("auto": only the service answered)
                  --by                  also one row per agent, desk, day, hour of day, weekday and hour ("1-09": Monday 09:00) or line
                  --format              table (default), csv (one row per group) or json
                Settings: Stats:TimeZone, Stats:ShortAbandonSeconds (5), Stats:LongHoldSeconds (30).
                """,
            "seed-demo-data" => $"""
                Usage: CallService seed-demo-data --calls <n> [--days <d>] [--seed <s>] [--end <date>] [--append] [--Section:Key=value ...]

                Writes <n> generated call records (1..{SeedDemoDataArguments.MaxCalls}) spread over <d> days (default 30)
                ending with --end (default today, Stats:TimeZone) into the configured store, through the store
                itself. The same arguments and --seed (default 1) give the
                same records. Weekends and the morning and afternoon peaks are busiest; agents differ in speed;
                some callers hang up at once, while it rings or in the queue. A store that already holds calls
                is refused unless --append: point it at a database of its own, e.g.
                --Storage:ConnectionString="Data Source=demo.db".
                """,
            _ => null,
        };
        if (text is null)
        {
            return false;
        }
        writer.WriteLine(text);
        return true;
    }
}
