using BenchmarkDotNet.Running;

// Micro benchmarks: `dotnet run -c Release --project bench/CallService.Bench -- --filter '*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
