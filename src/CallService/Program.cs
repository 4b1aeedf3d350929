// The host grows in the sales-line issue; for now it only proves the solution builds and runs.
Console.WriteLine("CallService: the service host arrives with the sales-line work.");
return 0;
