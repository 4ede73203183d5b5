namespace PlanNacc.Benchmarks;

public static class BenchmarkProgram
{
    public static int Main(string[] args)
    {
        // `national` is a whole simulated night, not a micro-benchmark: it runs once and prints its figures.
        if (args is ["national", ..])
        {
            return National.NationalBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        // `rescore`: one crawl of the farm, its kept crawls copied to many LAOs, and one rescore run of them all.
        if (args is ["rescore", ..])
        {
            return Rescore.RescoreBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        // `dashboard` seeds a month of national history and puts wrk on the product's own server: also one run, not BenchmarkDotNet.
        if (args is ["dashboard", ..])
        {
            return Dashboard.DashboardBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        // `incremental` scans the farm on two nights, incrementally and in full, and prints the ratios.
        if (args is ["incremental", ..])
        {
            return Crawler.IncrementalBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
