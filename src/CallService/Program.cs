// CallService: one process that answers the sales line. The SIP engine runs as a hosted service of an
// ASP.NET Core WebApplication whose minimal APIs (the web front, GET /health) listen on Web:Urls.
//
//   Cli/CommandDispatcher     the first argument picks the command: run (default), calls, demo,
//                             hash-password, help; every command takes --Section:Key=value overrides
//   Hosting/CallServiceHost   the WebApplication: configuration rules, Serilog, Kestrel on Web:Urls,
//                             AddTelephony (typed options checked at start, lines, the SIP engine)
//   Cli/ServiceRunner         checks the configuration before starting (one line per problem, exit 1)
//
// Exit codes: 0 done, 1 failure, 2 usage error (Cli/ExitCodes).
using CallService.Cli;

return await CommandDispatcher.RunAsync(args, CommandConsole.System, CancellationToken.None);
