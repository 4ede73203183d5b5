return PlanNacc.Web.Cli.CommandLine.Run(args);
