return await PlanNacc.Web.Cli.CommandLine.RunAsync(args);
