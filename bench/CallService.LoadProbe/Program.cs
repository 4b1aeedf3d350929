using CallService.LoadProbe;

// The load probe of bench/load (see bench/README.md, "Load"). Every command prints one summary line.
const string Usage = """
    usage:
      hold  --service 127.0.0.1:PORT [--line sales] [--calls N] [--rate R] [--settle S] [--measure S]
            [--rtp-sockets K] [--server-pid PID] [--metrics-url URL] [--csv FILE]
      ring  --service 127.0.0.1:PORT [--line ring] [--calls N] [--rate R] [--expected-ms MS]
            [--hang-up-after S] [--server-pid PID] [--metrics-url URL] [--csv FILE]
      sip-latency --pcap FILE --sip-port PORT
      register-latency --pcap FILE --sip-port PORT
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
try
{
    var options = new ProbeArguments(args.Skip(1));
    switch (args[0])
    {
        case "hold":
            return HoldScenario.Run(options);
        case "ring":
            return RingScenario.Run(options);
        case "sip-latency":
            Console.WriteLine(PcapSipLatency.Run(options.Required("pcap"), options.Int("sip-port", 5060)));
            return 0;
        case "register-latency":
            Console.WriteLine(PcapRegisterLatency.Run(options.Required("pcap"), options.Int("sip-port", 5060)));
            return 0;
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
